"""`onex agenda` output: table (people at a terminal), markdown, json (tools), ics (calendars)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from onex import escape
from onex.agenda import Agenda, Item
from onex.dates import add_days
from onex.messages import register, render

FORMATS = ("table", "markdown", "json", "ics")

MESSAGES = {
    "agenda.title": {
        "zh": "{institution} 1+X 待办事项（截至 {as_of}，未来 {days} 天及已逾期）",
        "en": "{institution}: 1+X agenda (as of {as_of}: the next {days} days and what is overdue)",
    },
    "agenda.summary": {
        "zh": "{items} 项待办，其中 {overdue} 项已逾期（截至 {as_of}，未来 {days} 天）",
        "en": "{items} open duties, {overdue} overdue (as of {as_of}, next {days} days)",
    },
    "agenda.nothing": {
        "zh": "未来 {days} 天内没有待办事项，也没有逾期事项（截至 {as_of}）",
        "en": "nothing falls due in the next {days} days and nothing is overdue (as of {as_of})",
    },
    "agenda.ics.where": {"zh": "登记库位置：{where}", "en": "In the registry: {where}"},
    "agenda.ics.who": {"zh": "负责人：{who}", "en": "Responsible: {who}"},
}
register(MESSAGES)


def _college(agenda: Agenda, item: Item) -> str:
    if item.college is None:
        return ""
    college = agenda.registry.colleges.get(item.college)
    return college.name if college is not None else item.college


def _summary(agenda: Agenda, lang: str) -> str:
    params = {
        "items": len(agenda.items),
        "overdue": agenda.overdue,
        "as_of": agenda.as_of,
        "days": agenda.days,
    }
    return render("agenda.summary" if agenda.items else "agenda.nothing", params, lang)


def rows(agenda: Agenda, lang: str) -> list[list[str]]:
    """One row per item: due, when, kind, who, college, where, what to do."""
    return [
        [
            item.due.isoformat(),
            item.when(lang),
            item.kind_text(lang),
            item.who_text(lang),
            _college(agenda, item),
            f"{item.file}:{item.line}",
            item.text(lang),
        ]
        for item in agenda.items
    ]


def headings(lang: str) -> list[str]:
    return [
        render(f"agenda.col.{key}", {}, lang)
        for key in ("due", "when", "kind", "who", "college", "where", "what")
    ]


# --- table -----------------------------------------------------------------------------------


def _pad(text: str, width: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(1, width - cell_len(text))


def print_table(agenda: Agenda, lang: str, console: Any) -> None:
    """Each item on two lines: due, when, duty, who and where; then what to do. Overdue in red."""
    from rich.cells import cell_len

    from onex.render.terminal import hanging, wraps

    table = [[escape.terminal(cell) for cell in row] for row in rows(agenda, lang)]
    widths = [max([0, *(cell_len(row[j]) for row in table)]) + 2 for j in range(4)]
    for item, row in zip(agenda.items, table, strict=True):
        colour = "bold red" if item.overdue else ("yellow" if item.days <= 0 else "")
        markup = escape.markup
        when = (
            f"[{colour}]{markup(_pad(row[1], widths[1]))}[/]" if colour else markup(_pad(row[1], widths[1]))
        )
        head = (
            markup(_pad(row[0], widths[0]))
            + when
            + f"[cyan]{markup(_pad(row[2], widths[2]))}[/]"
            + markup(_pad(row[3], widths[3]))
        )
        where = f"[dim]{markup(row[5])}[/]"
        if wraps(console) and sum(widths) + cell_len(row[5]) > console.width:
            # a terminal too narrow for the whole line: where goes on a line of its own
            console.print(head.rstrip())
            hanging(console, " " * widths[0], where)
        else:
            console.print(head + where)
        hanging(console, " " * widths[0], markup(row[6]))
    colour = "bold red" if agenda.overdue else "bold green"
    console.print(f"[{colour}]{escape.markup(_summary(agenda, lang))}[/]")


# --- markdown --------------------------------------------------------------------------------


def as_markdown(agenda: Agenda, lang: str) -> str:
    title = render(
        "agenda.title",
        {
            "institution": agenda.registry.settings.institution.name,
            "as_of": agenda.as_of,
            "days": agenda.days,
        },
        lang,
    )
    parts = [f"# {escape.markdown_line(title)}", escape.markdown_line(_summary(agenda, lang))]
    if agenda.items:
        lines = ["| " + " | ".join(headings(lang)) + " |", "|" + "---|" * 7]
        for item, row in zip(agenda.items, rows(agenda, lang), strict=True):
            cells = [escape.markdown_cell(cell) for cell in row]
            if item.overdue:
                cells[1] = f"**{cells[1]}**"
            where = escape.visible(row[5]).replace("`", "").replace("|", "\\|")  # GFM: \| even in code
            cells[5] = f"`{where}`"
            lines.append("| " + " | ".join(cells) + " |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


# --- json ------------------------------------------------------------------------------------


def item_dict(agenda: Agenda, item: Item, lang: str) -> dict[str, Any]:
    return {
        "due": item.due.isoformat(),
        "kind": item.kind,
        "who": item.who_text(lang),
        "college": item.college,
        "file": item.file,
        "line": item.line,
        "message": item.text(lang),
        "overdue": item.overdue,
        "waived": item.waived,
        "days": item.days,
        "people": list(item.who),
        "rule": item.rule,
        "uid": item.uid,
    }


def as_json(agenda: Agenda, lang: str) -> str:
    document = {
        "registry": str(agenda.registry.root),
        "as_of": agenda.as_of.isoformat(),
        "days": agenda.days,
        "items": [item_dict(agenda, item, lang) for item in agenda.items],
        "summary": {"items": len(agenda.items), "overdue": agenda.overdue},
    }
    return escape.json_text(document, indent=2)


# --- ics (RFC 5545) --------------------------------------------------------------------------


ICS_EPOCH = dt.date(2000, 1, 1)  # SEQUENCE: days from here to the as-of date


def as_ics(agenda: Agenda, lang: str) -> str:
    """An iCalendar feed: one all-day event per item, its UID stable across runs (kind, file and
    key path), so a calendar that imports the feed again updates its events instead of adding
    copies. DTSTAMP and LAST-MODIFIED are the as-of date, so the same registry and date give the
    same feed; SEQUENCE counts the days from 2000-01-01 to it, so a feed made on a later day is a
    later revision of each event (calendars that compare SEQUENCE on import, as Outlook does,
    then take the moved date or the new wording instead of keeping the old event)."""
    from icalendar import Calendar, Event

    institution = agenda.registry.settings.institution.name
    calendar = Calendar()
    calendar.add("prodid", "-//onex//agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add(
        "x-wr-calname",
        render(
            "agenda.title", {"institution": institution, "as_of": agenda.as_of, "days": agenda.days}, lang
        ),
    )
    stamp = dt.datetime.combine(agenda.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    revision = max(0, (agenda.as_of - ICS_EPOCH).days)
    for item in agenda.items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", revision)
        event.add("dtstart", item.due)
        event.add("dtend", add_days(item.due, 1))
        mark = render("agenda.overdue_mark", {}, lang) if item.overdue else ""
        who = item.who_text(lang)
        summary = f"{item.kind_text(lang)} · {who}" if who else item.kind_text(lang)
        event.add("summary", f"[{mark}] {summary}" if mark else summary)
        description = [
            item.text(lang),
            render("agenda.ics.who", {"who": who}, lang),
            render("agenda.ics.where", {"where": f"{item.file}:{item.line}"}, lang),
        ]
        event.add("description", "\n".join(description))
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        if item.overdue:
            event.add("priority", 1)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
