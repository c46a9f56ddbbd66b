"""Web forms without a match: a new initiative, and withdrawing a need or an offer (confirm, CSRF, 403, 409)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vanort.cooperation.models import Initiative, Match, Need, Offer
from vanort.registry.services import actor_upsert

pytestmark = pytest.mark.django_db


def _client(user: Any = None, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user)
    return client


# --- a new initiative ------------------------------------------------------------------------------


def _initiative_post(huddinge: Any, partner_place: Any, **extra: Any) -> dict[str, Any]:
    actor = actor_upsert(name="Kunskapsföreningen", kind="association", is_known_actor=True, known_actor_reason="Känd")
    return {
        "municipality": huddinge.pk,
        "title": "Skolledare från Trostianets besöker Huddinge",
        "description": "Studiebesök om skolans digitala verktyg.",
        "actor": actor.pk,
        "partner_places": [partner_place.pk],
        "period_start": "2027-03-01",
        "period_end": "2027-03-05",
    } | extra


def test_officer_creates_an_initiative_of_a_known_actor(
    case_officer: Any, huddinge: Any, partner_place: Any, need_factory: Any
) -> None:
    need_factory()  # the partner place has a published need, so it is offered as a partner
    page = _client(case_officer).get("/samarbete/initiativ/nytt/")
    assert partner_place.name in page.content.decode()
    response = _client(case_officer).post("/samarbete/initiativ/nytt/", _initiative_post(huddinge, partner_place))
    initiative = Initiative.objects.get()
    assert response["Location"] == f"/samarbete/initiativ/{initiative.pk}/"
    assert (initiative.actor.name, initiative.state, initiative.created_by) == (
        "Kunskapsföreningen",
        "proposed",
        case_officer,
    )
    assert list(initiative.partner_places.all()) == [partner_place]
    assert initiative.events.get().action == "create"


def test_initiative_form_error_is_shown_and_nothing_is_created(
    case_officer: Any, huddinge: Any, partner_place: Any, need_factory: Any
) -> None:
    need_factory()
    data = _initiative_post(huddinge, partner_place, period_start="2027-03-05", period_end="2027-03-01")
    response = _client(case_officer).post("/samarbete/initiativ/nytt/", data)
    assert response.status_code == 400
    assert "Slutet kan inte ligga före starten." in response.content.decode()
    assert not Initiative.objects.exists()


def test_unknown_actor_is_not_offered(case_officer: Any, huddinge: Any, partner_place: Any, need_factory: Any) -> None:
    need_factory()
    unvetted = actor_upsert(name="Okänd förening", kind="association")
    data = _initiative_post(huddinge, partner_place, actor=unvetted.pk)
    response = _client(case_officer).post("/samarbete/initiativ/nytt/", data)
    assert response.status_code == 400
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("partner_official", 403),  # no Swedish municipality at all
        ("other_officer", 400),  # Huddinge is not one of her choices
    ],
)
def test_initiative_for_another_municipality_is_refused(
    who: str, status: int, huddinge: Any, partner_place: Any, need_factory: Any, request: Any
) -> None:
    need_factory()
    response = _client(request.getfixturevalue(who)).post(
        "/samarbete/initiativ/nytt/", _initiative_post(huddinge, partner_place)
    )
    assert response.status_code == status
    assert not Initiative.objects.exists()


def test_initiative_list_links_to_the_form_for_officers_only(case_officer: Any, partner_official: Any) -> None:
    assert "/samarbete/initiativ/nytt/" in _client(case_officer).get("/samarbete/initiativ/").content.decode()
    assert "/samarbete/initiativ/nytt/" not in _client(partner_official).get("/samarbete/initiativ/").content.decode()


# --- withdrawing ---------------------------------------------------------------------------------


def test_owner_withdraws_a_need_after_confirming(partner_official: Any, need_factory: Any, offer_factory: Any) -> None:
    offer_factory()
    need = need_factory()
    client = _client(partner_official, csrf=True)
    detail = client.get(f"/uk/samarbete/behov/{need.pk}/")
    assert f"/uk/samarbete/behov/{need.pk}/aterta/" in detail.content.decode()
    confirm = client.get(f"/uk/samarbete/behov/{need.pk}/aterta/")
    assert confirm.status_code == 200
    assert Need.objects.get().status == "published"  # asking is not doing
    token = confirm.cookies["csrftoken"].value
    response = client.post(
        f"/uk/samarbete/behov/{need.pk}/aterta/", {"version": need.version, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Need.objects.get().status == "withdrawn"
    assert not Match.objects.filter(need=need, status="proposed").exists()


def test_withdrawing_without_the_csrf_token_is_refused(partner_official: Any, need_factory: Any) -> None:
    need = need_factory()
    response = _client(partner_official, csrf=True).post(f"/samarbete/behov/{need.pk}/aterta/", {"version": 1})
    assert response.status_code == 403
    assert Need.objects.get().status == "published"


@pytest.mark.parametrize("who", ["other_partner_official", "case_officer"])
def test_others_cannot_withdraw_a_need(who: str, need_factory: Any, request: Any) -> None:
    need = need_factory()
    client = _client(request.getfixturevalue(who))
    assert client.get(f"/samarbete/behov/{need.pk}/aterta/").status_code == 403
    assert client.post(f"/samarbete/behov/{need.pk}/aterta/", {"version": need.version}).status_code == 403
    assert Need.objects.get().status == "published"


def test_coordinator_may_withdraw_any_offer(admin_user: Any, offer_factory: Any) -> None:
    offer = offer_factory()
    response = _client(admin_user).post(f"/samarbete/erbjudanden/{offer.pk}/aterta/", {"version": offer.version})
    assert response.status_code == 302
    assert Offer.objects.get().status == "withdrawn"


def test_officer_withdraws_her_offer_and_others_cannot(
    case_officer: Any, other_officer: Any, partner_official: Any, offer_factory: Any
) -> None:
    offer = offer_factory()
    url = f"/samarbete/erbjudanden/{offer.pk}/aterta/"
    for outsider in (other_officer, partner_official):
        assert _client(outsider).post(url, {"version": offer.version}).status_code == 403
    assert Offer.objects.get().status == "published"
    assert url in _client(case_officer).get(f"/samarbete/erbjudanden/{offer.pk}/").content.decode()
    assert _client(case_officer).post(url, {"version": offer.version}).status_code == 302
    assert Offer.objects.get().status == "withdrawn"


def test_stale_withdrawal_is_a_form_error_with_409(case_officer: Any, offer_factory: Any) -> None:
    offer = offer_factory()
    Offer.objects.filter(pk=offer.pk).update(version=offer.version + 1)  # someone changed it meanwhile
    response = _client(case_officer).post(f"/samarbete/erbjudanden/{offer.pk}/aterta/", {"version": offer.version})
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert Offer.objects.get().status == "published"


def test_anonymous_is_sent_to_login_from_withdrawal(need_factory: Any) -> None:
    need = need_factory()
    response = _client().post(f"/samarbete/behov/{need.pk}/aterta/", {"version": need.version})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert Need.objects.get().status == "published"
