"""`planner build`, `serve` and `generate`: the site commands (see planner.engine)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
