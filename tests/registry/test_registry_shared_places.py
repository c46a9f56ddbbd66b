"""Naming a partner never changes a shared place record (issue 8, high)."""

import pytest
from django.urls import reverse

from vanort.registry import services
from vanort.registry.models import Partnership, Place

pytestmark = pytest.mark.django_db


def _snapshot(place: Place) -> tuple:
    place.refresh_from_db()
    names = sorted(place.names.values_list("name", "language"))
    return (place.name, place.official_name, place.population, place.description, place.source_id, place.version, names)


@pytest.fixture
def shared_place(admin_user, reference_data):
    source = services.source_get_or_create(title="Ortens källa")
    return services.place_upsert(
        kind="hromada",
        country_code="UA",
        name="Irpin",
        official_name="Ірпінь",
        names=[("Ірпінь", "uk")],
        population=60000,
        description="Stad nära Kyiv.",
        source=source,
    )


def test_new_partner_with_an_existing_name_reuses_the_place_unchanged(case_officer, huddinge, shared_place):
    before = _snapshot(shared_place)
    p = services.partnership_create_with_new_partner(
        user=case_officer,
        place_a=huddinge,
        partner_name="Irpin",
        partner_country="UA",
        partner_kind="hromada",
        kind="twin_town",
    )
    assert p.other(huddinge.pk).pk == shared_place.pk
    assert _snapshot(shared_place) == before
    assert Place.objects.filter(country_id="UA", kind="hromada").count() == 1


def test_new_partner_matches_another_spelling_case_and_accents(case_officer, huddinge, shared_place):
    before = _snapshot(shared_place)
    p = services.partnership_create_with_new_partner(
        user=case_officer,
        place_a=huddinge,
        partner_name=" ірпінь ",
        partner_country="UA",
        partner_kind="hromada",
        kind="twin_town",
    )
    assert p.other(huddinge.pk).pk == shared_place.pk
    assert _snapshot(shared_place) == before


def test_web_form_with_new_partner_leaves_the_shared_place_as_it_was(client, case_officer, huddinge, shared_place):
    before = _snapshot(shared_place)
    client.force_login(case_officer)
    response = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "new_partner_name": "Irpin",
            "new_partner_country": "UA",
            "new_partner_kind": "hromada",
            "kind": "municipal_partnership",
            "start": "2023",
        },
    )
    assert response.status_code == 302
    assert _snapshot(shared_place) == before
    assert Partnership.objects.get().other(huddinge.pk).pk == shared_place.pk


def test_new_partner_that_does_not_exist_is_created(case_officer, huddinge, reference_data):
    p = services.partnership_create_with_new_partner(
        user=case_officer,
        place_a=huddinge,
        partner_name="Bucha",
        partner_country="UA",
        partner_kind="hromada",
        kind="twin_town",
    )
    assert p.other(huddinge.pk).name == "Bucha"


def test_refused_partnership_creates_no_place(other_officer, huddinge, reference_data):
    from vanort.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.partnership_create_with_new_partner(
            user=other_officer,
            place_a=huddinge,
            partner_name="Bucha",
            partner_country="UA",
            partner_kind="hromada",
            kind="twin_town",
        )
    assert not Place.objects.filter(name="Bucha").exists()
