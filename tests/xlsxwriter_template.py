"""A user's macro workbook as XlsxWriter writes it: a Customers table with an x14 data bar and a
comment, a Report sheet with a chart, an image, a sparkline and a form button, and a VBA project.

bench_batch.py generates from it; tests/integration/test_xlsxwriter_template.py checks that every
generated workbook keeps each of these, byte for byte.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import xlsxwriter

from addin.workbook.template import TEMPLATES

HEADERS = [
    "Customer ID",
    "Name",
    "Rep",
    "Region",
    "City",
    "Kind",
    "Annual sales",
    "Stage",
    "Follow-up",
    "Notes",
]
MACRO = "SampleCall"
BLANKS = ("", "", "sample row")  # stage, follow-up, notes


def vba_project() -> bytes:
    """The project's own VBA project, from the shipped macro template."""
    with zipfile.ZipFile(TEMPLATES / "customers_en.xlsm") as archive:
        return archive.read("xl/vbaProject.bin")


def png(size: int = 24) -> bytes:
    """A small red square, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xc8\x1e\x1e" * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def macro_workbook(path: Path, rows: int = 50) -> Path:
    """Write the workbook at `path` (.xlsm) with `rows` sample customers in its table."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Customers")
    data = [
        [
            f"T{i:03d}",
            f"Sample {i}",
            f"Rep {i % 5}",
            "North",
            "Wuhan",
            "customer",
            1000.0 + i,
            *BLANKS,
        ]
        for i in range(rows)
    ]
    columns = [{"header": h} for h in HEADERS]
    ws.add_table(
        0, 0, rows, len(HEADERS) - 1, {"name": "Customers", "columns": columns, "data": data}
    )
    sales = HEADERS.index("Annual sales")
    ws.conditional_format(1, sales, rows, sales, {"type": "data_bar", "data_bar_2010": True})
    ws.write_comment("A1", "Exported from the CRM every Monday")
    report = wb.add_worksheet("Report")
    for r, values in enumerate([[1, 3, 2, 5], [4, 2, 6, 1]], start=1):
        report.write(r, 0, f"Series {r}")
        report.write_row(r, 1, values)
    chart = wb.add_chart({"type": "column"})
    for r in (2, 3):
        chart.add_series({"values": f"=Report!$B${r}:$E${r}", "name": f"=Report!$A${r}"})
    report.insert_chart("A6", chart)
    report.insert_image("H2", "red.png", {"image_data": io.BytesIO(png())})
    report.add_sparkline("F2", {"range": "Report!B2:E2"})
    report.insert_button("H12", {"macro": MACRO, "caption": "Run"})
    wb.add_vba_project(io.BytesIO(vba_project()), is_stream=True)
    wb.close()
    return path


def kept(template: bytes, generated: bytes) -> dict[str, bool]:
    """Which of the template's artefacts a generated workbook still has, unchanged."""
    before, after = _parts(template), _parts(generated)

    def same(prefix: str) -> bool:
        names = [n for n in before if n.startswith(prefix)]
        return bool(names) and all(after.get(n) == before[n] for n in names)

    sheets = b"".join(v for n, v in after.items() if n.startswith("xl/worksheets/sheet"))
    vml = b"".join(v for n, v in after.items() if n.endswith(".vml"))
    return {
        "chart": same("xl/charts/"),
        "image": same("xl/media/"),
        "sparkline": b"x14:sparklineGroups" in sheets,
        "data bar": b"x14:dataBar" in sheets,
        "comment": same("xl/comments"),
        "button": b'ObjectType="Button"' in vml and MACRO.encode() in vml,
        "VBA": same("xl/vbaProject.bin"),
    }


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}
