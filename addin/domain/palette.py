"""The colours every workbook custdev writes shares: headers, titles, muted notes, and the text
colour that stays readable on a fill. Pure data and arithmetic, for every adapter."""

from __future__ import annotations

TABLE_STYLE = "TableStyleMedium2"
HEADER_FILL = "1F4E78"
"""Set on header cells as well as through the table style: LibreOffice ignores table styles."""
MUTED = "808080"
TITLE = "1F4E78"


def luminance(rgb: str) -> float:
    """WCAG relative luminance of 'RRGGBB', 0 (black) to 1 (white)."""
    channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_color(fill: str) -> str:
    """White or black, whichever contrasts more with the fill."""
    # 0.179 is where the contrast ratios against white and against black are equal.
    return "FFFFFF" if luminance(fill) < 0.179 else "000000"
