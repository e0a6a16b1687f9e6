"""vbaProject.bin from VBA source (MS-OVBA 2.3): the streams Excel reads a VBA project from.

- `VBA/dir`: the compressed project information, references and module records;
- `VBA/<module>`: each module's source, compressed, with no compiled cache (offset 0);
- `VBA/_VBA_PROJECT`: the 7-byte header with no performance cache, so Office compiles the
  source on open, whatever its version;
- `PROJECT` and `PROJECTwm`: the project's properties as text and the module names.

The references are OLE Automation (stdole) and the xlwings add-in by its file name, as xlwings'
own quickstart workbook carries it: Excel binds it to the open `xlwings.xlam`, whose `RunPython`
the macros call. EPPlus' ExcelVbaProject creates projects the same way.
"""

from __future__ import annotations

import hashlib
import struct
import uuid
from dataclasses import dataclass

from addin.workbook.vba.cfb import storage, stream, write_compound_file
from addin.workbook.vba.compression import compress

CODE_PAGE = 1252
LCID = 0x0409
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
STDOLE = (
    "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
    "C:\\Windows\\System32\\stdole2.tlb#OLE Automation"
)
XLWINGS = "*\\Cxlwings.xlam"
NOT_PROTECTED = bytes(4)
NO_PASSWORD = bytes(1)
VISIBLE = bytes([0xFF])


@dataclass(frozen=True)
class Module:
    """One VBA module: its name, its source lines, and whether it belongs to a document (the
    workbook or a sheet) rather than standing on its own."""

    name: str
    source: str
    document: bool = False


def document_module(name: str, base: str) -> Module:
    """The code module behind the workbook or a sheet: attributes only, as Excel writes them."""
    attributes = [
        f'Attribute VB_Name = "{name}"',
        f'Attribute VB_Base = "{base}"',
        "Attribute VB_GlobalNameSpace = False",
        "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = True",
        "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = True",
    ]
    return Module(name, "\r\n".join(attributes) + "\r\n", document=True)


def vba_project(modules: list[Module], name: str = "VBAProject") -> bytes:
    """The bytes of a vbaProject.bin holding `modules` (documents and standard modules)."""
    project_id = "{" + str(uuid.UUID(bytes=hashlib.md5(name.encode()).digest())).upper() + "}"
    vba = storage(
        "VBA",
        stream("_VBA_PROJECT", struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0000)),
        stream("dir", compress(dir_stream(modules, name))),
        *[stream(m.name, compress(_encoded(m.source))) for m in modules],
    )
    return write_compound_file(
        [
            stream("PROJECT", project_text(modules, name, project_id)),
            stream("PROJECTwm", project_wm(modules)),
            vba,
        ]
    )


def _encoded(text: str) -> bytes:
    return text.encode(f"cp{CODE_PAGE}")


def _record(record_id: int, data: bytes = b"") -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _text_records(record_id: int, unicode_id: int, text: str) -> bytes:
    """A name as the code page's bytes, then again as UTF-16 under its own id."""
    return _record(record_id, _encoded(text)) + _record(unicode_id, text.encode("utf-16-le"))


def dir_stream(modules: list[Module], name: str) -> bytes:
    """The uncompressed `dir` stream (MS-OVBA 2.3.4.2)."""
    information = b"".join(
        [
            _record(0x0001, struct.pack("<I", 1)),  # SysKind: 32-bit Windows
            _record(0x0002, struct.pack("<I", LCID)),
            _record(0x0014, struct.pack("<I", LCID)),
            _record(0x0003, struct.pack("<H", CODE_PAGE)),
            _record(0x0004, _encoded(name)),
            _text_records(0x0005, 0x0040, ""),  # doc string
            _text_records(0x0006, 0x003D, ""),  # help file
            _record(0x0007, struct.pack("<I", 0)),  # help context
            _record(0x0008, struct.pack("<I", 0)),  # lib flags
            struct.pack("<HIIH", 0x0009, 4, 1, 0),  # version 1.0 (size field is reserved: 4)
            _text_records(0x000C, 0x003C, ""),  # constants
        ]
    )
    references = _registered("stdole", STDOLE) + _project_reference("xlwings", XLWINGS)
    module_records = b"".join(_module_records(m) for m in modules)
    modules_part = (
        _record(0x000F, struct.pack("<H", len(modules)))
        + _record(0x0013, struct.pack("<H", 0xFFFF))
        + module_records
    )
    return information + references + modules_part + _record(0x0010)


