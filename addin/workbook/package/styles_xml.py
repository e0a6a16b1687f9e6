"""styles.xml edited in place: new cell formats are appended, existing ones are never changed.

A static fill on a cell means a new cell format (xf) that copies the cell's own one with another
fill and a readable font colour; a date written into a cell formatted as a number gets a copy with
a date format. Formats are appended once and reused, so cell styles of the user stay as they were.
"""

from __future__ import annotations

import re
from functools import cache

from openpyxl.styles.numbers import BUILTIN_FORMATS_REVERSE

from addin.workbook.package.cells import escape_attribute
from addin.workbook.package.parts import attribute, start_tag, with_attribute, with_attributes

_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_DATE_FORMAT = 14  # the built-in short date, shown in the user's locale
_FONT_COLOR_BEFORE = ("<name", "<family", "<charset", "<scheme", "</font>")


def _block(xml: str, tag: str) -> re.Match[str] | None:
    return re.search(rf"<{tag}\b[^>]*?(?:/>|>(.*?)</{tag}>)", xml, re.S)


def _items(body: str | None, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*?/>|<{tag}\b[^>]*>.*?</{tag}>", body or "", re.S)


class Styles:
    """The cell formats, fills, fonts and number formats of styles.xml, plus what we append."""

    def __init__(self, xml: str) -> None:
        self.xml = xml
        self.xfs = _items(self._body("cellXfs"), "xf")
        self.fills = _items(self._body("fills"), "fill")
        self.fonts = _items(self._body("fonts"), "font")
        self.formats = {
            int(attribute(f, "numFmtId") or 0): attribute(f, "formatCode") or ""
            for f in _items(self._body("numFmts"), "numFmt")
        }
        self._added: dict[tuple[int, str, str], int] = {}
        self._new_formats: list[str] = []
        self._counts = (len(self.xfs), len(self.fills), len(self.fonts), len(self.formats))

    def _body(self, tag: str) -> str | None:
        match = _block(self.xml, tag)
        return match.group(1) if match else None

    @property
    def changed(self) -> bool:
        counts = (len(self.xfs), len(self.fills), len(self.fonts), len(self.formats))
        return counts != self._counts

    def is_date_format(self, style: int) -> bool:
        number = int(attribute(start_tag(self._xf(style)), "numFmtId") or 0)
        return number in _DATE_IDS or _looks_like_date(self.formats.get(number, ""))

    def _xf(self, style: int) -> str:
        return self.xfs[style] if 0 <= style < len(self.xfs) else self.xfs[0]

    def with_fill(self, style: int, rgb: str | None, font_rgb: str | None) -> int:
        """A format like `style` with a solid `rgb` fill (no fill for None) and font colour."""
        key = (style, "fill", f"{rgb}/{font_rgb}")
        if key not in self._added:
            xf = self._xf(style)
            fill = self._add(self.fills, _solid_fill(rgb)) if rgb else 0
            changes = {"fillId": str(fill), "applyFill": "1"}
            if font_rgb:
                font_id = int(attribute(start_tag(xf), "fontId") or 0)
                base = self.fonts[font_id] if font_id < len(self.fonts) else "<font/>"
                changes |= {"fontId": str(self._add(self.fonts, _font_color(base, font_rgb)))}
                changes["applyFont"] = "1"
            self._added[key] = self._add(self.xfs, with_attributes(xf, **changes))
        return self._added[key]

    def with_date(self, style: int) -> int:
        """`style` itself when it shows dates, else a copy showing the short date."""
        if self.is_date_format(style):
            return style
        key = (style, "date", "")
        if key not in self._added:
            xf = with_attributes(self._xf(style), numFmtId=str(_DATE_FORMAT), applyNumberFormat="1")
            self._added[key] = self._add(self.xfs, xf)
        return self._added[key]

    def new_format(
        self, font: str | None, fill: str | None, number_format: str | None, alignment: str | None
    ) -> int:
        """A cell format of its own: `font` element, solid `fill` 'RRGGBB', number format code
        and `alignment` element, each left at the workbook's default when None."""
        values = {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"}
        if font is not None:
            values |= {"fontId": str(self._add(self.fonts, font)), "applyFont": "1"}
        if fill is not None:
            values |= {"fillId": str(self._add(self.fills, _solid_fill(fill))), "applyFill": "1"}
        if number_format is not None:
            values |= {"numFmtId": str(self._number_format(number_format))}
            values["applyNumberFormat"] = "1"
        if alignment is not None:
            values["applyAlignment"] = "1"
        start = "<xf " + " ".join(f'{k}="{v}"' for k, v in values.items())
        xf = f"{start}>{alignment}</xf>" if alignment else f"{start}/>"
        return self._add(self.xfs, xf)

    def _number_format(self, code: str) -> int:
        """The id of a number format code: built in, already in the file, or appended."""
        if code in BUILTIN_FORMATS_REVERSE:
            return int(BUILTIN_FORMATS_REVERSE[code])
        for number, known in self.formats.items():
            if known == code:
                return number
        number = max([163, *self.formats]) + 1
        self.formats[number] = code
        self._new_formats.append(
            f'<numFmt numFmtId="{number}" formatCode="{escape_attribute(code)}"/>'
        )
        return number

    @staticmethod
    def _add(items: list[str], element: str) -> int:
        if element in items:
            return items.index(element)
        items.append(element)
        return len(items) - 1

    def to_xml(self) -> str:
        """styles.xml with the appended fills, fonts and formats, everything else as it was."""
        xml = self.xml
        for tag, items in (
            ("cellXfs", self.xfs),
            ("fills", self.fills),
            ("fonts", self.fonts),
        ):
            match = _block(xml, tag)
            if match is None:
                continue
            start = with_attribute(
                start_tag(match.group(0)).replace("/>", ">"), "count", str(len(items))
            )
            xml = xml[: match.start()] + start + "".join(items) + f"</{tag}>" + xml[match.end() :]
        return self._with_formats(xml)

    def _with_formats(self, xml: str) -> str:
        """The numFmts block with the appended formats (numFmts comes first in styleSheet)."""
        if not self._new_formats:
            return xml
        match = _block(xml, "numFmts")
        if match is None:
            root = re.search(r"<(?:\w+:)?styleSheet\b[^>]*>", xml)
            at = root.end() if root else 0
            block = (
                f'<numFmts count="{len(self._new_formats)}">{"".join(self._new_formats)}</numFmts>'
            )
            return xml[:at] + block + xml[at:]
        start = with_attribute(
            start_tag(match.group(0)).replace("/>", ">"), "count", str(len(self.formats))
        )
        body = (match.group(1) or "") + "".join(self._new_formats)
        return xml[: match.start()] + start + body + "</numFmts>" + xml[match.end() :]


@cache
def _looks_like_date(code: str) -> bool:
    """A custom number format showing a date or time: d, m, y, h or s outside quotes/brackets."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).casefold()
    return bool(re.search(r"[dmyhs]", bare)) and "general" not in bare


def _solid_fill(rgb: str) -> str:
    color = f'rgb="FF{rgb}"'
    pattern = f'<patternFill patternType="solid"><fgColor {color}/><bgColor {color}/></patternFill>'
    return f"<fill>{pattern}</fill>"


def _font_color(font: str, rgb: str) -> str:
    """The font element with its colour set to `rgb` (the child kept in schema order)."""
    color = f'<color rgb="FF{rgb}"/>'
    if re.search(r"<color\b[^>]*/>", font):
        return re.sub(r"<color\b[^>]*/>", color, font, count=1)
    if font.endswith("/>"):
        return f"<font>{color}</font>"
    at = min(i for i in (font.find(t) for t in _FONT_COLOR_BEFORE) if i >= 0)
    return font[:at] + color + font[at:]
