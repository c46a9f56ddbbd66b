"""The aid engine as a ``legal_check`` for :func:`rank_matches` (lag (2009:47) 5 kap.).

A need and an offer do not say everything the aid check asks, so the case is built with these
written-down assumptions (the person who accepts a match checks the contribution again in full):

- ``giver``: ``kommun``; ``decision_body``: ``styrelse_or_namnd`` (a committee decides);
- ``recipient_country``: the need's country; ``decision_date``: ``today``;
- ``activity``: ``aid``; ``form``: the offer's form;
- ``equipment_origin`` (equipment): ``spare`` when the offer is spare equipment, else ``in_use``;
- ``fin_purpose`` (financial): ``training_advice_costs`` only when the need asks for training or
  advice (money for those costs is the only purpose money may have); otherwise ``other`` (a cash
  grant for the budget: R6, not permitted, so the match is filtered);
- ``goods_type``: ``civil``; ``recipient_entity``: ``foreign_public`` (a partner municipality);
- ``use_verification_plan``: ``true``; ``disaster``: ``false`` (so spare equipment to a
  country without Swedish aid goes to legal review rather than being permitted).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from vanort.aid import check, load_rulebook, parse_case
from vanort.matching.types import NeedInput, OfferInput


def aid_case(need: NeedInput, offer: OfferInput, today: date) -> dict[str, Any]:
    """The aid-check case (JSON shape of LEGAL_RULES.md) for giving ``offer`` to ``need``."""
    case: dict[str, Any] = {
        "giver": "kommun",
        "recipient_country": need.country,
        "decision_date": today.isoformat(),
        "activity": "aid",
        "form": offer.form,
        "goods_type": "civil",
        "recipient_entity": "foreign_public",
        "use_verification_plan": True,
        "decision_body": "styrelse_or_namnd",
        "disaster": False,
    }
    if offer.form == "equipment":
        case["equipment_origin"] = "spare" if offer.spare else "in_use"
    if offer.form == "financial":
        case["fin_purpose"] = "training_advice_costs" if need.form in ("training", "advice") else "other"
    return case


def aid_legal_check(today: date | None = None) -> Callable[[NeedInput, OfferInput], str | None]:
    """A memoised legal check (one aid-engine run per country, form and spare flag).

    Raises :class:`vanort.aid.AidInputError` for a country the aid-status table does not know.
    """
    day = today or date.today()
    book = load_rulebook()
    memo: dict[tuple[str, str, bool], str] = {}

    def legal_check(need: NeedInput, offer: OfferInput) -> str | None:
        key = (need.country.upper(), offer.form, offer.spare)
        outcome = memo.get(key)
        if outcome is None:
            verdict = check(parse_case(aid_case(need, offer, day), today=day, rulebook=book), book)
            outcome = memo[key] = verdict.outcome.value
        return outcome

    return legal_check


def known_countries() -> frozenset[str]:
    """Country codes the aid engine can check."""
    return frozenset(load_rulebook().known_countries)
