"""Segments are listed along the lifecycle (suspect, prospect, customer, loyal, passive,
lost), then by name, wherever the site lists them, whatever their files are called; the
segments overview names each goal, not only its SMART badges."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from planner.check import check_plan
from planner.plan import load_plan
from planner.render import nav, pages
from tests.helpers import CASES
from tests.site.hostile import FIXTURE_PLANS


def test_plan_segments_follow_the_lifecycle_then_the_name(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    (root / "segments").mkdir(parents=True)
    shutil.copyfile(CASES / "playbook.yaml", root / "playbook.yaml")
    minimal = (CASES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    for file, stage, name in [("a", "lost", "Lapsed"), ("b", "prospect", "Zeta prospects"),
                              ("c", "prospect", "alpha prospects"), ("d", "suspect", "Visitors"),
                              ("e", "loyal", "Members"), ("f", "passive", "Quiet")]:
        text = minimal.replace("name: Engaged customers", f"name: {name}") \
            .replace("stage: customer", f"stage: {stage}")
        (root / "segments" / f"{file}.yaml").write_text(text, encoding="utf-8")
    plan = load_plan(root)
    assert [sf.id for sf, _seg in plan.segments] == ["d", "c", "b", "e", "f", "a"]


def _segment_links(markdown: str, ids: list[str]) -> list[str]:
    """The segments a page links to (their pages, not anchors in them), in page order."""
    found = re.findall(r'href="[^"#]*?(' + "|".join(map(re.escape, ids)) + r')/"', markdown)
    return list(dict.fromkeys(found))


def test_every_list_of_segments_is_in_lifecycle_order(tmp_path: Path) -> None:
    root = tmp_path / "plans"
    shutil.copytree(FIXTURE_PLANS, root)
    # file names against the lifecycle: the customer and prospect segments sort last
    (root / "segments" / "engaged.yaml").rename(root / "segments" / "yy-engaged.yaml")
    (root / "segments" / "interested.yaml").rename(root / "segments" / "zz-interested.yaml")
    plan = load_plan(root)
    stages = {sf.id: seg.stage for sf, seg in plan.segments}
    lifecycle = ["zz-interested", "yy-engaged", "loyal", "passive-lost"]
    assert [stages[s] for s in lifecycle] == ["prospect", "customer", "loyal", "passive"]
    segments_nav = next(item for item in nav(plan) if "Segments" in item)["Segments"]
    assert segments_nav == ["segments/index.md"] + [f"segments/{s}.md" for s in lifecycle]
    out = pages(plan, check_plan(plan))
    for page in ("index.md", "segments/index.md", "calendar.md"):
        assert _segment_links(str(out[page]), lifecycle) == lifecycle, page


def test_the_segments_overview_names_every_goal() -> None:
    plan = load_plan(FIXTURE_PLANS)
    overview = str(pages(plan, check_plan(plan))["segments/index.md"])
    for sf, segment in plan.segments:
        for goal in segment.goals:
            link = f'href="{sf.id}/#goal-{goal.id}">{goal.title}</a>'
            assert link in overview, goal.id
