"""Journey rules: every step can be reached, and every customer has a way out."""

from __future__ import annotations

from collections.abc import Iterator

from planner.diagnostics import Severity
from planner.rules import Finding, SegmentContext, rule


@rule("J701", Severity.ERROR, scope="segment")
def unreachable_steps(ctx: SegmentContext) -> Iterator[Finding]:
    """Every journey step can be reached, and no branch path is empty in a journey without an exit.

    A branch path is dead when:
    - it is the `then` of `if: X` and X is also the journey's `exit`: a
      customer for whom X holds has already left the journey;
    - it asks about a reaction (`opened`, `clicked`, `no-reaction`) before any
      message was sent on the way there: there is nothing to react to;
    - the same question was already answered on the way there with no send in
      between (and, when it was answered no, no wait either).

    A branch path with no steps (`then: []`, or no `else`) is an error when the
    journey has no `exit`: the customers on it get nothing, and nothing says
    when they leave.

    Fails:
        journeys:
          - id: first-order
            trigger: joined
            exit: purchased
            steps:
              - send: welcome
              - wait: 3 days
              - branch:
                  if: purchased
                  then:
                    - send: thank-you
                  else:
                    - send: first-order-offer
    Passes:
        journeys:
          - id: first-order
            trigger: joined
            exit: purchased
            steps:
              - send: welcome
              - wait: 3 days
              - branch:
                  if: opened
                  then:
                    - send: product-info
                  else:
                    - send: first-order-offer
    """
    lang = ctx.lang
    for i, (journey, g) in enumerate(zip(ctx.segment.journeys, ctx.facts.graphs, strict=True)):
        nodes = {n.id: n for n in g.nodes}
        base = ("journeys", i)
        for p in g.problems:
            if p.kind == "unreachable":
                sends = [nodes[s].label for s in p.steps if nodes[s].kind == "send"]
                lost = (lang._("its messages are never sent: {titles}").format(titles=", ".join(sends))
                        if sends else lang._("its steps never run"))
                why = {
                    "exit": lang._("a customer who {cond} has already left the journey "
                                   "(exit: {exit})").format(cond=p.condition, exit=journey.exit),
                    "no-message": lang._("no message has been sent before this branch, so there is "
                                         "nothing to react to"),
                    "decided": lang._("the same question '{cond}' was already answered on the way "
                                      "here").format(cond=p.condition),
                }[p.reason]
                yield Finding(
                    lang._("in journey '{id}', the '{side}' path of the branch on '{cond}' can never "
                           "be taken: {why}; {lost}").format(
                        id=journey.id, side=p.side, cond=p.condition, why=why, lost=lost),
                    (*base, *p.path), lang._("remove the dead path, or change the branch's `if`"),
                    at_key=True, item=journey.id)
            elif p.kind == "empty-path":
                yield Finding(
                    lang._("in journey '{id}', the '{side}' path of the branch on '{cond}' is empty "
                           "and the journey has no exit: customers on it get nothing from this "
                           "branch, and nothing says when they leave").format(
                        id=journey.id, side=p.side, cond=p.condition),
                    (*base, *p.path),
                    lang._("give the path a step (e.g. a reminder), or add `exit:` to the journey"),
                    at_key=True, item=journey.id)


@rule("J702", Severity.WARNING, scope="segment")
def no_exit(ctx: SegmentContext) -> Iterator[Finding]:
    """A journey has an `exit`: the event that takes a customer out of it.

    Without one, a customer who has already done what the journey asks for
    (bought, come back) keeps getting its messages until the last step.

    Fails:
        journeys:
          - id: first-order
            trigger: joined
            steps:
              - send: first-order-offer
    Passes:
        journeys:
          - id: first-order
            trigger: joined
            exit: purchased
            steps:
              - send: first-order-offer
    """
    lang = ctx.lang
    for i, journey in enumerate(ctx.segment.journeys):
        if journey.exit is None:
            yield Finding(
                lang._("journey '{id}' has no exit: a customer who has already done what it asks "
                       "for keeps receiving its messages").format(id=journey.id),
                ("journeys", i),
                lang._("add `exit:` with the event that ends it, e.g. `exit: purchased`"),
                item=journey.id)
