"""Status derivation: the documented thresholds, and the SQL twin agrees with the Python rule."""

from datetime import date, timedelta

import pytest

from vanort.core.partial_dates import PartialDate
from vanort.registry import selectors, services
from vanort.registry.models import Activity
from vanort.registry.status import ACTIVE_DAYS, SPORADIC_DAYS, Status, derive_status

AS_OF = date(2026, 6, 30)

CASES = [
    # (end, end_reason, last activity, expected)
    (None, "", None, Status.DORMANT),
    (None, "", AS_OF - timedelta(days=10), Status.ACTIVE),
    (None, "", AS_OF - timedelta(days=ACTIVE_DAYS), Status.ACTIVE),
    (None, "", AS_OF - timedelta(days=ACTIVE_DAYS + 1), Status.SPORADIC),
    (None, "", AS_OF - timedelta(days=SPORADIC_DAYS), Status.SPORADIC),
    (None, "", AS_OF - timedelta(days=SPORADIC_DAYS + 1), Status.DORMANT),
    (None, "", AS_OF + timedelta(days=30), Status.DORMANT),  # planned only
    (None, "left", AS_OF - timedelta(days=10), Status.ENDED),  # left, date unknown
    ("2020", "terminated", None, Status.ENDED),
    ("2030", "terminated", AS_OF - timedelta(days=10), Status.ACTIVE),  # ends in the future
    ("2020", "", None, Status.ENDED),
    ("202X", "", None, Status.ENDED),  # a decade end: its lower bound has passed
    ("203X", "terminated", AS_OF - timedelta(days=10), Status.ACTIVE),  # ends in a future decade
    (None, "paused", AS_OF - timedelta(days=10), Status.DORMANT),
    ("2022", "paused", AS_OF - timedelta(days=10), Status.DORMANT),  # a pause's date has passed: still not ended
    ("2022", "paused", None, Status.DORMANT),
]


def _partnership_with(partnership_factory, admin_user, *, end, reason, last):
    """A partnership with the given end facts and, if `last`, one activity on that day."""
    p = partnership_factory(end=PartialDate.parse(end) if end else None, end_reason=reason, start="1990")
    if last is not None:
        services.activity_create(
            user=admin_user,
            municipality=p.place_a if p.place_a.kind == "kommun" else p.place_b,
            partnership=p,
            title="Möte",
            kind="meeting",
            start=PartialDate.from_date(last),
        )
    return p


@pytest.mark.parametrize(("end", "reason", "last", "expected"), CASES)
def test_derive_status_follows_the_documented_thresholds(end, reason, last, expected):
    end_lower = PartialDate.parse(end).lower if end else None
    assert derive_status(as_of=AS_OF, end_lower=end_lower, end_reason=reason, last_activity_on=last) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("end", "reason", "last", "expected"), CASES)
def test_sql_status_agrees_with_python_rule(end, reason, last, expected, partnership_factory, admin_user):
    p = _partnership_with(partnership_factory, admin_user, end=end, reason=reason, last=last)
    annotated = selectors.partnerships_with_status(AS_OF).get(pk=p.pk)
    assert annotated.derived_status == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("end", "reason", "last", "expected"), CASES)
def test_rows_read_for_display_carry_the_same_status(end, reason, last, expected, partnership_factory, admin_user):
    p = _partnership_with(partnership_factory, admin_user, end=end, reason=reason, last=last)
    listed = selectors.partnership_list(selectors.PartnershipFilters(place_id=p.place_a_id), as_of=AS_OF)
    assert [row.derived_status for row in listed] == [expected.value]
    assert selectors.partnership_get(p.pk, as_of=AS_OF).effective_status == expected.value


@pytest.mark.django_db
def test_sql_status_counts_the_override(partnership_factory, admin_user):
    p = partnership_factory()
    services.partnership_override_status(
        user=admin_user, partnership=p, expected_version=p.version, status="active", reason="Enligt kommunens svar"
    )
    annotated = selectors.partnerships_with_status(AS_OF).get(pk=p.pk)
    assert (annotated.effective_status, annotated.derived_status) == ("active", "dormant")


