"""planner's closed vocabularies, each spelled once: the plan format's (stages, channels,
reactions, cadences, ...) and the words its outputs use (severities, statuses, review levels).

Each vocabulary is a `Literal` (what the model accepts and mypy checks), the tuple of
its values in their documented order (derived from the Literal, never written again)
and, where the site or a report shows it, its human labels keyed by the Literal.
The labels are marked with `N_()` for extraction and translated by `label()` where they
are shown (planner.render.labels, the reports, the review), in the plan's language.

This module is at the bottom of the house: it imports nothing of planner but the
Severity of a diagnostic (and, for its types, planner.i18n's Language).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeGuard, get_args

from planner.diagnostics import Severity

if TYPE_CHECKING:  # planner.i18n reads LANGUAGES from here
    from planner.i18n import Language


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a deferred message
    """`message`, marked for the catalogs; translated where it is shown."""
    return message


def label(labels: Mapping[Any, str], value: str, lang: Language) -> str:
    """The label of `value` in `labels`, said in `lang`; `value` itself when the vocabulary
    lacks it (an open vocabulary's other words are the plan's own)."""
    return lang._(labels[value]) if value in labels else value


LanguageCode = Literal["en", "fi", "he"]
LANGUAGES: tuple[LanguageCode, ...] = get_args(LanguageCode)

# The lifecycle stages, in the order customers move through them.
Stage = Literal["suspect", "prospect", "customer", "loyal", "passive", "lost"]
STAGES: tuple[Stage, ...] = get_args(Stage)
STAGE_LABELS: dict[Stage, str] = {
    "suspect": N_("suspect"), "prospect": N_("prospect"), "customer": N_("customer"),
    "loyal": N_("loyal"), "passive": N_("passive"), "lost": N_("lost")}
STAGE_HINTS: dict[Stage, str] = {
    "suspect": N_("might belong to the target group"),
    "prospect": N_("has shown interest"),
    "customer": N_("has bought"),
    "loyal": N_("buys regularly"),
    "passive": N_("has stopped buying"),
    "lost": N_("gone for now")}

# The working groups of stages (planner.derive.lifecycle.GROUPS says which stages).
Group = Literal["interested", "engaged", "passive-lost"]
GROUP_LABELS: dict[Group, str] = {
    "interested": N_("Interested"), "engaged": N_("Engaged"),
    "passive-lost": N_("Passive and lost")}
GROUP_STAGES_LABELS: dict[Group, str] = {
    "interested": N_("interested (suspect, prospect)"),
    "engaged": N_("engaged (customer, loyal)"),
    "passive-lost": N_("passive and lost (passive, lost)")}

Tier = Literal["A", "B", "C"]

# Marketing consent, from the strictest.
Consent = Literal["opt-in", "customer-relationship", "none"]
CONSENTS: tuple[Consent, ...] = get_args(Consent)
CONSENT_LABELS: dict[Consent, str] = {
    "opt-in": N_("opt-in consent"),
    "customer-relationship": N_("existing customer relationship"),
    "none": N_("no consent")}

Channel = Literal["email", "sms", "push", "phone", "letter", "store", "web", "social", "ads"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
ELECTRONIC_CHANNELS: frozenset[Channel] = frozenset({"email", "sms", "push"})
CHANNEL_LABELS: dict[Channel, str] = {
    "email": N_("email"), "sms": N_("SMS"), "push": N_("push"), "phone": N_("phone"),
    "letter": N_("letter"), "store": N_("store"), "web": N_("web"), "social": N_("social"),
    "ads": N_("ads")}

Purpose = Literal["marketing", "service"]
PURPOSE_LABELS: dict[Purpose, str] = {"marketing": N_("marketing"), "service": N_("service")}

# Message kinds are an open vocabulary: these are offered, another is a warning (P010).
KnownKind = Literal[
    "welcome", "product-info", "offer", "education", "loyalty-info", "newsletter", "preview",
    "loyalty", "event-reminder", "interest-based", "greeting", "cross-sell", "survey",
    "reactivation", "win-back", "welcome-back", "value-content", "reward", "reminder"]
MESSAGE_KINDS: tuple[KnownKind, ...] = get_args(KnownKind)
KIND_LABELS: dict[KnownKind, str] = {
    "welcome": N_("welcome"), "product-info": N_("product info"), "offer": N_("offer"),
    "education": N_("education"), "loyalty-info": N_("loyalty info"),
    "newsletter": N_("newsletter"), "preview": N_("preview"), "loyalty": N_("loyalty"),
    "event-reminder": N_("event reminder"), "interest-based": N_("interest-based"),
    "greeting": N_("greeting"), "cross-sell": N_("cross-sell"), "survey": N_("survey"),
    "reactivation": N_("reactivation"), "win-back": N_("win-back"),
    "welcome-back": N_("welcome back"), "value-content": N_("value content"),
    "reward": N_("reward"), "reminder": N_("reminder")}

# Journey triggers: these, or an event of the plan's own, `custom:<name>`.
KnownTrigger = Literal["joined", "purchased", "inactive", "abandoned-cart", "birthday",
                       "anniversary", "renewal-due", "reactivated"]
TRIGGERS: tuple[KnownTrigger, ...] = get_args(KnownTrigger)
CUSTOM_TRIGGER = "custom:"
TRIGGER_LABELS: dict[KnownTrigger, str] = {
    "joined": N_("joined"), "purchased": N_("purchased"), "inactive": N_("inactive"),
    "abandoned-cart": N_("abandoned cart"), "birthday": N_("birthday"),
    "anniversary": N_("anniversary"), "renewal-due": N_("renewal due"),
    "reactivated": N_("reactivated")}

# A journey branch's condition: the customer's reaction to the message sent before it.
Reaction = Literal["opened", "clicked", "purchased", "no-reaction"]
REACTIONS: tuple[Reaction, ...] = get_args(Reaction)
REACTION_LABELS: dict[Reaction, str] = {
    "opened": N_("opened"), "clicked": N_("clicked"), "purchased": N_("purchased"),
    "no-reaction": N_("no reaction")}

JourneyLayout = Literal["timeline", "journey"]

# How often a KPI is measured, and the words a campaign's `repeat` may be.
Cadence = Literal["weekly", "monthly", "quarterly", "yearly"]
CADENCES: tuple[Cadence, ...] = get_args(Cadence)


def is_cadence(word: str) -> TypeGuard[Cadence]:
    return word in CADENCES


CADENCE_LABELS: dict[Cadence, str] = {
    "weekly": N_("weekly"), "monthly": N_("monthly"), "quarterly": N_("quarterly"),
    "yearly": N_("yearly")}

Direction = Literal["up", "down"]
DIRECTION_LABELS: dict[Direction, str] = {"up": N_("higher is better"),
                                          "down": N_("lower is better")}

# The rolling windows of the contact caps (planner.derive.pressure).
Window = Literal["week", "month"]
WINDOW_LABELS: dict[Window, str] = {"week": N_("per week"), "month": N_("per month")}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}

# A SMART badge of a goal on the site (planner.render.health).
Verdict = Literal["pass", "warn", "fail"]
VERDICT_LABELS: dict[Verdict, str] = {"pass": N_("passes"), "warn": N_("warning"),
                                      "fail": N_("fails")}

# A goal's tracking status and the state of one KPI measurement date (planner.derive.progress).
Status = Literal["achieved", "on-track", "behind", "off-track", "missed", "no-data",
                 "not-started"]
STATUSES: tuple[Status, ...] = get_args(Status)
STATUS_LABELS: dict[Status, str] = {
    "achieved": N_("achieved"), "on-track": N_("on track"), "behind": N_("behind"),
    "off-track": N_("off track"), "missed": N_("missed"), "no-data": N_("no data"),
    "not-started": N_("not started")}
Recording = Literal["recorded", "missing", "open", "upcoming"]
RECORDING_LABELS: dict[Recording, str] = {
    "recorded": N_("recorded"), "missing": N_("missing"),
    "open": N_("due, not yet recorded"), "upcoming": N_("upcoming")}

# The SMART letters a rule judges, and their names on the site.
SmartLetter = Literal["S", "M", "A", "R", "T"]
LETTERS: tuple[SmartLetter, ...] = get_args(SmartLetter)
LETTER_NAMES: dict[SmartLetter, str] = {
    "S": N_("Specific"), "M": N_("Measurable"), "A": N_("Attainable"), "R": N_("Relevant"),
    "T": N_("Time-bound")}

# The items of a plan, as `planner diff` and P006 name them.
ItemKind = Literal["playbook", "objective", "segment", "kpi", "goal", "message", "campaign",
                   "journey"]
ITEM_KIND_LABELS: dict[ItemKind, str] = {
    "playbook": N_("playbook"), "objective": N_("objective"), "segment": N_("segment"),
    "kpi": N_("kpi"), "goal": N_("goal"), "message": N_("message"), "campaign": N_("campaign"),
    "journey": N_("journey")}

# How `planner diff` grades a change, from the most serious; and what happened to an item.
Level = Literal["risky", "notable", "info"]
LEVELS: tuple[Level, ...] = get_args(Level)
LEVEL_LABELS: dict[Level, str] = {"risky": N_("risky"), "notable": N_("notable"),
                                  "info": N_("info")}
ChangeKind = Literal["added", "removed", "changed"]
CHANGE_LABELS: dict[ChangeKind, str] = {"added": N_("added"), "removed": N_("removed"),
                                        "changed": N_("changed")}
