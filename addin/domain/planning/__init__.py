"""Visit planning (拜访计划): who needs a visit and when (frequency, demand, calendar), the
planners that place visits on days and in driving order (heuristic, solver, behind the one
interface of problem.py), the plan's frames (plan, outcome, manager), the rule checker (rules),
and the plan's sheets (tables, week, month, route_sheets, pages). Touches are the small
gestures between visits.
"""

PLAN_TABLE = "VisitPlan"
"""The visit plan's table: here, so that naming it loads none of the planning modules."""

SECONDS_PER_REP = 1.0
"""The route solver's default budget per rep: 20 reps of 500 customers plan, workbook included,
in under 20 s on two cores (benchmarks/bench_plan.py). Here, for the command line's help."""
