"""One tree of errors, each with a message a user can act on.

    CustdevError (Exception)             exit code 2 on the command line
    ├── InputFileError (OSError)         the file cannot be read as a workbook or CSV
    │   ├── NotAWorkbookError            not an .xlsx/.xlsm/.csv, or corrupt
    │   └── EncryptedWorkbookError       password protected
    ├── SchemaError (ValueError)         the data does not fit the customer table
    │   ├── MissingTableError (LookupError)   no Customers table or sheet
    │   ├── EmptyTableError              a header row but no rows, or nothing at all
    │   ├── MissingColumnError (KeyError)     a required column is absent
    │   ├── DuplicateIdError             the same customer id twice
    │   └── InvalidValuesError           cells of the wrong kind (every bad cell listed)
    ├── SettingsError (ValueError)       a Settings cell or argument is out of range
    ├── WorkbookLockedError (PermissionError)  the workbook is open in Excel
    ├── OutputFileError (OSError)        an output cannot be written (disk full, a file limit)
    │   ├── OutputExistsError (FileExistsError)  it would replace a file the run read or did
    │   │                                    not make, and --force did not say so
    │   └── ChangedMeanwhileError        the file changed on disk while custdev worked on it
    └── WriteCheckError                  what custdev made did not read back as meant: not written

    Interrupted (KeyboardInterrupt)      Ctrl-C after part of the work was saved: says what was

Every message says where (file, sheet, column, row), what was expected and how to fix it.

    CustdevWarning (UserWarning)         something read that the user should check (a guessed
                                         encoding); the command line prints it as 'warning:'
"""

from __future__ import annotations


class CustdevError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 2

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else self.__class__.__name__


class InputFileError(CustdevError, OSError):
    """The input file cannot be read."""


class NotAWorkbookError(InputFileError):
    """The file is not an Excel workbook or CSV file we can read."""


class EncryptedWorkbookError(InputFileError):
    """The workbook is password protected."""


class SchemaError(CustdevError, ValueError):
    """The data does not fit the customer table."""


class MissingTableError(SchemaError, LookupError):
    """The workbook has no Customers table or sheet."""


class EmptyTableError(SchemaError):
    """The table has no data rows."""


class MissingColumnError(SchemaError, KeyError):
    """A required column is absent."""


class DuplicateIdError(SchemaError):
    """The same customer id appears more than once."""


class InvalidValuesError(SchemaError):
    """Cells hold values of the wrong kind; the message lists every one."""


class SettingsError(CustdevError, ValueError):
    """A setting (a Settings cell or a command-line option) is invalid."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key
        """The setting to point at, when the message is about one."""


class WorkbookLockedError(CustdevError, PermissionError):
    """The workbook is open in Excel (a ~$ lock file exists)."""


class OutputFileError(CustdevError, OSError):
    """An output cannot be written: the disk is full, a file size limit, an I/O error."""


class OutputExistsError(OutputFileError, FileExistsError):
    """The output would replace a file the run read, or one it did not make (without --force)."""


class ChangedMeanwhileError(OutputFileError):
    """The file was changed by someone else between custdev reading it and writing it back."""


class CustdevWarning(UserWarning):
    """Something custdev read that the user should check, such as a guessed text encoding."""


class WriteCheckError(CustdevError):
    """The package custdev was about to write did not read back as meant; nothing was written."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a command that had already saved part of its work (some of a batch's
    workbooks): the message says what was saved and where; exit code 130 like any Ctrl-C."""
