import re

import pytest
from django.urls import reverse

from vanort.core.partial_dates import PartialDate
from vanort.registry.models import Partnership

pytestmark = pytest.mark.django_db


def test_start_page_shows_huddinge_partnerships_and_timeline(client, demo):
    html = client.get("/").content.decode()
    for name in ("Huddinge kommun", "Vanda", "Askim", "Lyngby-Taarbæk", "Seyðisfjörður", "Nuuk", "<svg"):
        assert name in html


@pytest.mark.parametrize(
    "url",
    ["/", "/partnerskap/", "/orter/", "/aktiviteter/", "/sok/?q=vanda", "/en/", "/uk/partnerskap/"],
)
def test_main_pages_render_with_bounded_queries(client, demo, url, django_assert_max_num_queries):
    client.get(url)  # the first search builds the search index; counted here is a page view after it
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_detail_page_shows_derived_and_overridden_status(client, demo):
    vanda = Partnership.objects.get(place_b__name="Vanda")
    html = client.get(reverse("web:partnership_detail", args=[vanda.pk])).content.decode()
    assert "Fastställd av en person" in html
    assert "Härledd ur aktiviteter och slutdatum" in html


def test_security_headers(client, db):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_user_is_sent_to_login(client, demo):
    response = client.get(reverse("web:partnership_create"))
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_other_municipality_cannot_open_edit_form(client, demo, other_officer):
    client.force_login(other_officer)
    vanda = Partnership.objects.get(place_b__name="Vanda")
    assert client.get(reverse("web:partnership_edit", args=[vanda.pk])).status_code == 403
    response = client.post(reverse("web:partnership_edit", args=[vanda.pk]), {"kind": "other", "version": 1})
    assert response.status_code == 403
    vanda.refresh_from_db()
    assert vanda.kind == "twin_town"


def test_case_officer_creates_partnership_with_new_partner(client, case_officer, huddinge):
    client.force_login(case_officer)
    response = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "new_partner_name": "Irpin",
            "new_partner_country": "UA",
            "new_partner_kind": "hromada",
            "kind": "municipal_partnership",
            "start": "2023-05",
            "areas": ["planning"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    p = Partnership.objects.get()
    assert (p.kind, str(p.start), p.other(huddinge.pk).name) == ("municipal_partnership", "2023-05", "Irpin")


def test_bad_date_is_a_form_error_and_nothing_is_saved(client, case_officer, huddinge):
    client.force_login(case_officer)
    response = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "new_partner_name": "Irpin",
            "new_partner_country": "UA",
            "new_partner_kind": "hromada",
            "kind": "twin_town",
            "start": "sent fyrtiotal",
        },
    )
    assert response.status_code == 400
    assert "Ange ett datum som 12 mars 2027" in response.content.decode()
    assert Partnership.objects.count() == 0


def test_stale_edit_form_shows_conflict(client, case_officer, partnership_factory):
    p = partnership_factory()
    client.force_login(case_officer)
    url = reverse("web:partnership_edit", args=[p.pk])
    ok = client.post(url, {"kind": "twin_town", "description": "Ny", "version": 1})
    stale = client.post(url, {"kind": "twin_town", "description": "Gammal", "version": 1})
    assert (ok.status_code, stale.status_code) == (302, 400)
    assert "ändrats av någon annan" in stale.content.decode()
    p.refresh_from_db()
    assert p.description == "Ny"


def test_status_override_form(client, case_officer, partnership_factory):
    p = partnership_factory()
    client.force_login(case_officer)
    response = client.post(
        reverse("web:partnership_status", args=[p.pk]),
        {"status": "sporadic", "reason": "Kontakt varannat år", "version": p.version},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.status_override, p.status_override_by_id) == ("sporadic", case_officer.pk)


def test_activity_form_logs_activity(client, case_officer, huddinge, partnership_factory):
    p = partnership_factory()
    client.force_login(case_officer)
    response = client.post(
        reverse("web:activity_create", args=[huddinge.pk]),
        {
            "title": "Kulturutbyte",
            "kind": "exchange",
            "start": "2026-05",
            "partnership": p.pk,
            "participants_count": 12,
        },
    )
    assert response.status_code == 302
    assert p.activities.get().title == "Kulturutbyte"


