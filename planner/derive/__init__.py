"""Facts derived from a validated plan: pure functions, shared by the rules and the site.

Nothing here knows about rules, diagnostics or rendering. Modules:

- `calendar`: campaign occurrences (RRULE via dateutil), goal deadlines and KPI
  measurement dates within the plan period.
- `pressure`: worst-case messages per customer in any rolling 7- and 30-day window.
- `journeys`: a journey as a graph of trigger, sends, waits, branches and ends.
- `revenue`: revenue at stake per segment and in total.
"""
