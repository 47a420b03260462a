"""The report as one self-contained HTML page: inline CSS, charts as inline SVG, no network.

Charts are drawn by matplotlib (imported only here, only for this format) straight to SVG. When
matplotlib finds a font that draws Chinese (`chart_font`), the chart's text is drawn as paths
(`svg.fonttype: path`), so it looks the same on every viewer, whatever fonts it has; without
one, text stays text (`svg.fonttype: none`) and the viewer's fonts draw it (never boxes).
`@page` sizes the printout to A4.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings

from onex.escape import html as escape
from onex.escape import svg_label
from onex.report.render_plain import RIGHT, _width
from onex.report.sections import Chart, Document, Table, cell_text

FONTS = [
    "PingFang SC",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "DejaVu Sans",
]
# fonts that draw Chinese, as matplotlib names them; the first one installed draws the charts
CJK_FONTS = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Droid Sans Fallback",
]
TOTAL = "#1f2d3d"
COLOURS = ["#2f6f9f", "#e07b39", "#3a9d5d", "#b0413e", "#7b5ea7", "#8c6d31", "#5f7f8f", "#c2587f"]

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: %(fonts)s, system-ui, sans-serif; font-size: 10pt; color: #222;
       max-width: 186mm; margin: 0 auto; padding: 8mm 0; line-height: 1.4; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #2f6f9f; padding-bottom: 2pt;
     break-after: avoid; page-break-after: avoid; }
p.meta { color: #555; margin: 0 0 6pt; }
p.status { font-weight: bold; margin: 2pt 0; padding: 4pt 6pt; border-left: 4px solid; }
p.status.errors { color: #a11; border-color: #a11; background: #fdf0f0; }
p.status.ok { color: #276b2e; border-color: #276b2e; background: #eff8f0; }
table { border-collapse: collapse; width: 100%%; font-size: 8pt; margin: 2pt 0 4pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.5pt 3pt; vertical-align: top; }
td { word-break: keep-all; overflow-wrap: break-word; }  /* 初级 stays one word, not 初/级 */
th { background: #e8f0f7; text-align: left; font-weight: 600; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f3f3f3; }
p.note { color: #666; font-size: 8pt; margin: 0 0 4pt; }
p.none { color: #888; font-style: italic; }
figure { margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%%; height: auto; }
figcaption { font-size: 8.5pt; color: #444; text-align: center; }
@media print { body { padding: 0; max-width: none; } table { width: calc(100%% - 1px); } }
"""


def _table_html(table: Table) -> str:
    right = [c.kind in RIGHT or (table.row_kinds is not None and j > 0) for j, c in enumerate(table.columns)]
    head = "".join(f"<th>{escape(c.heading)}</th>" for c in table.columns)
    rows = []

    def row_html(values: list, index: int | None, cls: str = "") -> str:
        cells = "".join(
            f'<td class="n">{escape(cell_text(v, table.kind(index, j)))}</td>'
            if right[j]
            else f"<td>{escape(cell_text(v, table.kind(index, j)))}</td>"
            for j, v in enumerate(values)
        )
        return f'<tr class="{cls}">{cells}</tr>' if cls else f"<tr>{cells}</tr>"

    rows = [row_html(values, i) for i, values in enumerate(table.rows)]
    if table.total is not None:
        rows.append(row_html(table.total, None, "total"))
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _plottable(value: object) -> float:
    """A figure as matplotlib draws it: one past any float (a registry number past every sane
    bound, which REG-002 reports) is not drawn."""
    if value is None:
        return math.nan
    try:
        number = float(value)  # type: ignore[arg-type]
    except (OverflowError, TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) else math.nan


