"""Accepting a match takes what the need asked for; the rest of the offer stays on the board."""

from __future__ import annotations

from typing import Any

import pytest

from vanort.cooperation import services
from vanort.cooperation.models import Match

pytestmark = pytest.mark.django_db


def _accept(user: Any, need: Any, offer: Any) -> Match:
    match = need.matches.get(offer=offer)
    services.match_accept(user=user, match=match)
    match.refresh_from_db()
    return match


@pytest.mark.parametrize(
    ("offered", "asked", "given", "remaining", "status"),
    [
        (10, 3, 3, 7, "published"),  # the rest stays available
        (3, 3, 3, 0, "taken"),
        (2, 5, 2, 0, "taken"),  # a need asking for more gets what is left
        (4, None, 4, 0, "taken"),  # a need without a quantity takes the rest
        (None, 3, None, None, "taken"),  # an offer without a quantity is given as a whole
    ],
)
def test_accept_takes_what_the_need_asked_for(
    offered: int | None,
    asked: int | None,
    given: int | None,
    remaining: int | None,
    status: str,
    need_factory: Any,
    offer_factory: Any,
    case_officer: Any,
) -> None:
    offer = offer_factory(quantity=offered)
    match = _accept(case_officer, need_factory(quantity=asked), offer)
    offer.refresh_from_db()
    assert (match.quantity, offer.remaining, offer.status) == (given, remaining, status)


def test_rest_of_the_offer_is_still_proposed_to_other_needs(
    need_factory: Any, offer_factory: Any, case_officer: Any
) -> None:
    offer = offer_factory(quantity=10)
    first, second = need_factory(quantity=3), need_factory(quantity=8, title="Пожежні автомобілі для громади")
    _accept(case_officer, first, offer)
    again = second.matches.get(offer=offer)
    reasons = {r["code"]: r["params"] for r in again.reasons}
    assert again.status == "proposed"
    assert reasons["quantity_partial"] == {"need": "8", "offer": "7"}  # ranked against what is left
    assert _accept(case_officer, second, offer).quantity == 7
    offer.refresh_from_db()
    assert (offer.remaining, offer.status) == (0, "taken")


def test_cancelling_gives_the_units_back(need_factory: Any, offer_factory: Any, case_officer: Any) -> None:
    offer = offer_factory(quantity=10)
    _accept(case_officer, need_factory(quantity=3), offer)
    initiative = _accept(case_officer, need_factory(quantity=7), offer).initiative
    services.initiative_cancel(user=case_officer, initiative=initiative, expected_version=initiative.version)
    offer.refresh_from_db()
    assert (offer.remaining, offer.status) == (7, "published")


def test_api_shows_the_remaining_quantity(
    need_factory: Any, offer_factory: Any, case_officer: Any, client: Any
) -> None:
    offer = offer_factory(quantity=10)
    _accept(case_officer, need_factory(quantity=4), offer)
    body = client.get(f"/api/offers/{offer.pk}").json()
    assert (body["quantity"], body["remaining"]) == (10, 6)


def test_offer_page_shows_the_remaining_quantity(
    need_factory: Any, offer_factory: Any, case_officer: Any, client: Any
) -> None:
    offer = offer_factory(quantity=10)
    _accept(case_officer, need_factory(quantity=4), offer)
    page = client.get(f"/samarbete/erbjudanden/{offer.pk}/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "6 kvar" in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_never_give_more_than_the_offer_has(
    at_once: Any, need_factory: Any, offer_factory: Any, case_officer: Any, user_factory: Any, huddinge: Any
) -> None:
    colleague = user_factory(role="case_officer", municipality=huddinge)
    offer = offer_factory(quantity=3)
    matches = [need_factory(quantity=2).matches.get(offer=offer) for _ in range(2)]

    def accept(user: Any, match: Match) -> Any:
        mine = Match.objects.select_related("offer").get(pk=match.pk)
        return lambda: services.match_accept(user=user, match=mine)

    outcomes = at_once(lambda: accept(case_officer, matches[0]), lambda: accept(colleague, matches[1]))
    offer.refresh_from_db()
    given = sorted(Match.objects.filter(offer=offer, status="accepted").values_list("quantity", flat=True))
    assert (outcomes, given, offer.remaining, offer.status) == (["accepted", "accepted"], [1, 2], 0, "taken")
