"""The report as an Excel workbook: a sheet per section, native charts above their figures.

Numbers stay numbers (rates as fractions with a percent format, money with a thousands
format), so a coordinator can sort, sum and chart them further.
"""

from __future__ import annotations

import io
import math
from typing import Any

from onex.escape import visible, xlsx_put, xlsx_sheet_name
from onex.report.sections import Chart, Document, Table, cell_text

NUMBER_FORMATS = {"money": "#,##0", "rate": "0.0%", "hours": "0.##", "date": "yyyy-mm-dd", "int": "0"}


def _put(ws: Any, row: int, column: int, value: Any, kind: str, bold: bool = False) -> None:
    from openpyxl.styles import Font

    if kind == "flag":
        value = cell_text(value, kind)
    cell = xlsx_put(ws, row, column, value)  # text as text cells, never formulas
    if kind in NUMBER_FORMATS and not isinstance(cell.value, (str, type(None))):
        cell.number_format = NUMBER_FORMATS[kind]
    if bold:
        cell.font = Font(bold=True)


def _write_table(ws: Any, table: Table, top: int) -> int:
    """Write `table` from row `top`; return the last row written."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from onex.report.render_plain import _width

    xlsx_put(ws, top, 1, table.title).font = Font(bold=True, size=13)
    head = top + 1
    fill = PatternFill("solid", fgColor="DDEBF7")
    for j, column in enumerate(table.columns, 1):
        cell = xlsx_put(ws, head, j, column.heading)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = head
    for i, values in enumerate(table.rows):
        row += 1
        for j, value in enumerate(values):
            _put(ws, row, j + 1, value, table.kind(i, j))
    if table.total is not None:
        row += 1
        for j, value in enumerate(table.total):
            _put(ws, row, j + 1, value, table.kind(None, j), bold=True)
    for note in table.notes:
        row += 1
        xlsx_put(ws, row, 1, note).font = Font(italic=True, color="666666")
    ws.freeze_panes = ws.cell(row=head + 1, column=2)
    for j, column in enumerate(table.columns, 1):
        texts = [column.heading] + [
            cell_text(r[j - 1], table.kind(i, j - 1)) for i, r in enumerate(table.rows)
        ]
        width = min(40, max(8, *(_width(t) for t in texts)) + 2)
        letter = ws.cell(row=head, column=j).column_letter
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, width)
    return row


def _chart_height(chart: Chart) -> float:
    """cm: a bar per category, within what a landscape A4 page holds."""
    if chart.kind == "bar":
        return min(15.0, max(7.5, 1.0 + 0.8 * len(chart.categories)))
    return 7.5


ROW_CM = 0.53  # a default row (15 pt)


def _add_chart(ws: Any, chart: Chart, column: int, top: int, anchor: str) -> None:
    """Write the chart's data at (`top`, `column`) and a native chart reading it at `anchor`."""
    from openpyxl.chart import BarChart, LineChart, Reference

    xlsx_put(ws, top, column, chart.title)
    for k, (name, values) in enumerate(chart.series, 1):
        xlsx_put(ws, top, column + k, name)
        for i, value in enumerate(values, 1):
            _put(ws, top + i, column + k, value, chart.value)
    for i, category in enumerate(chart.categories, 1):
        xlsx_put(ws, top + i, column, category)
    last = top + len(chart.categories)
    if chart.kind == "bar":
        plot = BarChart()
        plot.type = "bar"  # horizontal: long certificate names stay readable
    else:
        plot = LineChart()
    plot.height = _chart_height(chart)
    plot.title = visible(chart.title)
    plot.width = 18
    data = Reference(ws, min_col=column + 1, max_col=column + len(chart.series), min_row=top, max_row=last)
    plot.add_data(data, titles_from_data=True)
    plot.set_categories(Reference(ws, min_col=column, min_row=top + 1, max_row=last))
    plot.y_axis.number_format = "0%" if chart.value == "rate" else "#,##0"
    plot.x_axis.delete = False  # openpyxl 3.1 hides axes unless told otherwise
    plot.y_axis.delete = False
    if chart.value == "rate":
        plot.y_axis.scaling.min = 0
        plot.y_axis.scaling.max = 1
    if len(chart.series) == 1:
        plot.legend = None
    ws.add_chart(plot, anchor)


def _page_setup(ws: Any, header_row: int) -> None:
    """Print on A4 landscape, every column on one page wide (as many pages down as needed), the
    table's header row repeated on every page, centred; charts start on a page of their own."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: as many pages down as the rows need
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def as_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.pagebreak import Break

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for index, table in enumerate(doc.tables):
        ws = book.create_sheet(xlsx_sheet_name(table.sheet, taken))
        top = 1
        if index == 0:  # the title, the dates and what `check` says head the first sheet
            xlsx_put(ws, 1, 1, doc.title).font = Font(bold=True, size=15)
            xlsx_put(ws, 2, 1, doc.meta)
            for k, line in enumerate(doc.status):
                xlsx_put(ws, 3 + k, 1, line).font = Font(
                    bold=True, color="C00000" if doc.has_errors else "2E7D32"
                )
            top = 4 + len(doc.status)
        end = _write_table(ws, table, top)
        _page_setup(ws, header_row=top + 1)
        # each chart below the table, on a page of its own, its figures under it: the table alone
        # sets the printed width, so fitting it to the page does not shrink it
        chart_row = end + 2
        for chart in (c for c in doc.charts if c.table == table.id):
            ws.row_breaks.append(Break(id=chart_row - 1))
            data_row = chart_row + math.ceil(_chart_height(chart) / ROW_CM) + 1
            _add_chart(ws, chart, 1, data_row, ws.cell(row=chart_row, column=1).coordinate)
            chart_row = data_row + len(chart.categories) + 2
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