def chart_font() -> str | None:
    """The first font of CJK_FONTS that matplotlib finds on this machine (None: none of them)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def chart_svg(chart: Chart) -> str:
    """The chart as an <svg> element (no XML prolog), deterministic for the same figures."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    font = chart_font()
    settings = {
        # with a font that draws Chinese, glyphs become paths: the same on every viewer
        "svg.fonttype": "path" if font else "none",
        "svg.hashsalt": "onex-report",
        "text.parse_math": False,  # a `$` in a name is a dollar sign, never mathtext
        "font.family": "sans-serif",
        "font.sans-serif": [font, "DejaVu Sans"] if font else FONTS,
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with warnings.catch_warnings(), matplotlib.rc_context(settings):
        warnings.simplefilter("ignore")  # CJK glyphs are measured with a Latin font; the browser draws them
        width = 7.0
        if chart.kind == "bar":
            height = 0.9 + 0.32 * len(chart.categories) * len(chart.series)
            figure = Figure(figsize=(width, height))
            # matplotlib measures CJK with a Latin fallback: reserve the label room ourselves
            categories = [svg_label(c) for c in chart.categories]
            label = max((_width(c) for c in categories), default=4)
            left = min(0.5, (label * 0.55 * 9 / 72 + 0.2) / width)
            figure.subplots_adjust(left=left, right=0.9, top=1 - 0.35 / height, bottom=0.45 / height)
            axes = figure.add_subplot()
            positions = list(range(len(chart.categories)))
            step = 0.8 / len(chart.series)
            for k, (name, values) in enumerate(chart.series):
                shifted = [p - 0.4 + step * (k + 0.5) for p in positions]
                numbers = [0.0 if math.isnan(n) else n for n in map(_plottable, values)]
                colours = [TOTAL if c == chart.total else COLOURS[k % len(COLOURS)] for c in chart.categories]
                bars = axes.barh(shifted, numbers, height=step * 0.9, color=colours, label=svg_label(name))
                texts = [svg_label(cell_text(v, chart.value)) for v in values]
                axes.bar_label(bars, labels=texts, padding=2, fontsize=8)
            axes.set_yticks(positions, categories)
            axes.invert_yaxis()
            if chart.value == "rate":
                drawn = (_plottable(v) for _n, vs in chart.series for v in vs)
                top = max([1.0, *(v for v in drawn if not math.isnan(v))])
                axes.set_xlim(0, top * 1.12)
                axes.axvline(1.0, color="#999", linewidth=0.8, linestyle="--")
        else:
            figure = Figure(figsize=(width, 3.2))
            figure.subplots_adjust(left=0.11, right=0.97, top=0.92, bottom=0.2)
            axes = figure.add_subplot()
            for k, (name, values) in enumerate(chart.series):
                numbers = [_plottable(v) for v in values]
                if name == chart.reference:
                    style = {"color": "#888", "linestyle": "--", "marker": None}
                elif name == chart.total:
                    style = {"color": TOTAL, "linewidth": 2.2, "marker": "s"}
                else:
                    style = {"color": COLOURS[k % len(COLOURS)], "marker": "o"}
                axes.plot([svg_label(c) for c in chart.categories], numbers, label=svg_label(name), **style)
            if chart.value == "rate":
                axes.set_ylim(0, 1.05)
            axes.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4)
        value_axis = axes.xaxis if chart.kind == "bar" else axes.yaxis
        if chart.value == "rate":
            value_axis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        else:
            value_axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        axes.grid(axis="x" if chart.kind == "bar" else "y", color="#ddd", linewidth=0.6)
        axes.set_axisbelow(True)
        if chart.kind == "bar" and len(chart.series) > 1:
            axes.legend(fontsize=8, frameon=False)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": "onex"})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # several charts share one page: give each chart's ids (clip paths, markers) its own prefix
    return re.sub(r'(\bid="|url\(#|href="#)', lambda m: f"{m.group(1)}{chart.id}-", svg)


def as_html(doc: Document, lang: str, none: str) -> str:
    css = CSS % {"fonts": ", ".join(f'"{f}"' for f in FONTS)}
    html_lang = "zh-CN" if lang == "zh" else "en"
    status_class = "errors" if doc.has_errors else "ok"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        '<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="onex">\n<title>{escape(doc.title)}</title>',
        f"<style>{css}</style>\n</head>\n<body>",
        f"<h1>{escape(doc.title)}</h1>",
        f'<p class="meta">{escape(doc.meta)}</p>',
        *(f'<p class="status {status_class}">{escape(line)}</p>' for line in doc.status),
    ]
    for table in doc.tables:
        parts.append(f'<section id="{table.id}">\n<h2>{escape(table.title)}</h2>')
        parts.append(
            _table_html(table) if table.rows or table.total else f'<p class="none">{escape(none)}</p>'
        )
        parts.extend(f'<p class="note">{escape(note)}</p>' for note in table.notes)
        for chart in (c for c in doc.charts if c.table == table.id):
            parts.append(
                f'<figure class="chart" id="chart-{chart.id}">\n{chart_svg(chart)}'
                f"<figcaption>{escape(chart.title)}</figcaption>\n</figure>"
            )
        parts.append("</section>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)