def _registered(name: str, libid: str) -> bytes:
    """A REFERENCENAME and a REFERENCEREGISTERED record (a type library by its LibID)."""
    encoded = _encoded(libid)
    body = struct.pack("<I", len(encoded)) + encoded + struct.pack("<IH", 0, 0)
    return _text_records(0x0016, 0x003E, name) + _record(0x000D, body)


def _project_reference(name: str, libid: str) -> bytes:
    """A REFERENCENAME and a REFERENCEPROJECT record (another VBA project, by file name)."""
    encoded = _encoded(libid)
    path = struct.pack("<I", len(encoded)) + encoded
    body = path + path + struct.pack("<IH", 0, 0)
    return _text_records(0x0016, 0x003E, name) + _record(0x000E, body)


def _module_records(module: Module) -> bytes:
    return b"".join(
        [
            _record(0x0019, _encoded(module.name)),
            _record(0x0047, module.name.encode("utf-16-le")),
            _text_records(0x001A, 0x0032, module.name),  # stream name
            _text_records(0x001C, 0x0048, ""),  # doc string
            _record(0x0031, struct.pack("<I", 0)),  # source starts at 0: no compiled cache
            _record(0x001E, struct.pack("<I", 0)),  # help context
            _record(0x002C, struct.pack("<H", 0xFFFF)),  # cookie
            _record(0x0022 if module.document else 0x0021),
            _record(0x002B),  # terminator
        ]
    )


def project_text(modules: list[Module], name: str, project_id: str) -> bytes:
    """The PROJECT stream: properties as `key=value` lines, CRLF, in the code page."""
    lines = [f'ID="{project_id}"']
    for module in modules:
        lines.append(
            f"Document={module.name}/&H00000000" if module.document else f"Module={module.name}"
        )
    lines += [
        f'Name="{name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{encrypt(project_id, NOT_PROTECTED)}"',
        f'DPB="{encrypt(project_id, NO_PASSWORD)}"',
        f'GC="{encrypt(project_id, VISIBLE)}"',
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
        *[f"{m.name}=0, 0, 0, 0, C" for m in modules],
        "",
    ]
    return _encoded("\r\n".join(lines))


def project_wm(modules: list[Module]) -> bytes:
    """The PROJECTwm stream: each module name in the code page and in UTF-16."""
    names = b"".join(
        _encoded(m.name) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00" for m in modules
    )
    return names + b"\x00\x00"


def encrypt(project_id: str, data: bytes, seed: int = 0x07) -> str:
    """MS-OVBA 2.4.3.2 data encryption (the obfuscation of CMG, DPB and GC), as hex."""
    version = 2
    key = sum(project_id.encode("ascii")) & 0xFF
    out = [seed, seed ^ version, seed ^ key]
    unencrypted, encrypted_1, encrypted_2 = key, seed ^ key, seed ^ version
    ignored = (seed & 6) // 2
    for byte in [0] * ignored + list(struct.pack("<I", len(data))) + list(data):
        encrypted = ((encrypted_2 + unencrypted) & 0xFF) ^ byte
        out.append(encrypted)
        encrypted_2, encrypted_1, unencrypted = encrypted_1, encrypted, byte
    return bytes(out).hex().upper()


def decrypt(text: str) -> bytes:
    """The data that `encrypt` hid (MS-OVBA 2.4.3.3), for tests and for reading a project."""
    raw = bytes.fromhex(text)
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    key = seed ^ key_enc
    if seed ^ version_enc != 2:
        raise ValueError("not MS-OVBA data encryption version 2")
    unencrypted, encrypted_1, encrypted_2 = key, key_enc, version_enc
    plain = []
    for encrypted in raw[3:]:
        byte = encrypted ^ ((encrypted_2 + unencrypted) & 0xFF)
        plain.append(byte)
        encrypted_2, encrypted_1, unencrypted = encrypted_1, encrypted, byte
    ignored = (seed & 6) // 2
    length = struct.unpack("<I", bytes(plain[ignored : ignored + 4]))[0]
    return bytes(plain[ignored + 4 : ignored + 4 + length])
