"""`onex diff` output: text (a terminal), markdown (a pull-request comment, $GITHUB_STEP_SUMMARY),
json (tools)."""

from __future__ import annotations

from onex import escape
from onex.diff import Diff, Figure
from onex.messages import render
from onex.problems import Problem
from onex.render import problems as _check_messages  # noqa: F401  (check.severity.*)

FORMATS = ("text", "markdown", "json")


def _t(message: str, lang: str, **params: object) -> str:
    return render(message, params, lang)


def _side(name: str | None, commit: str | None, lang: str) -> str:
    if name is None:
        return _t("diff.work_tree", lang)
    return name if commit is None or commit.startswith(name) else _aside(name, commit[:12], lang)


def _aside(text: str, note: object, lang: str) -> str:
    """`text (note)`, with the brackets of the output's language (full-width in Chinese)."""
    return _t("diff.aside", lang, text=text, note=note)


def _value(value: object, lang: str) -> str:
    if value is None:
        return _t("diff.absent", lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _limit(figure: Figure, lang: str) -> str:
    if figure.limit_kind is None:
        return ""
    if figure.limit_kind == "no_budget":
        return _t("diff.limit.no_budget", lang)
    text = _t(f"diff.limit.{figure.limit_kind}", lang, value=_value(figure.limit, lang))
    if figure.breached:
        return _t(
            "diff.limit.below" if figure.limit_kind == "minimum" else "diff.limit.over", lang, limit=text
        )
    return text


def _figure_name(figure: Figure, lang: str) -> str:
    return _t(f"diff.figure.{figure.kind}", lang, **figure.params)


def _headline(result: Diff, lang: str) -> str:
    return _t(
        "diff.headline",
        lang,
        introduced=len(result.introduced),
        errors=sum(1 for p in result.introduced if p.severity == "error"),
        resolved=len(result.resolved),
        errors_before=result.before_result.errors,
        errors_after=result.after_result.errors,
        warnings_before=result.before_result.warnings,
        warnings_after=result.after_result.warnings,
        as_of=result.as_of.isoformat(),
    )


def _title(result: Diff, lang: str) -> str:
    before = _side(result.before, result.before_commit, lang)
    return _t("diff.title", lang, before=before, after=_side(result.after, result.after_commit, lang))


# --- text -----------------------------------------------------------------------------------


def _text_lines(result: Diff, lang: str) -> list[tuple[str, str]]:
    """The text's lines as (where, what): on a terminal `what` wraps, four cells in."""
    lines = [("", _title(result, lang)), ("", _headline(result, lang))]
    for heading, problems in (("diff.introduced", result.introduced), ("diff.resolved", result.resolved)):
        lines += [("", ""), ("", _t(heading, lang))]
        if not problems:
            lines.append(("  ", _t("diff.nothing", lang)))
        for p in problems:
            severity = _t(f"check.severity.{p.severity}", lang)
            lines.append((f"  {p.file}:{p.line}  {severity}  {p.rule}  ", p.text(lang)))
    lines += [("", ""), ("", _t("diff.figures", lang))]
    if not result.figures:
        lines.append(("  ", _t("diff.no_figures", lang)))
    for f in result.figures:
        limit = _limit(f, lang)
        moved = f"{_value(f.before, lang)} → {_value(f.after, lang)}"
        lines.append(
            (
                "  ",
                f"{_figure_name(f, lang)}: {moved}"
                + (f"  {_t('diff.note', lang, note=limit)}" if limit else ""),
            )
        )
    return [(escape.terminal(where), escape.terminal(what)) for where, what in lines]


def print_text(result: Diff, lang: str, console: object) -> None:
    """The text on `console`: one line each when piped; inside the width on a terminal."""
    from rich.markup import escape as markup

    from onex.render.terminal import hanging

    for where, what in _text_lines(result, lang):
        hanging(console, markup(where), markup(what), indent=4)


# --- markdown -------------------------------------------------------------------------------


def _problem_rows(problems: list[Problem], lang: str) -> list[str]:
    head = [_t(f"diff.col.{c}", lang) for c in ("severity", "rule", "where", "message")]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
    icon = {"error": "❌", "warning": "⚠️"}
    for p in problems:
        severity = f"{icon[p.severity]} {_t(f'check.severity.{p.severity}', lang)}"
        rows.append(
            f"| {severity} | {p.rule} | {escape.markdown_cell(f'{p.file}:{p.line}')} | {escape.markdown_cell(p.text(lang))} |"
        )
    return rows


def as_markdown(result: Diff, lang: str) -> str:
    out = [
        f"### {escape.markdown_cell(_title(result, lang))}",
        "",
        f"**{escape.markdown_cell(_headline(result, lang))}**",
    ]
    for heading, problems in (("diff.introduced", result.introduced), ("diff.resolved", result.resolved)):
        out += ["", f"#### {_aside(_t(heading, lang), len(problems), lang)}", ""]
        out += _problem_rows(problems, lang) if problems else [_t("diff.nothing", lang)]
    out += ["", f"#### {_t('diff.figures', lang)}", ""]
    if not result.figures:
        out.append(_t("diff.no_figures", lang))
    else:
        head = [_t(f"diff.col.{c}", lang) for c in ("figure", "before", "after", "limit")]
        out += ["| " + " | ".join(head) + " |", "|---|--:|--:|---|"]
        for f in result.figures:
            limit = _limit(f, lang)
            mark = " ❌" if f.breached else ""
            cells = [
                escape.markdown_cell(_figure_name(f, lang)),
                _value(f.before, lang),
                _value(f.after, lang),
                escape.markdown_cell(limit) + mark,
            ]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


# --- json -----------------------------------------------------------------------------------


def _problem(p: Problem, lang: str) -> dict:
    return {
        "rule": p.rule,
        "severity": p.severity,
        "file": p.file,
        "line": p.line,
        "college": p.college,
        "message": p.text(lang),
    }


def as_json(result: Diff, lang: str) -> str:
    document = {
        "before": {"rev": result.before, "commit": result.before_commit},
        "after": {"rev": result.after, "commit": result.after_commit},
        "as_of": result.as_of.isoformat(),
        "introduced": [_problem(p, lang) for p in result.introduced],
        "resolved": [_problem(p, lang) for p in result.resolved],
        "figures": [
            {
                "kind": f.kind,
                **{k: v for k, v in f.params.items()},
                "before": f.before,
                "after": f.after,
                "limit": f.limit,
                "limit_kind": f.limit_kind,
                "breached": f.breached,
            }
            for f in result.figures
        ],
        "summary": {
            "introduced": len(result.introduced),
            "resolved": len(result.resolved),
            "errors": {"before": result.before_result.errors, "after": result.after_result.errors},
            "warnings": {"before": result.before_result.warnings, "after": result.after_result.warnings},
        },
    }
    return escape.json_text(document, indent=2)
