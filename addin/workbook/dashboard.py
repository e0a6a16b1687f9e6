"""The Dashboard sheet: ABC summary (live formulas), the segment matrix, prospects by colour per
rep against the target (a native chart) and the Pipeline table.

The Pipeline table sits last, so that it can grow with any number of reps without running under
the chart; the chart covers every row but the team total and follows the table when it grows.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.styles import Alignment
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.abc_analysis import CLASSES
from addin.domain.i18n import text
from addin.domain.pipeline import HEALTH_COLUMNS
from addin.domain.prospect_tables import MATRIX_COLUMNS, health_headers
from addin.domain.segments import TARGETS
from addin.domain.settings import Settings
from addin.services import PIPELINE, SEGMENTS
from addin.workbook.cell_writes import put, put_formula
from addin.workbook.prospect_rules import letter
from addin.workbook.styles import (
    MUTED,
    TITLE,
    add_table,
    font,
    format_column,
    set_widths,
    wrapped_width,
)

ABC_ROW, SEGMENTS_ROW = 4, 11
CHART_ROW = 18
PIPELINE_ROW = 38
"""Header row of the Pipeline table: below the chart, free to grow downwards."""
TARGET_LINE = "404040"
NUMBER_WIDTH = 11
"""Room for the widest figure, such as -12,345,678."""
PIPELINE_FORMATS = {
    "average": "#,##0",
    "sales": "#,##0",
    "previous_average": "#,##0",
    "previous_sales": "#,##0",
    "change": "+#,##0;-#,##0;0",
    "from_customers": "+#,##0;-#,##0;0",
    "from_average": "+#,##0;-#,##0;0",
}


def dashboard_sheet(ws: Worksheet, lang: str, settings: Settings, customers: str) -> None:
    """Build the dashboard on `ws`; `customers` is the Customers sheet's title."""
    ws.title = text("sheet.dashboard", lang)
    put(ws, 1, 1, text("dashboard.title", lang)).font = font(size=14, bold=True, color=TITLE)
    note = text("dashboard.note", lang, target=f"{settings.pipeline_target:g}")
    put(ws, 2, 1, note).font = font(italic=True, color=MUTED)
    _abc_block(ws, lang, quote_sheetname(customers))
    _segments_block(ws, lang)
    _pipeline_block(ws, lang, settings)
    ws.add_chart(_prospects_chart(ws, lang, settings), f"A{CHART_ROW}")
    set_widths(ws, _widths(ws))


def _widths(ws: Worksheet) -> dict[int, float]:
    """Column widths that fit the numbers and let every heading above them (Segments and
    Pipeline share columns) wrap into whole lines, none a lone character or bracket."""
    widths: dict[int, float] = {1: 24}
    for col in range(2, len(HEALTH_COLUMNS) + 1):
        headings = [ws.cell(row, col).value for row in (SEGMENTS_ROW, PIPELINE_ROW)]
        widths[col] = max([NUMBER_WIDTH] + [wrapped_width(str(h)) for h in headings if h])
    return widths


def _section(ws: Worksheet, row: int, col: int, key: str, lang: str) -> None:
    cell = put(ws, row, col, text(key, lang))
    cell.font = font(bold=True, color=TITLE)


def _abc_block(ws: Worksheet, lang: str, customers: str) -> None:
    """Counts and sales per class as formulas over the Customers sheet: live without Python."""
    _section(ws, ABC_ROW - 1, 1, "dashboard.abc", lang)
    headers = ["summary.class", "summary.customers", "summary.sales", "summary.sales_share"]
    for col, key in enumerate(headers, start=1):
        put(ws, ABC_ROW, col, text(key, lang)).font = font(bold=True)
    classes = f"{customers}!${letter('abc_class')}:${letter('abc_class')}"
    sales = f"{customers}!${letter('annual_sales')}:${letter('annual_sales')}"
    first, last = ABC_ROW + 1, ABC_ROW + len(CLASSES)
    for row, abc in enumerate(CLASSES, start=first):
        put(ws, row, 1, abc).alignment = Alignment(horizontal="center")
        put_formula(ws, row, 2, f"=COUNTIF({classes},A{row})")
        put_formula(ws, row, 3, f"=SUMIF({classes},A{row},{sales})").number_format = "#,##0"
        total = f"SUM(C${first}:C${last})"
        put_formula(ws, row, 4, f"=IF({total}=0,0,C{row}/{total})").number_format = "0.0%"


