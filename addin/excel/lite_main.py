"""main.py for xlwings Lite: paste this into the Lite editor (see README, "xlwings Lite").

Lite registers the functions and scripts it finds in main.py; these imports put custdev's there.
"""

from addin.excel.functions import CD_ABC, CD_ABC_SUMMARY  # noqa: F401
from addin.excel.macros import classify_customers  # noqa: F401
