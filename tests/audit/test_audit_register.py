"""The register's audit log: each service writes one entry (who, when, which record, from what
to what) in its own transaction; a refused or failed write leaves none; entries never change."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from vanort.audit.models import AuditEntry
from vanort.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from vanort.core.models import AppendOnly
from vanort.core.partial_dates import PartialDate
from vanort.registry import services

pytestmark = pytest.mark.django_db


def _only_entry(record: Any) -> AuditEntry:
    return AuditEntry.objects.get(record_type=record._meta.label_lower, record_id=record.pk)


def _newest(record: Any) -> AuditEntry:
    entry = AuditEntry.objects.filter(record_type=record._meta.label_lower, record_id=record.pk).first()
    assert entry is not None
    return entry


# --- each service writes its entry ---------------------------------------------------------


def test_partnership_create_is_logged_with_its_author(case_officer: Any, huddinge: Any, place_factory: Any) -> None:
    partner = place_factory()
    partnership = services.partnership_create(
        user=case_officer,
        place_a=huddinge,
        place_b=partner,
        kind="twin_town",
        start=PartialDate.parse("1985"),
        areas=["culture"],
    )
    entry = _only_entry(partnership)
    assert (entry.action, entry.actor, entry.actor_label) == ("created", case_officer, case_officer.username)
    assert entry.changes["kind"] == [None, "twin_town"]
    assert entry.changes["start"] == [None, "1985"]
    assert entry.changes["areas"] == [None, ["culture"]]


def test_partnership_update_logs_from_and_to(partnership_factory: Any, case_officer: Any) -> None:
    partnership = partnership_factory()
    services.partnership_update(
        user=case_officer,
        partnership=partnership,
        expected_version=partnership.version,
        description="Ny text",
        areas=["water"],
    )
    entry = _newest(partnership)
    assert entry.action == "updated"
    assert entry.changes == {"description": ["", "Ny text"], "areas": [[], ["water"]]}


def test_partnership_end_is_logged(partnership_factory: Any, case_officer: Any) -> None:
    partnership = partnership_factory()
    services.partnership_end(
        user=case_officer,
        partnership=partnership,
        expected_version=partnership.version,
        reason="left",
        end=PartialDate.parse("2001"),
    )
    assert _newest(partnership).changes == {"end": [None, "2001"], "end_reason": ["", "left"]}


def test_status_override_is_logged_with_the_reason(partnership_factory: Any, case_officer: Any) -> None:
    partnership = partnership_factory()
    services.partnership_override_status(
        user=case_officer,
        partnership=partnership,
        expected_version=partnership.version,
        status="dormant",
        reason="Inga kontakter sedan 2019",
    )
    entry = _newest(partnership)
    assert (entry.action, entry.note, entry.actor) == ("status_override", "Inga kontakter sedan 2019", case_officer)
    assert entry.changes["status_override"] == ["", "dormant"]
    assert entry.changes["status_override_by"] == [None, case_officer.pk]


def test_activity_create_and_update_are_logged(case_officer: Any, huddinge: Any) -> None:
    activity = services.activity_create(
        user=case_officer,
        municipality=huddinge,
        title="Studiebesök",
        kind="study_visit_in",
        start=PartialDate.parse("2023-10"),
    )
    assert _only_entry(activity).changes["title"] == [None, "Studiebesök"]
    services.activity_update(
        user=case_officer,
        activity=activity,
        expected_version=activity.version,
        participants_count=2,
        start=PartialDate.parse("2023-10-05"),
    )
    assert _newest(activity).changes == {
        "participants_count": [None, 2],
        "start": ["2023-10", "2023-10-05"],
        "occurred_on": ["2023-10-01", "2023-10-05"],
    }


def test_place_update_is_logged(case_officer: Any, huddinge: Any) -> None:
    services.place_update(user=case_officer, place=huddinge, expected_version=huddinge.version, population=113000)
    entry = _only_entry(huddinge)
    assert (entry.action, entry.actor, entry.changes) == ("updated", case_officer, {"population": [None, 113000]})


def test_place_upsert_logs_creation_and_change_but_not_a_no_op(reference_data: None) -> None:
    place = services.place_upsert(kind="city", country_code="FI", name="Vanda")
    services.place_upsert(kind="city", country_code="FI", name="Vanda")
    services.place_upsert(kind="city", country_code="FI", name="Vanda", population=237000)
    entries = list(AuditEntry.objects.filter(record_type="registry.place", record_id=place.pk).order_by("id"))
    assert [e.action for e in entries] == ["created", "updated"]
    assert entries[0].actor_label == "system"
    assert entries[1].changes == {"population": [None, 237000]}


def test_country_table_changes_are_in_the_same_log(admin_user: Any, db: Any) -> None:
    from vanort.legal import services as legal

    row = legal.status_row_create(
        user=admin_user,
        country="UA",
        status="bilateral_strategy",
        basis="Strategi",
        source="UD",
        valid_from=date(2024, 1, 1),
        valid_to=None,
        checked_at=date(2026, 1, 1),
    )
    pk = row.pk
    legal.status_row_update(user=admin_user, row=row, expected_version=row.version, basis="Ny strategi")
    legal.status_row_delete(user=admin_user, row=row, note="fel rad")
    actions = list(
        AuditEntry.objects.filter(record_type="legal.countryaidstatus", record_id=pk)
        .order_by("id")
        .values_list("action", "changes__basis")
    )
    assert actions == [
        ("created", [None, "Strategi"]),
        ("updated", ["Strategi", "Ny strategi"]),
        ("deleted", ["Ny strategi", None]),
    ]


# --- refused and failed writes leave no entry ------------------------------------------------


@pytest.mark.parametrize(
    ("who", "error"),
    [("other_officer", PermissionDenied), ("anonymous", PermissionDenied), ("case_officer", Conflict)],
)
def test_refused_partnership_edit_writes_no_entry(
    partnership_factory: Any, request: Any, who: str, error: type[ApplicationError]
) -> None:
    from django.contrib.auth.models import AnonymousUser

    partnership = partnership_factory()
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    stale = partnership.version - 1 if error is Conflict else partnership.version
    before = AuditEntry.objects.count()
    with pytest.raises(error):
        services.partnership_update(user=user, partnership=partnership, expected_version=stale, description="x")
    assert AuditEntry.objects.count() == before


def test_invalid_activity_writes_no_entry(case_officer: Any, huddinge: Any) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationFailed):
        services.activity_create(
            user=case_officer,
            municipality=huddinge,
            title="Fel",
            kind="meeting",
            start=PartialDate.parse("2024"),
            end=PartialDate.parse("2020"),
        )
    assert AuditEntry.objects.count() == before


def test_refused_override_and_place_edit_write_no_entry(
    partnership_factory: Any, other_officer: Any, huddinge: Any
) -> None:
    partnership = partnership_factory()
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.partnership_override_status(
            user=other_officer,
            partnership=partnership,
            expected_version=partnership.version,
            status="dormant",
            reason="r",
        )
    with pytest.raises(PermissionDenied):
        services.place_update(user=other_officer, place=huddinge, expected_version=huddinge.version, population=1)
    assert AuditEntry.objects.count() == before


def test_a_write_that_fails_after_its_entry_leaves_neither(partnership_factory: Any, case_officer: Any) -> None:
    """The entry is in the service's transaction: when the outer transaction fails, both go."""
    from django.db import transaction

    partnership = partnership_factory()
    before = AuditEntry.objects.count()

    def update_then_fail() -> None:
        with transaction.atomic():
            services.partnership_update(
                user=case_officer, partnership=partnership, expected_version=partnership.version, description="x"
            )
            raise RuntimeError("the caller's next step failed")

    with pytest.raises(RuntimeError):
        update_then_fail()
    partnership.refresh_from_db()
    assert (AuditEntry.objects.count(), partnership.description) == (before, "")