def _segments_block(ws: Worksheet, lang: str) -> None:
    """The Segments table: existing/potential x main/secondary against the effort to invest."""
    _section(ws, SEGMENTS_ROW - 1, 1, "dashboard.segments", lang)
    headers = [text("segments.segment", lang)] + [text(f"effort.{e}", lang) for e in MATRIX_COLUMNS]
    add_table(ws, SEGMENTS, headers, row=SEGMENTS_ROW, rows=4)
    for offset, (existing, target) in enumerate(
        [(e, t) for e in ("existing", "potential") for t in TARGETS], start=1
    ):
        words = f"{text(f'segment.{existing}', lang)} · {text(f'segment.{target}', lang)}"
        put(ws, SEGMENTS_ROW + offset, 1, words)
        for col in range(2, len(MATRIX_COLUMNS) + 2):
            put(ws, SEGMENTS_ROW + offset, col, 0)
    for col in range(2, len(MATRIX_COLUMNS) + 2):
        ws.cell(SEGMENTS_ROW, col).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[SEGMENTS_ROW].height = 45


def _pipeline_block(ws: Worksheet, lang: str, settings: Settings) -> None:
    """The Pipeline table with one rep row and the team row, formatted for rows added later."""
    _section(ws, PIPELINE_ROW - 1, 1, "dashboard.pipeline", lang)
    headers = health_headers(lang, settings.stage_labels(lang))
    add_table(ws, PIPELINE, headers, row=PIPELINE_ROW, rows=2)
    put(ws, PIPELINE_ROW + 2, 1, text("pipeline.team", lang))
    for col in range(1, len(headers) + 1):
        ws.cell(PIPELINE_ROW, col).alignment = Alignment(wrap_text=True, vertical="top")
    for col, key in enumerate(HEALTH_COLUMNS, start=1):
        if key in PIPELINE_FORMATS:
            format_column(ws, col, PIPELINE_FORMATS[key], PIPELINE_ROW + 1, 200)
    ws.row_dimensions[PIPELINE_ROW].height = 45


def _column_ref(ws: Worksheet, key: str, with_header: bool = True) -> Reference:
    """The rep rows of one Pipeline column (not the team row), with its header as series name."""
    col = HEALTH_COLUMNS.index(key) + 1
    first = PIPELINE_ROW if with_header else PIPELINE_ROW + 1
    return Reference(ws, min_col=col, min_row=first, max_row=PIPELINE_ROW + 1)


def _prospects_chart(ws: Worksheet, lang: str, settings: Settings) -> BarChart:
    """Stacked bars of red, yellow and green prospects per rep, and the target as a line."""
    bar = BarChart()
    bar.type, bar.grouping, bar.overlap, bar.gapWidth = "col", "stacked", 100, 50
    labels = StrRef(f=str(_column_ref(ws, "rep", with_header=False)))
    for key, rgb in zip(("red", "yellow", "green"), settings.stage_palette().values(), strict=True):
        bar.add_data(_column_ref(ws, key), titles_from_data=True)
        bar.series[-1].graphicalProperties = GraphicalProperties(solidFill=rgb)
        bar.series[-1].cat = AxDataSource(strRef=labels)
    line = LineChart()
    line.add_data(_column_ref(ws, "target"), titles_from_data=True)
    line.series[0].cat = AxDataSource(strRef=labels)
    line.series[0].graphicalProperties.line = LineProperties(
        solidFill=TARGET_LINE, w=28575, prstDash="dash"
    )
    line.series[0].marker.symbol = "none"
    bar += line
    bar.x_axis.delete = bar.y_axis.delete = False  # openpyxl >= 3.1 hides axes by default
    bar.y_axis.title = text("dashboard.prospects_axis", lang)
    bar.title = text("dashboard.chart", lang)
    bar.legend.position = "b"
    bar.width, bar.height = 20.0, 9.0
    return bar
