"""S: Specific. A goal's title says what changes, for whom and by how much, in plain words.

S101 is structural (a title of at least four words); S102 and S103 are text
heuristics and therefore warnings. They read the title with the word lists of
the playbook's language (planner/wordlists/<language>.yaml), which a team
extends in its own plans/wordlists/<language>.yaml; see planner.textmatch.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.diagnostics import Severity
from planner.rules import Finding, GoalContext, rule
from planner.rules.measurable import given, kind_of, unnamed, with_unit

MIN_WORDS = 4


def _kpi_phrase(name: str) -> str:
    """A KPI name inside a sentence: "Repeat purchase rate" -> "repeat purchase rate",
    but "NPS" stays "NPS"."""
    if name[:1].isupper() and name[1:2].islower():
        return name[:1].lower() + name[1:]
    return name


def suggested_title(ctx: GoalContext) -> str:
    """ "Raise <KPI name> from <baseline> to <target> by <due>", filled in with the goal's
    values where it has them."""
    lang = ctx.lang
    kpi, facts = ctx.kpi, ctx.facts
    currency = ctx.playbook.currency
    unit = kpi.unit if kpi is not None else ""
    baseline, target, due = facts.baseline, facts.target, facts.due
    if kpi is not None:
        down = kpi.direction == "down"
    else:
        down = baseline is not None and target is not None and target < baseline
    if down:
        pattern = lang._("cut {kpi} from {baseline} to {target} by {due}")
    else:
        pattern = lang._("raise {kpi} from {baseline} to {target} by {due}")
    text = pattern.format(
        kpi=_kpi_phrase(kpi.name) if kpi is not None else lang._("<KPI name>"),
        baseline=with_unit(baseline, unit, currency) if baseline is not None else lang._("<baseline>"),
        target=with_unit(target, unit, currency) if target is not None else lang._("<target>"),
        due=due.text if due is not None else lang._("<due>"))
    return text[:1].upper() + text[1:]


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in dict.fromkeys(words))


@rule("S101", Severity.ERROR, scope="goal", smart="S")
def title_too_short(ctx: GoalContext) -> Iterator[Finding]:
    """The goal has a title of at least four words.

    The title is what people read on the site and in reviews: it says what
    changes, for whom and by how much. Three words cannot.

    Fails:
        goals:
          - id: more-sales
            title: More repeat sales
    Passes:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate from 20 % to 26 %
    """
    lang = ctx.lang
    title, text, words = ctx.goal.title, ctx.facts.title, 0
    if ctx.title_analysis is not None:
        words = ctx.title_analysis.words
        if words >= MIN_WORDS:
            return
    example = lang._("e.g. \"{example}\"").format(example=suggested_title(ctx))
    if unnamed(title):
        yield Finding(lang._("the goal has no title"), given(ctx, "title"),
                      lang._("add `title:` saying what changes, for whom and by how much, "
                             "{example}").format(example=example))
    elif text is None:
        yield Finding(lang._("the title must be text, not {what}").format(what=kind_of(title, lang)),
                      ("title",), lang._("write the title as a sentence, {example}").format(
                          example=example))
    else:
        yield Finding(
            lang.ngettext("the title has {n} word; at least {min} are needed to say what "
                          "changes, for whom and by how much",
                          "the title has {n} words; at least {min} are needed to say what "
                          "changes, for whom and by how much", words).format(n=words, min=MIN_WORDS),
            ("title",), lang._("write a sentence, {example}").format(example=example))


@rule("S102", Severity.WARNING, scope="goal", smart="S", needs=("language",))
def vague_words(ctx: GoalContext) -> Iterator[Finding]:
    """The title does not use a vague word (better, more, significant, as much as possible...).

    Raise, increase, improve and their kin, and superlatives (best, highest), are
    vague only when the title has no concrete number: "Increase sales" is vague,
    "Increase the repeat rate from 20 % to 26 %" is not. A comparison (more,
    faster, nopeammin, יותר) is vague unless a number is bound to it: "500 more
    orders" and "more than twice a year" are precise, "more than before" is not.
    Evaluative words (excellent, seamless, erinomainen, מצוין) are always vague.
    Years and dates are not concrete numbers; numbers written as words
    (twenty-six, a third, kolmanneksella, בחצי) are; a quoted name is not judged.
    The words come from the playbook language's word list (en, fi, he), which a
    team extends in plans/wordlists/<language>.yaml; its `allow:` list un-flags a
    word, and `waive: {S102: reason}` silences one goal (e.g. for a product name).

    Fails:
        goals:
          - id: repeat-rate
            title: Get more engaged customers to buy again
    Passes:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat purchase rate of engaged customers from 20 % to 26 %
    """
    lang = ctx.lang
    analysis = ctx.title_analysis
    if analysis is None:
        return
    found = analysis.vague_words
    if not found:
        return
    n = len(set(found))
    if analysis.vague:
        message = lang.ngettext("the title uses the vague word {words}",
                                "the title uses the vague words {words}", n).format(words=_quoted(found))
    else:
        message = lang._("the title says {words} but not by how much").format(words=_quoted(found))
    yield Finding(message, ("title",), lang._(
        "replace {words} with what changes and by how much, e.g. \"{example}\"").format(
            words=_quoted(found), example=suggested_title(ctx)))


@rule("S103", Severity.WARNING, scope="goal", smart="S", needs=("language",))
def compound_goal(ctx: GoalContext) -> Iterator[Finding]:
    """The title states one outcome, not two joined by "and" or "while" (ja, samalla kun; ו, תוך).

    Two outcomes in one goal cannot share one KPI, baseline and target, and
    the goal is neither met nor missed when only one of them is. Found when
    "and" (or a comma) is followed by a second outcome verb ("... and cut
    churn"), or when there is a target on both sides ("to 26 % and churn to
    10 %"); "tea and coffee buyers" is one outcome. "While" joins a second
    outcome with its own verb or number ("while keeping churn under 3 %"), not a
    window ("תוך 30 יום", within 30 days).

    Fails:
        goals:
          - id: repeat-and-churn
            title: Raise the repeat rate to 26 % and cut churn to 10 %
    Passes:
        goals:
          - id: repeat-rate-26
            title: Raise the repeat rate of tea and coffee buyers from 20 % to 26 %
    """
    lang = ctx.lang
    if ctx.title_analysis is None:
        return
    compound = ctx.title_analysis.compound
    if compound is None:
        return
    first, second = compound
    yield Finding(
        lang._("the title joins two outcomes, '{first}' and '{second}'").format(
            first=first, second=second),
        ("title",),
        lang._("split it into two goals, each with its own KPI, baseline, target and due"))
