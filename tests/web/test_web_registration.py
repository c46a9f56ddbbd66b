"""Registering partnerships and activities: the place picker, pre-filled municipality, organisers added in
place, "add activity" on the partnership page, planned activities and ended partnerships in words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from vanort.core.partial_dates import PartialDate
from vanort.registry import services
from vanort.registry.models import Activity, Actor, Partnership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["vantaa", "VANDA", "Вантаа", "anta"])
def test_picker_finds_a_place_by_any_of_its_names(client: Any, demo: None, typed: str) -> None:
    html = client.get(reverse("web:place_picker", args=["partner"]), {"partner_q": typed}).content.decode()
    assert 'type="radio" name="partner"' in html
    assert "Vanda" in html


def test_picker_ignores_accents(client: Any, demo: None) -> None:
    html = client.get(reverse("web:place_picker", args=["partner"]), {"partner_q": "seydisfjordur"}).content.decode()
    assert "Seyðisfjörður" in html


def test_picker_says_when_nothing_matches(client: Any, demo: None) -> None:
    html = client.get(reverse("web:place_picker", args=["partner"]), {"partner_q": "Qwxzy"}).content.decode()
    assert "Ingen ort i registret matchar" in html
    assert "radio" not in html


def test_picker_serves_only_its_fields(client: Any, db: None) -> None:
    assert client.get(reverse("web:place_picker", args=["password"]), {"password_q": "x"}).status_code == 404


def test_officers_own_municipality_is_chosen_in_advance(client: Any, case_officer: Any, huddinge: Any) -> None:
    client.force_login(case_officer)
    html = client.get(reverse("web:partnership_create")).content.decode()
    assert f'<option value="{huddinge.pk}" selected>' in html


def test_a_typed_partner_name_with_one_match_is_taken_without_javascript(
    client: Any, demo: None, case_officer: Any, huddinge: Any
) -> None:
    client.force_login(case_officer)
    Partnership.objects.filter(place_b__name="Vanda").delete()
    response = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "partner_q": "Vantaa",
            "kind": "twin_town",
            "start": "mars 1950",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get(place_b__name="Vanda")
    assert str(partnership.start) == "1950-03"


def test_a_typed_name_with_several_matches_must_be_chosen(
    client: Any, demo: None, case_officer: Any, huddinge: Any
) -> None:
    client.force_login(case_officer)
    before = Partnership.objects.count()
    response = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "partner_q": "a",
            "kind": "twin_town",
        },
    )
    assert response.status_code == 400
    assert Partnership.objects.count() == before


def _vanda() -> Partnership:
    return Partnership.objects.select_related("place_a", "place_b").get(place_b__name="Vanda")


def test_an_organiser_is_added_where_the_activity_is_registered(
    client: Any, demo: None, case_officer: Any, huddinge: Any
) -> None:
    client.force_login(case_officer)
    response = client.post(
        reverse("web:activity_create", args=[huddinge.pk]),
        {
            "title": "Vänortsmöte",
            "kind": "meeting",
            "start": "12 mars 2025",
            "partnership": _vanda().pk,
            "new_organiser": "Huddinge Vänortsförening",
            "new_organiser_kind": "association",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Vänortsmöte")
    assert (activity.organiser.name, activity.organiser.kind) == ("Huddinge Vänortsförening", "association")
    assert str(activity.start) == "2025-03-12"


def test_another_municipalitys_officer_cannot_add_an_organiser(
    client: Any, demo: None, other_officer: Any, huddinge: Any
) -> None:
    client.force_login(other_officer)
    actors = Actor.objects.count()
    response = client.post(
        reverse("web:activity_create", args=[huddinge.pk]),
        {
            "title": "Intrång",
            "kind": "meeting",
            "start": "2025-03-12",
            "new_organiser": "Intrångsföreningen",
        },
    )
    assert response.status_code == 403
    assert Actor.objects.count() == actors
    assert not Activity.objects.filter(title="Intrång").exists()


def test_partnership_page_offers_add_activity_to_its_officer(client: Any, demo: None, case_officer: Any) -> None:
    vanda = _vanda()
    assert "/aktiviteter/ny/" not in client.get(reverse("web:partnership_detail", args=[vanda.pk])).content.decode()
    client.force_login(case_officer)
    html = client.get(reverse("web:partnership_detail", args=[vanda.pk])).content.decode()
    assert f"/aktiviteter/ny/?partnership={vanda.pk}" in html


def test_a_planned_activity_is_shown_as_planned_and_not_as_none(
    client: Any, reference_data: None, case_officer: Any, huddinge: Any, admin_user: Any
) -> None:
    partner = services.place_upsert(name="Testby", country_code="FI", kind="city")
    partnership = services.partnership_create(user=admin_user, place_a=huddinge, place_b=partner, kind="twin_town")
    later = PartialDate.from_date(date.today() + timedelta(days=40))
    services.activity_create(
        user=admin_user,
        municipality=huddinge,
        partnership=partnership,
        title="Besök i vår",
        kind="meeting",
        start=later,
    )
    html = client.get(reverse("web:partnership_detail", args=[partnership.pk])).content.decode()
    assert "Planerad" in html
    assert "inga aktiviteter registrerade" not in html
    assert "bara planerade aktiviteter" in html


def test_an_ended_partnership_says_why_in_words(client: Any, demo: None) -> None:
    askim = Partnership.objects.get(place_b__name="Askim")
    html = client.get(reverse("web:partnership_detail", args=[askim.pk])).content.decode()
    assert "En av parterna lämnade samarbetet." in html


@pytest.mark.parametrize("count", ["99999999999999999999", "2147483648"])
def test_a_huge_participant_count_is_a_form_error(client: Any, case_officer: Any, huddinge: Any, count: str) -> None:
    client.force_login(case_officer)
    response = client.post(
        reverse("web:activity_create", args=[huddinge.pk]),
        {
            "title": "Möte",
            "kind": "meeting",
            "start": "2025-03-12",
            "participants_count": count,
        },
    )
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_a_model_check_in_a_service_is_a_form_error_not_a_crash(client: Any, case_officer: Any, huddinge: Any) -> None:
    """A value only the model refuses (here a note over its length) comes back as ValidationFailed."""
    from vanort.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        services.activity_create(
            user=case_officer,
            municipality=huddinge,
            title="Möte",
            kind="meeting",
            start=PartialDate.parse("2025"),
            participants_note="x" * 5000,
        )
    assert not Activity.objects.exists()
