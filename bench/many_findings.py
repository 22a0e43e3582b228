"""Benchmark a large segment with thousands of warnings against the same segment without any.

    python bench/many_findings.py [--campaigns 5000] [--goals 2000] [--repeat 3]

One segment of C campaigns (one day each, spread over the year) and G goals, written twice:

- clean: every goal is served by campaigns and no two campaigns of a message kind overlap
  (the playbook gets two L803 notes: a one-segment plan lacks two lifecycle groups);
- warned: no campaign serves a goal (A304 for every goal) and every second campaign runs
  on the same day as the one before it with the same kind of message (C603 per pair).

Both are checked and reported in the text format, as `planner check` does, in the same run
(medians of --repeat, alternating). Prints their ratio (target: at most 2x): a rule or a reporter that is
quadratic in the number of items or findings shows here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import paired_medians, verdict  # noqa: E402

from planner.check import check_paths  # noqa: E402
from planner.report.text import render as render_text  # noqa: E402
from planner.rules import all_rules  # noqa: E402
from planner.vocabulary import MESSAGE_KINDS  # noqa: E402

PLAYBOOK = """\
title: Warnings benchmark 2027
year: 2027
language: en
currency: EUR
objectives:
  - id: keep-revenue
    title: Keep the recurring revenue of existing customers
contact_policy:
  max_per_week: 1000000
  max_per_month: 1000000
"""

HEAD = """\
name: Large segment
stage: customer
tier: A
owner: Anna Virtanen
definition: Customers who bought in the last 12 months.
customers: 100000
yearly_value: 110
outlook: {secure: 45, uncertain: 35, at_risk: 20}
consent: opt-in
kpis:
  - id: repeat-rate
    name: Repeat purchase rate
    unit: "%"
    direction: up
    measured: monthly
    source: Shop analytics
"""

GOAL = """\
  - id: goal-{n}
    title: Raise the repeat purchase rate of group {n} from 20 % to 26 %
    kpi: repeat-rate
    baseline: 20
    target: 26
    due: 2027-12-31
    supports: keep-revenue
"""

CAMPAIGN = """\
  - id: campaign-{n}
    title: Campaign {n}
    message: message-{kind}
    start: {day}
    goals: [{goals}]
"""


def segment(campaigns: int, goals: int, warned: bool) -> str:
    kinds = sorted(MESSAGE_KINDS)
    parts = [HEAD, "goals:\n"]
    parts += [GOAL.format(n=n) for n in range(goals)]
    parts.append("messages:\n")
    parts += [f"  - {{id: message-{k}, kind: {k}, channel: email, title: {k}}}\n" for k in kinds]
    parts.append("campaigns:\n")
    first = dt.date(2027, 1, 1)
    for n in range(campaigns):
        slot = n // 2 if warned else n  # warned: campaigns 2k and 2k+1 share day and kind
        day = first + dt.timedelta(days=slot // len(kinds))
        served = "" if warned else f"goal-{n % goals}"
        parts.append(CAMPAIGN.format(n=n, kind=kinds[slot % len(kinds)], day=day.isoformat(),
                                     goals=served))
    return "".join(parts)


def write(root: Path, campaigns: int, goals: int, warned: bool) -> Path:
    (root / "segments").mkdir(parents=True)
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    (root / "segments" / "large.yaml").write_text(segment(campaigns, goals, warned),
                                                  encoding="utf-8")
    return root


def check_only(root: Path) -> int:
    return len(check_paths([root]).diagnostics)


def check_and_report(root: Path) -> int:
    result = check_paths([root])
    render_text(result, False)  # no colour, as in a CI log
    return len(result.diagnostics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--campaigns", type=int, default=5000)
    parser.add_argument("--goals", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    all_rules()
    work = Path(tempfile.mkdtemp(prefix="planner-bench-"))
    try:
        clean = write(work / "clean", args.campaigns, args.goals, warned=False)
        warned = write(work / "warned", args.campaigns, args.goals, warned=True)
        n_clean, n_warned = check_and_report(clean), check_and_report(warned)
        print(f"one segment: {args.campaigns} campaigns, {args.goals} goals; "
              f"{n_clean} findings without warnings, {n_warned} with")
        for label, fn in (("check", check_only), ("check + text report", check_and_report)):
            t_clean, t_warned = paired_medians(args.repeat, lambda: fn(clean),  # noqa: B023
                                               lambda: fn(warned))  # noqa: B023 (called here)
            ratio = t_warned / t_clean
            print(f"{label}: {t_clean:.2f} s without warnings, {t_warned:.2f} s with: "
                  f"ratio {ratio:.2f}x {verdict(ratio, 2)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
