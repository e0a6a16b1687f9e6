"""The native Pareto chart: sales as bars, cumulative share as a line on a 0-100% second axis."""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RichTextProperties,
)
from openpyxl.worksheet.worksheet import Worksheet

from addin.domain.i18n import text

PARETO_POINTS = 20
"""The most rows the summary writer puts in ParetoData (see abc_analysis.pareto_points)."""
BAR_COLOR = "2F75B5"
LINE_COLOR = "C55A11"
LABEL_ROTATION = -2_700_000
"""Category labels turned 45° up (in 60,000ths of a degree): twenty '45–50%' labels side by
side would otherwise wrap into three lines each."""


def pareto_chart(ws: Worksheet, header_row: int, label_col: int, lang: str) -> BarChart:
    """A combo chart over the 20 body rows under ParetoData's header at (header_row, label_col)."""
    last = header_row + PARETO_POINTS
    bar = BarChart()
    bar.type, bar.gapWidth = "col", 40
    bar.add_data(
        Reference(ws, min_col=label_col + 1, min_row=header_row, max_row=last),
        titles_from_data=True,
    )
    labels = Reference(ws, min_col=label_col, min_row=header_row + 1, max_row=last)
    # Labels are names, so a string reference: openpyxl would declare them numbers.
    bar.series[0].cat = AxDataSource(strRef=StrRef(f=str(labels)))
    bar.series[0].graphicalProperties = GraphicalProperties(solidFill=BAR_COLOR)
    bar.y_axis.number_format = "#,##0"
    bar.y_axis.title = text("pareto.sales", lang)
    bar.x_axis.txPr = _rotated_labels()
    bar += _cumulative_line(ws, header_row, label_col + 2, lang)
    # openpyxl >= 3.1 marks axes deleted by default; Excel then draws none.
    bar.x_axis.delete = bar.y_axis.delete = False
    bar.title = text("pareto.title", lang)
    bar.legend.position = "b"
    bar.width, bar.height = 17.0, 8.5
    return bar


def _cumulative_line(ws: Worksheet, header_row: int, col: int, lang: str) -> LineChart:
    """The cumulative share on its own axis, crossing at the right edge, fixed at 0-100%."""
    line = LineChart()
    line.add_data(
        Reference(ws, min_col=col, min_row=header_row, max_row=header_row + PARETO_POINTS),
        titles_from_data=True,
    )
    series = line.series[0]
    series.smooth = False
    series.marker.symbol = "circle"
    series.marker.graphicalProperties = GraphicalProperties(solidFill=LINE_COLOR)
    series.graphicalProperties.line = LineProperties(solidFill=LINE_COLOR, w=22225)
    axis = line.y_axis
    axis.axId, axis.crosses, axis.delete = 200, "max", False
    axis.scaling.min, axis.scaling.max = 0, 1
    axis.number_format = "0%"
    axis.majorGridlines = None
    axis.title = text("pareto.cumulative", lang)
    return line


def _rotated_labels() -> RichText:
    """Axis label text turned by LABEL_ROTATION, on one line each."""
    plain = ParagraphProperties(defRPr=CharacterProperties())
    return RichText(
        bodyPr=RichTextProperties(rot=LABEL_ROTATION, vert="horz"),
        p=[Paragraph(pPr=plain, endParaRPr=CharacterProperties())],
    )
