"""Reading XML parts safely: lxml for the small parts, expat for sheets, and no DTD in either.

No workbook part ever has a document type declaration, so any DTD or entity declaration is
refused before it is used (XXE, billion laughs). lxml is told not to resolve entities, load DTDs
or touch the network as well, and refuses absurdly deep or huge documents on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pyexpat import ExpatError, ParserCreate
from typing import Any, NoReturn

from lxml import etree

from addin.adapters.package.zipraw import PartError

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def parse(data: bytes, part: str) -> etree._Element:
    """The root element of a small part (styles, workbook, tables, relationships, charts)."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise PartError("error.part_xml", part, detail=str(error)) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise PartError("error.part_dtd", part)
    return root


DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def serialised(root: etree._Element) -> bytes:
    """A part parsed with `parse` as bytes again, behind the XML declaration Excel writes."""
    return DECLARATION + etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False)


def expat(part: str, namespaces: bool = True) -> Any:
    """An expat parser that refuses DTDs and entities; names are 'uri local prefix' when
    `namespaces` is true, else the element and attribute names as written."""
    parser = ParserCreate(namespace_separator=" ") if namespaces else ParserCreate()
    if namespaces:
        parser.namespace_prefixes = True

    def refuse(*_: object) -> NoReturn:
        raise PartError("error.part_dtd", part)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ordered_attributes = True
    return parser


def run(parser: Any, data: bytes | Iterable[bytes], part: str) -> None:
    """Parse all of `data` (bytes, or pieces fed in turn: no joined copy of a big part), a
    malformed part raising PartError naming it."""
    try:
        if isinstance(data, bytes):
            parser.Parse(data, True)
            return
        for piece in data:
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except ExpatError as error:
        raise PartError("error.part_xml", part, detail=str(error)) from None


def check_well_formed(data: bytes, part: str) -> None:
    """Raise PartError unless `data` is well-formed, namespace-correct XML without a DTD."""
    run(expat(part), data, part)


class _RootReached(Exception):
    """The prolog ended: no DTD can come after the root element starts."""


def check_prolog(pieces: Iterable[bytes], part: str) -> None:
    """Refuse a DTD in the part whose bytes come in `pieces`; only the prolog (what precedes
    the root element, the one place a DTD can be) is parsed, the rest is only counted."""
    parser = expat(part)

    def reached(*_: object) -> NoReturn:
        raise _RootReached

    parser.StartElementHandler = reached
    parsing = True
    for piece in pieces:
        if parsing:
            try:
                parser.Parse(piece, False)
            except _RootReached:
                parsing = False
            except ExpatError as error:
                raise PartError("error.part_xml", part, detail=str(error)) from None


class TagReader:
    """Reads start tags and elements cut from one part, one after the other, through expat
    parsers kept for the part (names as written, so namespace declarations come along as
    attributes): a refresh reads tens of thousands of them, and a parser each would cost more
    than the rest."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.parser = expat(part, namespaces=False)
        self.found: list[tuple[str, list[str]]] = []
        self.open: list[str] = []
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = lambda _: self.open.pop()
        _feed(self.parser, b"<tags>", part)
        self._elements: _ElementReader | None = None

    def _start(self, name: str, attrs: list[str]) -> None:
        self.open.append(name)
        self.found.append((name, attrs))

    def element(self, element: bytes) -> tuple[str, list[str], int]:
        """Name, attributes and where the content begins (relative to `element`) of a whole
        element such as a cell.

        A parser of its own, whose handlers go quiet once the content is found: expat then
        checks the rest of the element (a cell's <v>, <is>, <t>) without calling back."""
        if self._elements is None:
            self._elements = _ElementReader(self.part)
        return self._elements.read(element)

    def start_tag(self, fragment: bytes) -> tuple[str, list[str]]:
        """Name and attributes of the start tag `fragment` begins with (a row's, before its
        cells); the element is closed behind it so that the next read starts afresh."""
        self.found.clear()
        _feed(self.parser, fragment, self.part)
        if not self.found:
            raise PartError("error.part_xml", self.part, detail="no element")
        while len(self.open) > 1:  # what the fragment left open, <tags> aside
            _feed(self.parser, f"</{self.open[-1]}>".encode(), self.part)
        return self.found[0]


class _ElementReader:
    """TagReader.element's parser: whole elements fed one after another inside <tags>."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.parser = expat(part, namespaces=False)
        self.first: tuple[str, list[str], int] | None = None
        self.content = -1
        _feed(self.parser, b"<tags>", part)

    def read(self, element: bytes) -> tuple[str, list[str], int]:
        parser = self.parser
        self.first, self.content = None, -1
        parser.StartElementHandler = self._start
        parser.EndElementHandler = parser.CharacterDataHandler = self._content
        parser.CommentHandler = parser.ProcessingInstructionHandler = self._content
        _feed(parser, element, self.part)
        if self.first is None:
            raise PartError("error.part_xml", self.part, detail="no element")
        name, attrs, at = self.first
        return name, attrs, self.content - at if self.content >= 0 else len(element)

    def _start(self, name: str, attrs: list[str]) -> None:
        if self.first is None:
            self.first = (name, attrs, self.parser.CurrentByteIndex)
        else:
            self._content()

    def _content(self, *_: object) -> None:
        """What follows the first start tag (a child, text, its end): its content begins."""
        if self.first is None:
            return
        parser = self.parser
        self.content = parser.CurrentByteIndex
        parser.StartElementHandler = parser.EndElementHandler = parser.CharacterDataHandler = None
        parser.CommentHandler = parser.ProcessingInstructionHandler = None


def _feed(parser: Any, data: bytes, part: str) -> None:
    try:
        parser.Parse(data, False)
    except ExpatError as error:
        raise PartError("error.part_xml", part, detail=str(error)) from None
