"""main.py for xlwings Lite: paste this into the Lite editor (see README, "xlwings Lite").

Lite registers the functions and scripts it finds in main.py; these imports put custdev's there.
"""

from addin.excel.functions import (  # noqa: F401
    CD_ABC,
    CD_ABC_SUMMARY,
    CD_PIPELINE,
    CD_PROSPECT_COLOR,
    CD_SEGMENT,
    CD_VISIT_PLAN,
    CD_VISITS_PER_MONTH,
)
from addin.excel.macros import (  # noqa: F401
    classify_customers,
    colour_prospects,
    plan_visits,
)
