"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click


class _Day(click.ParamType):  # type: ignore[type-arg]  # generic only in stubs
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            if len(str(value)) == 10:
                return dt.date.fromisoformat(str(value))
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2027-04-15", param, ctx)


today_option = click.option(
    "--today", "today", type=_Day(), default=None,
    help="Judge progress as of this day (default: the playbook's tracking.as_of, else the "
         "current date).")
