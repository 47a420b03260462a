"""`onex report`: the annual summary of the pilot (§7.3).

`build.build_report` computes every figure once from the loaded registry; `sections.document`
lays the figures out as titled tables and charts in one language; one renderer per format
family writes them (`render_text`: rich table; `render_plain`: markdown, csv, json;
`render_xlsx`; `render_html`).
"""

from __future__ import annotations

FORMATS = ("table", "markdown", "csv", "json", "xlsx", "html")
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}
BINARY = frozenset({"xlsx"})