def test_output_is_escaped(client, case_officer, huddinge):
    from vanort.core.partial_dates import PartialDate
    from vanort.registry import services

    services.activity_create(
        user=case_officer,
        municipality=huddinge,
        title="<script>alert(1)</script>",
        kind="meeting",
        start=PartialDate.parse("2025"),
    )
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_case_officer_edits_an_activity(client, case_officer, huddinge):
    from vanort.core.partial_dates import PartialDate
    from vanort.registry import services

    a = services.activity_create(
        user=case_officer, municipality=huddinge, title="Möte", kind="meeting", start=PartialDate.parse("2025")
    )
    client.force_login(case_officer)
    url = reverse("web:activity_edit", args=[a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Möte i Vanda", "kind": "meeting", "start": "2025-03", "version": 1})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.title, str(a.start), str(a.occurred_on)) == ("Möte i Vanda", "2025-03", "2025-03-01")


def test_other_municipality_cannot_edit_an_activity(client, case_officer, other_officer, huddinge):
    from vanort.core.partial_dates import PartialDate
    from vanort.registry import services

    a = services.activity_create(
        user=case_officer, municipality=huddinge, title="Möte", kind="meeting", start=PartialDate.parse("2025")
    )
    client.force_login(other_officer)
    response = client.post(
        reverse("web:activity_edit", args=[a.pk]), {"title": "Kapat", "kind": "meeting", "start": "2025", "version": 1}
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.title == "Möte"


def test_case_officer_edits_own_place_but_not_another(client, case_officer, huddinge, botkyrka):
    client.force_login(case_officer)
    ok = client.post(
        reverse("web:place_edit", args=[huddinge.pk]),
        {"name": "Huddinge", "population": 115000, "wikidata_qid": "Q499405", "version": huddinge.version},
    )
    denied = client.post(reverse("web:place_edit", args=[botkyrka.pk]), {"name": "X", "version": botkyrka.version})
    bad = client.post(
        reverse("web:place_edit", args=[huddinge.pk]),
        {"name": "Huddinge", "wikidata_qid": "not-a-qid", "version": huddinge.version + 1},
    )
    huddinge.refresh_from_db()
    botkyrka.refresh_from_db()
    assert (ok.status_code, denied.status_code, bad.status_code) == (302, 403, 400)
    assert (huddinge.population, huddinge.wikidata_qid, botkyrka.name) == (115000, "Q499405", "Botkyrka")


def test_refused_partnership_leaves_no_new_place(client, case_officer, huddinge):
    from vanort.registry.models import Place

    client.force_login(case_officer)
    before = Place.objects.count()
    response = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "new_partner_name": "Testby",
            "new_partner_country": "EE",
            "new_partner_kind": "city",
            "kind": "twin_town",
            "start": "2020",
            "end": "2010",
        },
    )
    assert response.status_code == 400
    assert Place.objects.count() == before


def test_status_override_by_other_municipality_is_forbidden(client, other_officer, partnership_factory):
    p = partnership_factory()
    client.force_login(other_officer)
    response = client.post(
        reverse("web:partnership_status", args=[p.pk]), {"status": "active", "reason": "x", "version": p.version}
    )
    assert response.status_code == 403
    p.refresh_from_db()
    assert p.status_override == ""


def test_admin_cannot_delete_history_and_admin_edit_bumps_version(client, admin_user, partnership_factory):
    p = partnership_factory()
    client.force_login(admin_user)
    assert client.get(f"/admin/registry/partnership/{p.pk}/delete/").status_code == 403
    response = client.post(
        f"/admin/registry/partnership/{p.pk}/change/",
        {
            "place_a": p.place_a_id,
            "place_b": p.place_b_id,
            "kind": "other",
            "start": "1990",
            "expected_version": p.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    p.refresh_from_db()
    assert (p.kind, p.version) == ("other", 2)


def test_field_errors_are_tied_to_their_field(client, case_officer, huddinge):
    client.force_login(case_officer)
    html = client.post(
        reverse("web:partnership_create"),
        {
            "municipality": huddinge.pk,
            "new_partner_name": "Irpin",
            "new_partner_country": "UA",
            "new_partner_kind": "hromada",
            "kind": "twin_town",
            "start": "sent fyrtiotal",
        },
    ).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_start_error"' in html
    start_input = re.search(r'<input[^>]*id="id_start"[^>]*>', html).group(0)
    assert "id_start_error" in start_input  # the input points at its error message


def test_place_page_with_more_partnerships_than_it_shows_counts_them_all(client, huddinge, partnership_factory):
    from vanort.web.registry.views import PLACE_PAGE_PARTNERSHIPS

    for _ in range(PLACE_PAGE_PARTNERSHIPS + 2):
        partnership_factory(end=PartialDate.parse("2000"), end_reason="terminated")
    response = client.get(reverse("web:place_detail", args=[huddinge.pk]))
    counts = dict(response.context["counts"])
    assert response.context["truncated"] is True
    assert len(response.context["partnerships"]) == PLACE_PAGE_PARTNERSHIPS
    assert counts["ended"] == PLACE_PAGE_PARTNERSHIPS + 2
    assert sum(counts.values()) == PLACE_PAGE_PARTNERSHIPS + 2
