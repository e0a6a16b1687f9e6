"""The public error tree (defined in the pure core so every layer can raise it).

See `addin.domain.errors` for the tree drawn out.
"""

from __future__ import annotations

from addin.domain.errors import (
    CustdevError,
    DuplicateIdError,
    EmptyTableError,
    EncryptedWorkbookError,
    InputFileError,
    InvalidValuesError,
    MissingColumnError,
    MissingTableError,
    NotAWorkbookError,
    SchemaError,
    SettingsError,
    WorkbookLockedError,
)

__all__ = [
    "CustdevError",
    "DuplicateIdError",
    "EmptyTableError",
    "EncryptedWorkbookError",
    "InputFileError",
    "InvalidValuesError",
    "MissingColumnError",
    "MissingTableError",
    "NotAWorkbookError",
    "SchemaError",
    "SettingsError",
    "WorkbookLockedError",
]
