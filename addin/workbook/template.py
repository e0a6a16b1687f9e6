"""Build the customer workbook template in English or Chinese; `python -m` writes both to disk.

The checked-in files in workbook_templates/ are this module's output; a test rebuilds them and
fails if they drift.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from addin.domain.i18n import LANGUAGES, check_language, text
from addin.domain.settings import Settings
from addin.workbook.atomic import output_folder, save_workbook
from addin.workbook.clashes import check_outputs
from addin.workbook.dashboard import dashboard_sheet
from addin.workbook.sheets import (
    PRINT_PAGES_WIDE,
    customers_sheet,
    settings_sheet,
    summary_sheet,
    xlwings_conf_sheet,
)
from addin.workbook.styles import fit_to_width

DEFAULTS = Settings()
BUILT = dt.datetime(2026, 1, 1)
"""Fixed created/modified times, so a rebuild gives the same file."""
TEMPLATES = Path(__file__).resolve().parents[2] / "workbook_templates"


def template_name(lang: str) -> str:
    """'customers_en.xlsx' or 'customers_zh.xlsx'."""
    return f"customers_{check_language(lang)}.xlsx"


def build_template(lang: str = "en", settings: Settings = DEFAULTS) -> Workbook:
    """A fresh customer workbook: Customers, Dashboard, Settings, Summary and xlwings.conf."""
    check_language(lang)
    wb = Workbook()
    customers_sheet(wb.active, lang, settings)
    dashboard_sheet(wb.create_sheet(), lang, settings, wb.active.title)
    settings_sheet(wb.create_sheet(), lang, settings)
    summary_sheet(wb.create_sheet(), lang)
    xlwings_conf_sheet(wb.create_sheet())
    fit_to_width(wb.worksheets)
    wb.active.page_setup.fitToWidth = PRINT_PAGES_WIDE  # readable, not 26 columns on one page
    wb[text("sheet.settings", lang)].page_setup.fitToHeight = 1  # all settings on one page
    wb.active = 0
    wb.properties.creator = "custdev"
    wb.properties.title = text("workbook.title", lang)
    wb.properties.language = "zh-CN" if lang == "zh" else "en-US"
    wb.properties.created = wb.properties.modified = BUILT
    return wb


def write_templates(
    folder: str | os.PathLike[str] = TEMPLATES, *, force: bool = False
) -> list[Path]:
    """Write customers_en/zh.xlsx and their macro-enabled .xlsm twins into `folder`, creating it
    if needed.

    A file of that name already there (a template someone filled in) is replaced only with
    `force`; otherwise nothing is written.
    """
    from addin.workbook.macro_template import macro_template_name, write_macro_templates

    targets = [Path(folder) / template_name(lang) for lang in LANGUAGES]
    macros = [Path(folder) / macro_template_name(lang) for lang in LANGUAGES]
    check_outputs([*targets, *macros], {}, replace=force, named=False)
    output_folder(folder)
    plain = [
        save_workbook(build_template(lang), path, stamp=False, replace=force)
        for lang, path in zip(LANGUAGES, targets, strict=True)
    ]
    return plain + write_macro_templates(folder, replace=force)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m addin.workbook.template [folder]`: rebuild the templates (replacing them)."""
    args = list(sys.argv[1:] if argv is None else argv)
    for path in write_templates(args[0] if args else TEMPLATES, force=True):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
