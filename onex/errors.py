"""The one error that stops a command. The CLI turns it into a message and exit code 2."""

from __future__ import annotations

from typing import Any

from onex.messages import register, render


class FatalError(Exception):
    """onex cannot run (no registry, bad arguments, a file it refuses to write)."""

    def __init__(self, message: str, exit_code: int = 2, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params
        self.exit_code = exit_code

    def text(self, lang: str) -> str:
        return render(self.message, self.params, lang)


MESSAGES = {
    "fatal.no_registry": {
        "zh": "找不到登记库：{path} 下没有 onex.yaml。用 --registry 指定登记库目录，或设置 ONEX_REGISTRY。",
        "en": "no registry found: {path} has no onex.yaml. Point --registry at the registry folder, or set ONEX_REGISTRY.",
    },
    "fatal.bad_date": {
        "zh": "日期 {value} 无效：请写作 YYYY-MM-DD，如 2026-12-31",
        "en": "invalid date {value}: write it as YYYY-MM-DD, e.g. 2026-12-31",
    },
    "fatal.bad_lang": {
        "zh": "不支持的语言 {value}：请用 zh 或 en",
        "en": "unsupported language {value}: use zh or en",
    },
    "fatal.bad_paths": {
        "zh": "不支持的 --paths {value}：可用 {known}",
        "en": "unsupported --paths {value}: use one of {known}",
    },
    "fatal.bad_format": {
        "zh": "不支持的格式 {value}：可用 {known}",
        "en": "unsupported format {value}: use one of {known}",
    },
    "fatal.unknown_rule": {
        "zh": "没有规则 {rule}。`onex rules` 列出全部规则。",
        "en": "there is no rule {rule}. `onex rules` lists them all.",
    },
    "fatal.unknown_college": {
        "zh": "登记库中没有二级学院 {college}（已有：{known}）",
        "en": "the registry has no college {college} (there are: {known})",
    },
}
register(MESSAGES)
