"""Facts derived from a validated plan: pure functions, shared by the rules and the site.

Nothing here knows about rules, diagnostics or rendering. Modules:

- `calendar`: campaign occurrences (RRULE via dateutil), goal deadlines and KPI
  measurement dates within the plan period.
- `pressure`: worst-case messages per customer in any rolling 7- and 30-day window.
- `journeys`: a journey as a graph of trigger, sends, waits, branches and ends.
- `revenue`: revenue at stake per segment and in total.
- `lifecycle`: the three lifecycle groups and the messages each stage needs.
- `recurrence`: a campaign's `repeat` RRULE expanded with dateutil (the rule is
  read and checked, for the model's P004, by `planner.recurrence_rules`).

Each module's docstring states its semantics (window kind, measurement days,
how branches are read); the rules C601-C603, J701, J702,
L803, L804 and P008 build on them.
"""
