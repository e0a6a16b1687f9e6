"""Visit planning (拜访计划): who needs a visit and when (frequency, demand, calendar), the
planners that place visits on days and in driving order (heuristic, solver, behind the one
interface of problem.py), the plan's frames (plan, outcome, manager), the rule checker (rules),
and the plan's sheets (tables, week, month, route_sheets, pages). Touches are the small
gestures between visits.
"""

PLAN_TABLE = "VisitPlan"
"""The visit plan's table: here, so that naming it loads none of the planning modules."""
