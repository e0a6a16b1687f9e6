"""What kind of file a workbook is, before anything else reads it, and the one message for each
kind custdev cannot read or write: an encrypted (password-protected) workbook, an old .xls, a
binary .xlsb, and Strict Open XML. A part that is damaged, too big or hostile is named in one
line too, as a `NotAWorkbookError` (exit code 2)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from zipfile import BadZipFile

from addin.adapters.package.parts import CONTENT_TYPES, OFFICE_DOCUMENT, STRICT, Package
from addin.adapters.package.safexml import check_prolog, check_well_formed
from addin.adapters.package.zipraw import PartError
from addin.domain.errors import EncryptedWorkbookError, InputFileError, NotAWorkbookError
from addin.domain.i18n import text

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def kind_error(data: bytes, name: str) -> InputFileError | None:
    """The error for a file that is not a zip package at all: encrypted, .xls, or neither."""
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED in data[: 1 << 20] or "Encrypted".encode("utf-16-le") in data[: 1 << 20]:
            return EncryptedWorkbookError(text("error.encrypted", name=name))
        return NotAWorkbookError(text("error.xls", name=name))
    if not data.startswith(b"PK"):
        return NotAWorkbookError(text("error.not_workbook", name=name))
    return None


def opened(data: bytes, name: str) -> Package:
    """The package in `data`, refused with one clear line when custdev cannot edit it."""
    found = kind_error(data, name)
    if found is not None:
        raise found
    try:
        package = Package.from_bytes(data)
        _check_kind(package)
        _check_unpacking(package)
    except PartError as error:
        raise part_error(error, name) from None
    except (BadZipFile, ValueError, OSError) as error:
        raise NotAWorkbookError(
            text("error.unreadable_workbook", name=name, detail=error)
        ) from None
    return package


def _check_kind(package: Package) -> None:
    for entry in package.entries:
        if "\\" in entry.name:  # `xl\workbook.xml`: no reader finds the part under its name
            raise PartError("error.backslash_part", entry.name)
    rels = package.relationships("")
    for kind, target in rels.values():
        if kind.startswith(STRICT):
            raise PartError("error.strict_ooxml", target)
        if kind == OFFICE_DOCUMENT and target.casefold().endswith(".bin"):
            raise PartError("error.xlsb", target)
    if not any(kind == OFFICE_DOCUMENT for kind, _ in rels.values()):
        raise BadZipFile("a zip, but no workbook in it")  # any zip renamed .xlsx
    package.xml(CONTENT_TYPES)  # missing or not well-formed: no program opens the file
    package.workbook_part()  # names a missing workbook part


KEPT_UNPACKED = 8 << 20
"""A part this big (unpacked), the biggest of the file, is kept once checked: it is a sheet
that a refresh reads right after, and unpacking 50 MB again costs a tenth of a second."""


def _check_unpacking(package: Package) -> None:
    """Unpack every XML part once: no part may grow past the size it declares or hold a DTD,
    so that other readers (calamine) then open the same bytes safely. Only the biggest part, if
    big, is kept (`Package.keep_unpacked`)."""
    biggest = max(package.entries, key=lambda e: e.size, default=None)
    for entry in package.entries:
        if entry.name.endswith((".xml", ".rels")) or entry.name.startswith("xl/worksheets/"):
            if entry is biggest and entry.size >= KEPT_UNPACKED:
                pieces: list[bytes] = []
                check_prolog(_keeping(entry.chunks(), pieces), entry.name)
                package.keep_unpacked(entry.name, b"".join(pieces))
            else:
                check_prolog(entry.chunks(), entry.name)


def _keeping(pieces: Iterable[bytes], kept: list[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        kept.append(piece)
        yield piece


def missing_part(package: Package) -> PartError | None:
    """A sheet or the styles part that the relationships name but the zip lacks."""
    try:
        workbook = package.workbook_part()
        wanted = [workbook, *(part for _, part in package.sheets())]
        wanted += package.related(workbook, "styles") or ["xl/styles.xml"]
    except PartError as error:
        return error
    for part in wanted:
        if not package.has(part):
            return PartError("error.part_missing", part)
    return None


def broken_part(package: Package) -> PartError | None:
    """Why another reader could not read the package, part named: a sheet or the styles part
    the relationships name but the zip lacks, or a part that is not well-formed XML."""
    missing = missing_part(package)
    if missing is not None:
        return missing
    try:
        for name in package.names():
            if name.endswith((".xml", ".rels")):
                check_well_formed(package.read(name), name)
    except PartError as error:
        return error
    return None


def part_error(error: PartError, name: str) -> NotAWorkbookError:
    """The one-line message for a part that cannot be read, naming file and part."""
    return NotAWorkbookError(text(error.key, None, name=name, part=error.part, **error.values))
