"""Reports that print: the workbook's page setup, read back with openpyxl, and the HTML's print
CSS and font-independent charts. (How they really print was looked at with LibreOffice and
chromium: docs/report.md. Those programs are not needed here.)"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

REGISTRY = Path(__file__).parent.parent / "registry"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    from openpyxl import load_workbook

    from onex.cli import main

    target = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    args = ["report", "--registry", str(REGISTRY), "--as-of", "2026-12-31", "--year", "2026"]
    assert main([*args, "--years", "2024-2026", "--lang", "en", "--output", str(target)]) == 0
    return load_workbook(target)


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(workbook):
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        header = 6 if ws.title == "Overview" else 2  # the overview starts with the title and status
        assert ws.print_title_rows == f"${header}:${header}"
        assert ws.cell(row=header, column=1).font.bold  # the row repeated is the table's header


def test_each_chart_starts_on_a_page_of_its_own_and_fits_it(workbook):
    from onex.report.render_xlsx import ROW_CM

    charted = {ws.title: ws for ws in workbook.worksheets if ws._charts}
    assert set(charted) == {"Pass rates", "Budget", "Trend"}
    page_height_cm = 21.0 - 2 * 0.6 * 2.54  # landscape A4 less the top and bottom margins
    for ws in charted.values():
        breaks = sorted(b.id for b in ws.row_breaks.brk)
        starts = [chart.anchor._from.row for chart in ws._charts]  # 0-based: the row after a break
        assert breaks == starts, ws.title
        for chart in ws._charts:
            assert chart.anchor._from.col == 0
            assert chart.height <= 15 < page_height_cm  # one chart, one page
        rows = [chart.anchor._from.row for chart in ws._charts]
        assert all(
            b - a >= math.ceil(c.height / ROW_CM)
            for a, b, c in zip(rows[:-1], rows[1:], ws._charts[:-1], strict=True)
        )


def _chart():
    from onex.report.sections import Chart

    return Chart(
        "pass_rate",
        "pass_rates",
        "通过率",
        "bar",
        ["Web前端开发 中级", "智能财税 初级"],
        [("通过率", [0.9, 0.8])],
        "rate",
    )


def test_chart_text_is_drawn_as_paths_with_a_chinese_font(monkeypatch):
    from onex.report import render_html

    if render_html.chart_font() is None:
        pytest.skip("no font that draws Chinese on this machine (CI: apt-get install fonts-noto-cjk)")
    svg = render_html.chart_svg(_chart())
    assert "<text" not in svg and "<path" in svg  # glyphs are outlines: no viewer font needed
    assert render_html.chart_svg(_chart()) == svg  # deterministic


def test_without_a_chinese_font_chart_text_stays_text_for_the_viewer(monkeypatch):
    from onex.report import render_html

    monkeypatch.setattr(render_html, "chart_font", lambda: None)
    svg = render_html.chart_svg(_chart())
    assert "<text" in svg and "Web前端开发 中级" in svg  # never boxes: the viewer's fonts draw it


def test_html_tables_print_whole_and_keep_short_words_together():
    from onex.report.render_html import CSS

    css = CSS % {"fonts": "x"}
    assert "td { word-break: keep-all; overflow-wrap: break-word; }" in css  # 初级, not 初/级
    assert "th, td { border: 1px solid #bbb;" in css and "th { background" in css
    assert "@media print { body { padding: 0; max-width: none; } table { width: calc(100% - 1px); } }" in css
