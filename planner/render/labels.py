"""Display names for the plan format's vocabulary words, each marked for translation."""

from __future__ import annotations

from babel.lists import format_list

from planner import i18n
from planner.i18n import _


def stage(value: str) -> str:
    return {"suspect": _("suspect"), "prospect": _("prospect"), "customer": _("customer"),
            "loyal": _("loyal"), "passive": _("passive"), "lost": _("lost")}.get(value, value)


def group(value: str) -> str:
    """A lifecycle group (planner.derive.lifecycle.GROUPS)."""
    return {"interested": _("Interested"), "engaged": _("Engaged"),
            "passive-lost": _("Passive and lost")}.get(value, value)


def purpose(value: str) -> str:
    return {"marketing": _("marketing"), "service": _("service")}.get(value, value)


def stage_hint(value: str) -> str:
    return {"suspect": _("might belong to the target group"),
            "prospect": _("has shown interest"),
            "customer": _("has bought"),
            "loyal": _("buys regularly"),
            "passive": _("has stopped buying"),
            "lost": _("gone for now")}.get(value, "")


def consent(value: str) -> str:
    return {"opt-in": _("opt-in consent"),
            "customer-relationship": _("existing customer relationship"),
            "none": _("no consent")}.get(value, value)


def channel(value: str) -> str:
    return {"email": _("email"), "sms": _("SMS"), "push": _("push"), "phone": _("phone"),
            "letter": _("letter"), "store": _("store"), "web": _("web"), "social": _("social"),
            "ads": _("ads")}.get(value, value)


def kind(value: str) -> str:
    return {"welcome": _("welcome"), "product-info": _("product info"), "offer": _("offer"),
            "education": _("education"), "loyalty-info": _("loyalty info"),
            "newsletter": _("newsletter"), "preview": _("preview"), "loyalty": _("loyalty"),
            "event-reminder": _("event reminder"), "interest-based": _("interest-based"),
            "greeting": _("greeting"), "cross-sell": _("cross-sell"), "survey": _("survey"),
            "reactivation": _("reactivation"), "win-back": _("win-back"),
            "welcome-back": _("welcome back"), "value-content": _("value content"),
            "reward": _("reward"), "reminder": _("reminder")}.get(value, value)


def kinds(values: tuple[str, ...]) -> str:
    """Message kinds any one of which will do: "reactivation or win-back"."""
    return format_list([kind(v) for v in values], style="or", locale=i18n.current())


def cadence(value: str | None) -> str:
    if value is None:
        return _("not scheduled")
    return {"weekly": _("weekly"), "monthly": _("monthly"), "quarterly": _("quarterly"),
            "yearly": _("yearly")}.get(value, value)


def direction(value: str) -> str:
    return {"up": _("higher is better"), "down": _("lower is better")}.get(value, value)


def window(value: str) -> str:
    return {"week": _("per week"), "month": _("per month")}.get(value, value)


def severity(value: str) -> str:
    return {"error": _("error"), "warning": _("warning"), "info": _("info")}.get(value, value)


def unit(value: str) -> str:
    """A KPI unit word of the plan format's examples; other units are the plan's own."""
    # TRANSLATORS: KPI units, in the "Unit" column of a segment's KPI table.
    return {"count": _("count"), "score": _("score"), "days": _("days"), "day": _("days"),
            "hours": _("hours"), "hour": _("hours"), "weeks": _("weeks"),
            "week": _("weeks")}.get(value.lower(), value)


def status(value: str) -> str:
    """A goal's tracking status (planner.derive.progress)."""
    return {"achieved": _("achieved"), "on-track": _("on track"), "behind": _("behind"),
            "off-track": _("off track"), "missed": _("missed"), "no-data": _("no data"),
            "not-started": _("not started")}.get(value, value)


def recording(value: str) -> str:
    """The state of one KPI measurement date (planner.derive.progress)."""
    return {"recorded": _("recorded"), "missing": _("missing"),
            "open": _("due, not yet recorded"), "upcoming": _("upcoming")}.get(value, value)
