"""P014: a campaign date anchored to a holiday names a holiday of the plan."""

from __future__ import annotations

from collections.abc import Iterator

from planner.diagnostics import Severity
from planner.rules import Finding, rule


@rule("P014", Severity.ERROR, scope="loader")
def unknown_holiday(_ctx: object) -> Iterator[Finding]:
    """A holiday date names a holiday of the playbook's `holidays` countries in the plan period.

    The ids are the holidays' English names in lowercase with hyphens, the same in every
    language; `planner holidays` lists them with their dates and names in the plan's language.
    The commercial days valentines-day, black-friday, cyber-monday and singles-day exist in
    every plan. Refused when the holiday is not one of the plan's countries, or falls outside
    the plan period.

    Fails:
        # playbook.yaml: holidays: [FI]
        campaigns:
          - id: midsummer
            start: {holiday: juhannus, days: -7}
    Passes:
        campaigns:
          - id: midsummer
            start: {holiday: midsummer-eve, days: -7}
    """
    yield from ()
