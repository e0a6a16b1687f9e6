"""styles.xml, edited as a tree: new cell formats are appended, existing ones never change.

A static fill on a cell means a new cell format (xf) that copies the cell's own one with another
fill and a readable font colour; a date written into a cell formatted as a number gets a copy
with a date format. Elements are found by {namespace}name whatever prefix the part uses, new
ones take that prefix, and a format equal to one the part already has is reused, so refreshing
again does not grow the file. Attribute values are read unescaped (a format code `0 "pcs"` is
compared as the text it is).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache

from lxml import etree

from addin.adapters.package.refs import whole_number
from addin.adapters.package.safexml import parse, serialised

_DATE_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
_DATE_FORMAT = 14  # the built-in short date, shown in the user's locale
BUILTIN_FORMATS = {
    "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
    "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13, "mm-dd-yy": 14, "d-mmm-yy": 15, "d-mmm": 16,
    "mmm-yy": 17, "h:mm AM/PM": 18, "h:mm:ss AM/PM": 19, "h:mm": 20, "h:mm:ss": 21,
    "m/d/yy h:mm": 22, "#,##0_);(#,##0)": 37, "#,##0_);[Red](#,##0)": 38,
    "#,##0.00_);(#,##0.00)": 39, "#,##0.00_);[Red](#,##0.00)": 40, "mm:ss": 45,
    "[h]:mm:ss": 46, "mmss.0": 47, "##0.0E+0": 48, "@": 49,
}  # fmt: skip
"""Number formats Excel knows by id without a numFmt element (ECMA-376 part 1, 18.8.30)."""
_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles"]
_ORDER += ["dxfs", "tableStyles", "colors", "extLst"]
_FONT_COLOR_BEFORE = ("name", "family", "charset", "scheme")


@dataclass(frozen=True)
class Font:
    """A font of the report's looks: the workbook's body font (Calibri 11) with changes."""

    size: float = 11
    bold: bool = False
    italic: bool = False
    color: str = ""


@dataclass(frozen=True)
class Alignment:
    """How text sits in a cell; None or False leaves Excel's default."""

    horizontal: str | None = None
    vertical: str | None = None
    wrap_text: bool = False
    shrink_to_fit: bool = False
    indent: int = 0


