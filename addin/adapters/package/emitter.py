"""The one XML emitter of the package adapter, after XlsxWriter's `xmlwriter.py`: a small family
of `_xml_*` methods writes tags, and escaping happens here and nowhere else.

Elements take the prefix their part uses for SpreadsheetML (`x:` in files from the Open XML SDK,
none in Excel's), so what custdev adds lands in the same namespace as the part's own elements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Attributes = Sequence[tuple[str, object]]

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATA_SPECIAL = re.compile(r"[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile(r"[&<>\"\r\n\t]")


def xml_chars(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot hold at all."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def escape_data(text: str) -> str:
    """Character data: & < > escaped, CR kept as a reference, characters XML forbids dropped."""
    text = xml_chars(text)
    if not _DATA_SPECIAL.search(text):
        return text  # the common case
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def escape_attribute(value: object) -> str:
    """An attribute value: also quotes and white space, which a parser would otherwise fold."""
    text = str(value)
    if text.isalnum():  # r="M5", s="12", t="inlineStr": nothing to escape or drop
        return text
    text = xml_chars(text)
    if not _ATTRIBUTE_SPECIAL.search(text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


def attributes_xml(attributes: Attributes) -> str:
    return "".join([f' {name}="{escape_attribute(value)}"' for name, value in attributes])


class XmlWriter:
    """Writes elements into a list of strings; `prefix` ('x:' or '') goes before every tag."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.out: list[str] = []

    def text(self) -> str:
        return "".join(self.out)

    def _xml_declaration(self) -> None:
        self.out.append('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')

    def _xml_start_tag(self, tag: str, attributes: Attributes = ()) -> None:
        self.out.append(f"<{self.prefix}{tag}{attributes_xml(attributes)}>")

    def _xml_end_tag(self, tag: str) -> None:
        self.out.append(f"</{self.prefix}{tag}>")

    def _xml_empty_tag(self, tag: str, attributes: Attributes = ()) -> None:
        self.out.append(f"<{self.prefix}{tag}{attributes_xml(attributes)}/>")

    def _xml_data_element(self, tag: str, data: str, attributes: Attributes = ()) -> None:
        p = self.prefix
        self.out.append(f"<{p}{tag}{attributes_xml(attributes)}>{escape_data(data)}</{p}{tag}>")

    def _xml_raw(self, xml: str) -> None:
        """XML made by another method of this family (a cell, a row), as it is."""
        self.out.append(xml)