# --- append-only ---------------------------------------------------------------------------------


def test_entries_cannot_be_changed_or_deleted(partnership_factory: Any) -> None:
    partnership_factory()
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.note = "ändrad"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(note="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


# --- visible to administrators ---------------------------------------------------------------


def test_admin_lists_filters_and_shows_an_entry_read_only(
    client: Any, admin_user: Any, partnership_factory: Any
) -> None:
    partnership = partnership_factory(description="<script>x</script>")
    entry = _only_entry(partnership)
    client.force_login(admin_user)
    listing = client.get(reverse("admin:audit_auditentry_changelist"), {"record_type": "registry.partnership"})
    assert listing.status_code == 200
    assert str(partnership) in listing.content.decode()
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "&lt;script&gt;x&lt;/script&gt;" in body
    assert "<script>x</script>" not in body
    assert 'name="_save"' not in body
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_case_officers_cannot_read_the_log(client: Any, case_officer: Any) -> None:
    client.force_login(case_officer)
    response = client.get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code == 302


def test_admin_edit_of_a_partnership_is_logged(client: Any, admin_user: Any, partnership_factory: Any) -> None:
    partnership = partnership_factory()
    client.force_login(admin_user)
    url = reverse("admin:registry_partnership_change", args=[partnership.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k not in {"areas", "agreement_file"}}
    data.update({"description": "Ändrad i admin", "areas": ["culture"], "start": "1990"})
    data["expected_version"] = partnership.version
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = _newest(partnership)
    assert (entry.action, entry.actor, entry.note) == ("updated", admin_user, "admin")
    assert entry.changes == {"description": ["", "Ändrad i admin"], "areas": [[], ["culture"]]}