class Styles:
    """The cell formats, fills, fonts and number formats of styles.xml, plus what custdev adds."""

    def __init__(self, data: bytes, part: str) -> None:
        self.root = parse(data, part)
        self.ns = etree.QName(self.root).namespace or ""
        self.changed = False
        self.xfs = self._items("cellXfs", "xf", f'<xf xmlns="{self.ns}" numFmtId="0" fontId="0"/>')
        self.fonts = self._items("fonts", "font", f'<font xmlns="{self.ns}"><sz val="11"/></font>')
        self.fills = self._items("fills", "fill", f'<fill xmlns="{self.ns}"/>')
        self._keys = {name: {_key(e): i for i, e in enumerate(reversed(items))} for name, items in
                      (("xf", self.xfs), ("font", self.fonts), ("fill", self.fills))}  # fmt: skip
        for keys, items in zip(
            self._keys.values(), (self.xfs, self.fonts, self.fills), strict=True
        ):
            for key in keys:
                keys[key] = len(items) - 1 - keys[key]  # the first of equal elements
        self.formats = {
            number: f.get("formatCode", "")
            for f in self._container("numFmts").iter(self.q("numFmt"))
            if (number := whole_number(f.get("numFmtId"))) is not None
        }
        self._added: dict[tuple[int, str, str], int] = {}
        self._made: dict[tuple[object, ...], int] = {}
        """new_format's answers: the same parts give the format found or added the first time."""

    def copy(self) -> Styles:
        """An independent copy with a tree of its own, made without parsing or keying the
        part again (a batch copies the template's for each workbook)."""
        twin = object.__new__(Styles)
        twin.root = copy.deepcopy(self.root)
        twin.ns, twin.changed = self.ns, self.changed
        found = {name: twin.root.find(self.q(name)) for name in ("cellXfs", "fonts", "fills")}
        twin.xfs, twin.fonts, twin.fills = (
            [e for e in found[container] if e.tag == self.q(tag)]
            for container, tag in (("cellXfs", "xf"), ("fonts", "font"), ("fills", "fill"))
        )
        twin._keys = {kind: dict(keys) for kind, keys in self._keys.items()}
        twin.formats = dict(self.formats)
        twin._added = dict(self._added)
        twin._made = dict(self._made)
        return twin

    def added_count(self) -> tuple[int, int, int, int]:
        """How many formats, fonts, fills and number formats the part holds: what grows when
        custdev adds one."""
        return len(self.xfs), len(self.fonts), len(self.fills), len(self.formats)

    def q(self, local: str) -> str:
        return f"{{{self.ns}}}{local}"

    def _container(self, name: str) -> etree._Element:
        """The part's <name> element, made (in schema order) when it has none."""
        found = self.root.find(self.q(name))
        if found is not None:
            return found
        later = _ORDER[_ORDER.index(name) + 1 :]
        made = self.root.makeelement(self.q(name), {})
        for child in self.root:
            if isinstance(child.tag, str) and etree.QName(child).localname in later:
                child.addprevious(made)
                break
        else:
            self.root.append(made)
        return made

    def _items(self, container: str, tag: str, default: str) -> list[etree._Element]:
        parent = self._container(container)
        items = [e for e in parent if e.tag == self.q(tag)]
        if not items:  # a format or font every index may fall back to
            parent.append(etree.fromstring(default))
            items = [parent[-1]]
            self.changed = True
        return items

    def is_date_format(self, style: int) -> bool:
        number = whole_number(self._xf(style).get("numFmtId", "0"))
        if number is None:
            return False
        return number in _DATE_IDS or _looks_like_date(self.formats.get(number, ""))

    def _xf(self, style: int) -> etree._Element:
        return self.xfs[style] if 0 <= style < len(self.xfs) else self.xfs[0]

    def with_fill(self, style: int, rgb: str | None, font_rgb: str | None) -> int:
        """A format like `style` with a solid `rgb` fill (no fill for None) and font colour."""
        key = (style, "fill", f"{rgb}/{font_rgb}")
        if key not in self._added:
            xf = copy.deepcopy(self._xf(style))
            xf.set("fillId", str(self._add("fill", self._solid_fill(rgb)) if rgb else 0))
            xf.set("applyFill", "1")
            if font_rgb:
                index = whole_number(xf.get("fontId")) or 0
                base = self.fonts[index] if index < len(self.fonts) else self.fonts[0]
                xf.set("fontId", str(self._add("font", self._font_color(base, font_rgb))))
                xf.set("applyFont", "1")
            self._added[key] = self._add("xf", xf)
        return self._added[key]

    def with_date(self, style: int) -> int:
        """`style` itself when it shows dates, else a copy showing the short date."""
        if self.is_date_format(style):
            return style
        key = (style, "date", "")
        if key not in self._added:
            xf = copy.deepcopy(self._xf(style))
            xf.set("numFmtId", str(_DATE_FORMAT))
            xf.set("applyNumberFormat", "1")
            self._added[key] = self._add("xf", xf)
        return self._added[key]

    def new_format(
        self,
        font: Font | None = None,
        fill: str | None = None,
        number_format: str | None = None,
        alignment: Alignment | None = None,
    ) -> int:
        """A cell format of its own, each part left at the workbook's default when None."""
        parts = (font, fill, number_format, alignment)
        if parts not in self._made:
            self._made[parts] = self._new_format(font, fill, number_format, alignment)
        return self._made[parts]

    def _new_format(
        self,
        font: Font | None,
        fill: str | None,
        number_format: str | None,
        alignment: Alignment | None,
    ) -> int:
        xf = self.root.makeelement(self.q("xf"), {})
        values = {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"}
        if font is not None:
            values |= {"fontId": str(self._add("font", self._font(font))), "applyFont": "1"}
        if fill is not None:
            values |= {"fillId": str(self._add("fill", self._solid_fill(fill))), "applyFill": "1"}
        if number_format is not None:
            values |= {"numFmtId": str(self._number_format(number_format))}
            values["applyNumberFormat"] = "1"
        for name, value in values.items():
            xf.set(name, value)
        if alignment is not None and alignment != Alignment():
            xf.set("applyAlignment", "1")
            xf.append(self._alignment(alignment))
        return self._add("xf", xf)

    def _number_format(self, code: str) -> int:
        """The id of a number format code: built in, already in the file, or appended."""
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        for number, known in self.formats.items():
            if known == code:
                return number
        number = max([163, *self.formats]) + 1
        self.formats[number] = code
        made = self._container("numFmts").makeelement(self.q("numFmt"), {})
        made.set("numFmtId", str(number))
        made.set("formatCode", code)
        self._container("numFmts").append(made)
        self.changed = True
        return number

    def _add(self, kind: str, element: etree._Element) -> int:
        """The index of an element equal to `element`, appended when the part has none."""
        keys = self._keys[kind]
        key = _key(element)
        if key not in keys:
            items = {"xf": self.xfs, "font": self.fonts, "fill": self.fills}[kind]
            container = {"xf": "cellXfs", "font": "fonts", "fill": "fills"}[kind]
            self._container(container).append(element)
            items.append(element)
            keys[key] = len(items) - 1
            self.changed = True
        return keys[key]

    def _element(self, local: str, attributes: dict[str, str] | None = None) -> etree._Element:
        return self.root.makeelement(self.q(local), attributes or {})

    def _solid_fill(self, rgb: str) -> etree._Element:
        fill = self._element("fill")
        pattern = etree.SubElement(fill, self.q("patternFill"), patternType="solid")
        for tag in ("fgColor", "bgColor"):  # Excel reads bgColor in conditional formats
            etree.SubElement(pattern, self.q(tag), rgb=f"FF{rgb}")
        return fill

    def _font(self, font: Font) -> etree._Element:
        """A font element, children in the order Excel writes them."""
        made = self._element("font")
        if font.bold:
            etree.SubElement(made, self.q("b"))
        if font.italic:
            etree.SubElement(made, self.q("i"))
        etree.SubElement(made, self.q("sz"), val=f"{font.size:g}")
        if font.color:
            etree.SubElement(made, self.q("color"), rgb=f"FF{font.color}")
        etree.SubElement(made, self.q("name"), val="Calibri")
        etree.SubElement(made, self.q("family"), val="2")
        etree.SubElement(made, self.q("scheme"), val="minor")
        return made

    def _alignment(self, alignment: Alignment) -> etree._Element:
        values = {
            "horizontal": alignment.horizontal,
            "vertical": alignment.vertical,
            "indent": str(alignment.indent) if alignment.indent else None,
            "wrapText": "1" if alignment.wrap_text else None,
            "shrinkToFit": "1" if alignment.shrink_to_fit else None,
        }
        return self._element("alignment", {k: v for k, v in values.items() if v is not None})

    def _font_color(self, font: etree._Element, rgb: str) -> etree._Element:
        """A copy of `font` with its colour set to `rgb` (the child kept in schema order)."""
        made = copy.deepcopy(font)
        color = self._element("color", {"rgb": f"FF{rgb}"})
        old = made.find(self.q("color"))
        if old is not None:
            made.replace(old, color)
            return made
        later = [made.find(self.q(t)) for t in _FONT_COLOR_BEFORE]
        anchor = next((e for e in later if e is not None), None)
        if anchor is None:
            made.append(color)
        else:
            anchor.addprevious(color)
        return made

    def to_bytes(self) -> bytes:
        """styles.xml with the counts of what was appended brought up to date."""
        for name in ("numFmts", "fonts", "fills", "cellXfs"):
            found = self.root.find(self.q(name))
            if found is not None and (found.get("count") is not None or len(found)):
                found.set("count", str(len([e for e in found if isinstance(e.tag, str)])))
        return serialised(self.root)


def _key(element: etree._Element) -> tuple[object, ...]:
    """What makes two formats, fonts or fills the same, prefixes and attribute order aside."""
    return (
        element.tag,
        tuple(sorted(element.attrib.items())),
        tuple(_key(child) for child in element if isinstance(child.tag, str)),
    )


@cache
def _looks_like_date(code: str) -> bool:
    """A custom number format showing a date or time: d, m, y, h or s outside quotes/brackets."""
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).casefold()
    return bool(re.search(r"[dmyhs]", bare)) and "general" not in bare