@pytest.mark.django_db
def test_override_wins_but_derived_status_stays_visible(partnership_factory, admin_user):
    p = partnership_factory()
    services.partnership_override_status(
        user=admin_user, partnership=p, expected_version=p.version, status="active", reason="Enligt kommunens svar"
    )
    annotated = selectors.partnership_get(p.pk, as_of=AS_OF)
    assert (annotated.effective_status, annotated.derived_status) == ("active", "dormant")


@pytest.mark.django_db
def test_planned_activity_is_not_counted_until_it_happens(partnership_factory, admin_user, huddinge):
    p = partnership_factory()
    services.activity_create(
        user=admin_user,
        municipality=huddinge,
        partnership=p,
        title="Planerat besök",
        kind="study_visit_in",
        start=PartialDate.parse("2026-09"),
    )
    assert selectors.partnership_get(p.pk, as_of=AS_OF).derived_status == "dormant"
    assert selectors.partnership_get(p.pk, as_of=date(2026, 10, 1)).derived_status == "active"
    assert Activity.objects.get(partnership=p).occurred_on == date(2026, 9, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(("end", "reason", "last", "expected"), CASES)
def test_status_filter_agrees_with_the_status_column(end, reason, last, expected, partnership_factory, admin_user):
    p = _partnership_with(partnership_factory, admin_user, end=end, reason=reason, last=last)
    found = {
        s.value
        for s in Status
        if p in selectors.partnership_list(selectors.PartnershipFilters(status=s.value), as_of=AS_OF)
    }
    assert found == {expected.value}


@pytest.mark.django_db
def test_status_filter_respects_override(partnership_factory, admin_user):
    p = partnership_factory()
    services.partnership_override_status(
        user=admin_user, partnership=p, expected_version=p.version, status="active", reason="Enligt kommunens svar"
    )
    active = selectors.partnership_list(selectors.PartnershipFilters(status="active"), as_of=AS_OF)
    dormant = selectors.partnership_list(selectors.PartnershipFilters(status="dormant"), as_of=AS_OF)
    assert (p in active, p in dormant) == (True, False)


@pytest.mark.django_db
def test_paused_partnership_is_dormant_until_resumed(partnership_factory, case_officer, huddinge):
    """docs/status.md: pausing (with the date of the pause) makes a partnership dormant whatever its
    activities, neither ended nor active; resuming lets its activities count again."""
    p = _partnership_with(partnership_factory, case_officer, end=None, reason="", last=AS_OF - timedelta(days=10))
    assert selectors.partnership_get(p.pk, as_of=AS_OF).derived_status == Status.ACTIVE
    services.partnership_end(
        user=case_officer, partnership=p, expected_version=p.version, reason="paused", end=PartialDate.parse("2022")
    )
    assert selectors.partnership_get(p.pk, as_of=AS_OF).derived_status == Status.DORMANT
    p.refresh_from_db()
    services.partnership_resume(user=case_officer, partnership=p, expected_version=p.version)
    assert selectors.partnership_get(p.pk, as_of=AS_OF).derived_status == Status.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize(("end", "reason", "last", "expected"), CASES)
def test_export_status_agrees_with_the_status_column(end, reason, last, expected, partnership_factory, admin_user):
    from vanort.registry.export import partnership_rows

    _partnership_with(partnership_factory, admin_user, end=end, reason=reason, last=last)
    assert [row["status"] for row in partnership_rows(as_of=AS_OF)] == [expected.value]


@pytest.mark.django_db
def test_export_status_respects_override(partnership_factory, admin_user):
    from vanort.registry.export import partnership_rows

    p = partnership_factory()
    services.partnership_override_status(
        user=admin_user, partnership=p, expected_version=p.version, status="active", reason="Enligt kommunens svar"
    )
    assert [row["status"] for row in partnership_rows(as_of=AS_OF)] == ["active"]
