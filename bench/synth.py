"""A synthetic plans repository of N segments, shaped like a real one, for benchmarks.

Each segment has 3 KPIs, 4 goals, 6 messages, 5 campaigns (two recurring) and
2 journeys with a branch. The plan is valid, so the benchmarks time the full
happy path rather than an early exit.
"""

from __future__ import annotations

import argparse
from pathlib import Path

PLAYBOOK = """\
title: Synthetic plan 2027
year: 2027
language: en
currency: EUR
objectives:
  - id: grow-base
    title: Turn prospects into first-time buyers
  - id: keep-revenue
    title: Keep the recurring revenue of existing customers
contact_policy:
  max_per_week: 6
  max_per_month: 20
smart:
  max_change: 1.0
  strict: false
"""

SEGMENT = """\
# Segment {n}: generated for benchmarks.
name: Synthetic segment {n}
stage: {stage}
tier: B
owner: Owner {n}
definition: Customers of cohort {n}, bought in the last 12 months.
rfm: {{recency_days: 365, frequency: 2, monetary: 120}}
customers: {customers}
yearly_value: 110
outlook: {{secure: 45, uncertain: 35, at_risk: 20}}
consent: opt-in
kpis:
  - id: s{n}-repeat-rate
    name: Repeat purchase rate
    unit: "%"
    direction: up
    measured: monthly
    source: Shop analytics "Returning buyers"
  - id: s{n}-revenue
    name: Revenue from the segment
    unit: EUR
    direction: up
    measured: quarterly
    source: ERP sales report
  - id: s{n}-churn
    name: Churn rate
    unit: "%"
    direction: down
    measured: quarterly
    source: CRM churn report
goals:
  - id: s{n}-repeat-26
    title: Raise the repeat purchase rate of cohort {n} from 20 % to 26 %
    kpi: s{n}-repeat-rate
    baseline: 20
    target: 26
    start: 2027-01-01
    due: 2027-09-30
    owner: Owner {n}
    supports: keep-revenue
    rationale: The 2026 loyalty pilot lifted repeat purchases by 5 points.
  - id: s{n}-revenue-grow
    title: Grow the yearly revenue of cohort {n} from 100000 EUR to 120000 EUR
    kpi: s{n}-revenue
    baseline: 100000
    target: 120000
    due: 2027-Q4
    supports: keep-revenue
  - id: s{n}-churn-cut
    title: Cut the quarterly churn rate of cohort {n} from 12 % to 9 %
    kpi: s{n}-churn
    baseline: 12
    target: 9
    due: 2027-12
    supports: keep-revenue
  - id: s{n}-repeat-30
    title: Lift the repeat purchase rate of cohort {n} from 26 % to 30 %
    kpi: s{n}-repeat-rate
    baseline: 26
    target: 30
    start: 2027-10-01
    due: 2027-12-31
    supports: keep-revenue
messages:
  - id: s{n}-newsletter
    kind: newsletter
    channel: email
    title: Monthly news
    content: New roasts, brewing tips and stories from the farms.
  - id: s{n}-offer
    kind: offer
    channel: email
    title: Seasonal offer
    content: 15 % off the seasonal blend for one week.
  - id: s{n}-survey
    kind: survey
    channel: email
    title: How are we doing?
  - id: s{n}-greeting
    kind: greeting
    channel: sms
    title: Happy birthday
  - id: s{n}-reminder
    kind: reminder
    channel: push
    title: Your favourite is back
  - id: s{n}-product-info
    kind: product-info
    channel: email
    title: Brewing guide
campaigns:
  - id: s{n}-monthly-news
    title: Monthly newsletter
    message: s{n}-newsletter
    start: 2027-01-12
    repeat: FREQ=MONTHLY;COUNT=12
    goals: [s{n}-repeat-26, s{n}-repeat-30]
  - id: s{n}-spring-offer
    title: Spring offer
    message: s{n}-offer
    start: 2027-03-01
    end: 2027-03-07
    goals: [s{n}-revenue-grow]
  - id: s{n}-autumn-offer
    title: Autumn offer
    message: s{n}-offer
    start: 2027-09-06
    end: 2027-09-12
    goals: [s{n}-revenue-grow]
  - id: s{n}-survey-wave
    title: Customer survey
    message: s{n}-survey
    start: 2027-02-03
    repeat: FREQ=MONTHLY;INTERVAL=3;COUNT=4
    goals: [s{n}-churn-cut]
  - id: s{n}-christmas
    title: Christmas guide
    message: s{n}-product-info
    start: 2027-12-01
    end: 2027-12-20
    goals: [s{n}-revenue-grow]
journeys:
  - id: s{n}-birthday
    title: Birthday greeting
    trigger: birthday
    layout: timeline
    goals: [s{n}-churn-cut]
    steps:
      - send: s{n}-greeting
    exit: purchased
  - id: s{n}-repeat-nudge
    title: Second purchase nudge
    trigger: purchased
    after: 30 days
    layout: journey
    goals: [s{n}-repeat-26]
    steps:
      - send: s{n}-product-info
      - wait: 7 days
      - branch:
          if: clicked
          then:
            - send: s{n}-reminder
          else:
            - wait: 7 days
            - send: s{n}-reminder
    exit: purchased
"""

STAGES = ("customer", "loyal", "passive")


def write(root: Path, segments: int) -> Path:
    """Write a plans directory with `segments` segments under `root` and return it."""
    (root / "segments").mkdir(parents=True, exist_ok=True)
    (root / "playbook.yaml").write_text(PLAYBOOK, encoding="utf-8")
    for n in range(segments):
        text = SEGMENT.format(n=n, stage=STAGES[n % 3], customers=2000 + 10 * n)
        (root / "segments" / f"segment-{n:04d}.yaml").write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--segments", type=int, default=1000)
    args = parser.parse_args()
    print(write(args.out, args.segments))
