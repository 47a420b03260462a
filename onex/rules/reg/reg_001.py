"""REG-001 — a file cannot be read.

Found while loading (onex.yamlread, onex.load): YAML syntax, an encoding other than UTF-8 (GBK and
GB18030 are named, with the command that converts them), duplicate keys, anchors/aliases/tags,
nesting too deep, a file over the size cap, a symbolic link leaving the registry or looping,
git's merge-conflict markers, a lone CR (lines are counted by LF, as git does). The file is
skipped; everything else is still loaded and checked.
"""

from __future__ import annotations

from onex.rules.base import Rule

RULE = Rule(
    id="REG-001",
    severity="error",
    clause="§3",
    title={"zh": "文件无法读取", "en": "a file cannot be read"},
    why={
        "zh": "登记库是教务处日常管理（§3）的依据：读不了的文件等于缺失的记录。onex 拒绝语法错误、非 UTF-8 编码（GBK/GB18030 会被指出）、重复键、锚点/别名/标签、过深嵌套、超大文件、未解决的合并冲突标记和循环的符号链接，并继续检查其余文件。",
        "en": "The registry is what the office manages by (§3): a file that cannot be read is a missing record. onex refuses YAML syntax errors, encodings other than UTF-8 (GBK/GB18030 are named), duplicate keys, anchors/aliases/tags, deep nesting, oversized files, unresolved merge-conflict markers and looping links, and checks the rest.",
    },
    violates="name: 信息工程学院\nname: 信息学院        # the same key twice\n",
    satisfies="name: 信息工程学院\n",
)
