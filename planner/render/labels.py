"""Display names for the plan format's vocabulary words, each marked for translation."""

from __future__ import annotations

from babel.lists import format_list

from planner.i18n import Language


def stage(value: str, lang: Language) -> str:
    return {"suspect": lang._("suspect"), "prospect": lang._("prospect"), "customer": lang._("customer"),
            "loyal": lang._("loyal"), "passive": lang._("passive"), "lost": lang._("lost")}.get(value, value)


def group(value: str, lang: Language) -> str:
    """A lifecycle group (planner.derive.lifecycle.GROUPS)."""
    return {"interested": lang._("Interested"), "engaged": lang._("Engaged"),
            "passive-lost": lang._("Passive and lost")}.get(value, value)


def purpose(value: str, lang: Language) -> str:
    return {"marketing": lang._("marketing"), "service": lang._("service")}.get(value, value)


def stage_hint(value: str, lang: Language) -> str:
    return {"suspect": lang._("might belong to the target group"),
            "prospect": lang._("has shown interest"),
            "customer": lang._("has bought"),
            "loyal": lang._("buys regularly"),
            "passive": lang._("has stopped buying"),
            "lost": lang._("gone for now")}.get(value, "")


def consent(value: str, lang: Language) -> str:
    return {"opt-in": lang._("opt-in consent"),
            "customer-relationship": lang._("existing customer relationship"),
            "none": lang._("no consent")}.get(value, value)


def channel(value: str, lang: Language) -> str:
    return {"email": lang._("email"), "sms": lang._("SMS"), "push": lang._("push"), "phone": lang._("phone"),
            "letter": lang._("letter"), "store": lang._("store"), "web": lang._("web"),
            "social": lang._("social"),
            "ads": lang._("ads")}.get(value, value)


def kind(value: str, lang: Language) -> str:
    return {"welcome": lang._("welcome"), "product-info": lang._("product info"), "offer": lang._("offer"),
            "education": lang._("education"), "loyalty-info": lang._("loyalty info"),
            "newsletter": lang._("newsletter"), "preview": lang._("preview"), "loyalty": lang._("loyalty"),
            "event-reminder": lang._("event reminder"), "interest-based": lang._("interest-based"),
            "greeting": lang._("greeting"), "cross-sell": lang._("cross-sell"), "survey": lang._("survey"),
            "reactivation": lang._("reactivation"), "win-back": lang._("win-back"),
            "welcome-back": lang._("welcome back"), "value-content": lang._("value content"),
            "reward": lang._("reward"), "reminder": lang._("reminder")}.get(value, value)


def kinds(values: tuple[str, ...], lang: Language) -> str:
    """Message kinds any one of which will do: "reactivation or win-back"."""
    return format_list([kind(v, lang) for v in values], style="or", locale=lang.locale)


def cadence(value: str | None, lang: Language) -> str:
    if value is None:
        return lang._("not scheduled")
    return {"weekly": lang._("weekly"), "monthly": lang._("monthly"), "quarterly": lang._("quarterly"),
            "yearly": lang._("yearly")}.get(value, value)


def direction(value: str, lang: Language) -> str:
    return {"up": lang._("higher is better"), "down": lang._("lower is better")}.get(value, value)


def window(value: str, lang: Language) -> str:
    return {"week": lang._("per week"), "month": lang._("per month")}.get(value, value)


def severity(value: str, lang: Language) -> str:
    return {"error": lang._("error"), "warning": lang._("warning"), "info": lang._("info")}.get(value, value)


def unit(value: str, lang: Language) -> str:
    """A KPI unit word of the plan format's examples; other units are the plan's own."""
    # TRANSLATORS: KPI units, in the "Unit" column of a segment's KPI table.
    return {"count": lang._("count"), "score": lang._("score"), "days": lang._("days"), "day": lang._("days"),
            "hours": lang._("hours"), "hour": lang._("hours"), "weeks": lang._("weeks"),
            "week": lang._("weeks")}.get(value.lower(), value)


def status(value: str, lang: Language) -> str:
    """A goal's tracking status (planner.derive.progress)."""
    return {"achieved": lang._("achieved"), "on-track": lang._("on track"), "behind": lang._("behind"),
            "off-track": lang._("off track"), "missed": lang._("missed"), "no-data": lang._("no data"),
            "not-started": lang._("not started")}.get(value, value)


def recording(value: str, lang: Language) -> str:
    """The state of one KPI measurement date (planner.derive.progress)."""
    return {"recorded": lang._("recorded"), "missing": lang._("missing"),
            "open": lang._("due, not yet recorded"), "upcoming": lang._("upcoming")}.get(value, value)
