import ast
import inspect
import textwrap

import pytest

from vanort.core.errors import Conflict, PermissionDenied, ValidationFailed
from vanort.core.partial_dates import PartialDate
from vanort.registry import services
from vanort.registry.models import Activity, Partnership

pytestmark = pytest.mark.django_db


def test_partnership_is_stored_as_an_ordered_pair(case_officer, huddinge, place_factory):
    partner = place_factory()
    p = services.partnership_create(
        user=case_officer,
        place_a=partner,
        place_b=huddinge,
        kind="twin_town",
        start=PartialDate.parse("194X"),
        areas=["culture", "education"],
    )
    assert p.place_a_id < p.place_b_id
    assert sorted(p.areas.values_list("code", flat=True)) == ["culture", "education"]


def test_place_cannot_twin_with_itself(case_officer, huddinge):
    with pytest.raises(ValidationFailed) as err:
        services.partnership_create(user=case_officer, place_a=huddinge, place_b=huddinge, kind="twin_town")
    assert err.value.field == "place_b"


def test_end_before_start_is_refused_and_nothing_is_written(case_officer, huddinge, place_factory):
    with pytest.raises(ValidationFailed) as err:
        services.partnership_create(
            user=case_officer,
            place_a=huddinge,
            place_b=place_factory(),
            kind="twin_town",
            start=PartialDate.parse("1990"),
            end=PartialDate.parse("1985"),
        )
    assert err.value.field == "end"
    assert Partnership.objects.count() == 0


def test_unknown_area_is_refused_and_nothing_is_written(case_officer, huddinge, place_factory):
    with pytest.raises(ValidationFailed):
        services.partnership_create(
            user=case_officer,
            place_a=huddinge,
            place_b=place_factory(),
            kind="twin_town",
            areas=["culture", "astrology"],
        )
    assert Partnership.objects.count() == 0


def test_case_officer_cannot_create_for_another_municipality(other_officer, huddinge, place_factory):
    with pytest.raises(PermissionDenied):
        services.partnership_create(user=other_officer, place_a=huddinge, place_b=place_factory(), kind="twin_town")
    assert Partnership.objects.count() == 0


def test_denied_edit_changes_nothing(partnership_factory, other_officer):
    p = partnership_factory(description="Original")
    with pytest.raises(PermissionDenied):
        services.partnership_update(
            user=other_officer, partnership=p, expected_version=p.version, description="Hijacked"
        )
    p.refresh_from_db()
    assert (p.description, p.version) == ("Original", 1)


def test_anonymous_user_cannot_edit(partnership_factory):
    from django.contrib.auth.models import AnonymousUser

    from vanort.audit.models import AuditEntry

    p = partnership_factory()
    entries = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.partnership_update(user=AnonymousUser(), partnership=p, expected_version=p.version, kind="other")
    p.refresh_from_db()
    assert (p.kind, p.version, AuditEntry.objects.count()) == ("twin_town", 1, entries)


def test_stale_edit_is_refused_not_overwritten(partnership_factory, case_officer):
    p = partnership_factory()
    services.partnership_update(user=case_officer, partnership=p, expected_version=1, description="First")
    stale = Partnership.objects.get(pk=p.pk)
    stale.version = 1
    with pytest.raises(Conflict):
        services.partnership_update(user=case_officer, partnership=stale, expected_version=1, description="Second")
    p.refresh_from_db()
    assert (p.description, p.version) == ("First", 2)


def test_end_and_resume_keep_history(partnership_factory, case_officer):
    p = partnership_factory()
    services.partnership_end(
        user=case_officer, partnership=p, expected_version=p.version, reason="paused", end=PartialDate.parse("2022")
    )
    services.partnership_resume(user=case_officer, partnership=p, expected_version=p.version)
    p.refresh_from_db()
    assert (p.end, p.end_reason, p.version) == (None, "", 3)


def test_override_needs_a_reason(partnership_factory, case_officer):
    p = partnership_factory()
    with pytest.raises(ValidationFailed) as err:
        services.partnership_override_status(
            user=case_officer, partnership=p, expected_version=p.version, status="active", reason=" "
        )
    assert err.value.field == "reason"


def test_activity_must_belong_to_the_partnership_municipality(partnership_factory, admin_user, botkyrka):
    p = partnership_factory()
    with pytest.raises(ValidationFailed) as err:
        services.activity_create(
            user=admin_user,
            municipality=botkyrka,
            partnership=p,
            title="x",
            kind="meeting",
            start=PartialDate.parse("2024"),
        )
    assert err.value.field == "partnership"
    assert Activity.objects.count() == 0


def test_activity_update_moves_sort_date(huddinge, case_officer):
    a = services.activity_create(
        user=case_officer, municipality=huddinge, title="Besök", kind="meeting", start=PartialDate.parse("2024")
    )
    services.activity_update(
        user=case_officer, activity=a, expected_version=a.version, start=PartialDate.parse("2025-03-02")
    )
    a.refresh_from_db()
    assert str(a.occurred_on) == "2025-03-02"


def test_place_upsert_is_idempotent_and_keeps_spellings(reference_data):
    first = services.place_upsert(kind="kommun", country_code="FI", code="092", name="Vanda", names=[("Vantaa", "fi")])
    again = services.place_upsert(kind="kommun", country_code="FI", code="092", name="Vanda", names=[("Vantaa", "fi")])
    assert first.pk == again.pk
    assert sorted(first.names.values_list("name", flat=True)) == ["Vanda", "Vantaa"]


def test_place_upsert_refuses_unknown_country(reference_data):
    with pytest.raises(ValidationFailed) as err:
        services.place_upsert(kind="city", country_code="ZZ", name="Nowhere")
    assert err.value.field == "country"


def test_activity_update_refuses_a_field_it_does_not_edit_and_changes_nothing(huddinge, case_officer, place_factory):
    a = services.activity_create(
        user=case_officer, municipality=huddinge, title="Besök", kind="meeting", start=PartialDate.parse("2024")
    )
    with pytest.raises(ValidationFailed) as err:
        services.activity_update(
            user=case_officer, activity=a, expected_version=a.version, title="Nytt", municipality=place_factory()
        )
    assert err.value.field == "municipality"
    a.refresh_from_db()
    assert (a.title, a.municipality_id, a.version) == ("Besök", huddinge.pk, 1)


def test_end_and_resume_check_permission_before_the_input(partnership_factory, other_officer):
    """A person who may not edit is refused as such, not told what is wrong with the input."""
    p = partnership_factory()
    with pytest.raises(PermissionDenied):
        services.partnership_end(user=other_officer, partnership=p, expected_version=p.version, reason="")
    with pytest.raises(PermissionDenied):  # p is not paused: the input check would say so
        services.partnership_resume(user=other_officer, partnership=p, expected_version=p.version)
    p.refresh_from_db()
    assert (p.end, p.end_reason, p.version) == (None, "", 1)


def _first_statement(function):
    body = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(function)))).body[0].body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):  # the docstring
        body = body[1:]
    return ast.unparse(body[0])


def test_every_service_that_requires_a_user_checks_permission_first():
    """What the module docstring promises, for each public service with a required `user`."""
    checked = []
    for name, function in vars(services).items():
        if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != services.__name__:
            continue
        user = inspect.signature(function).parameters.get("user")
        if user is None or user.default is not inspect.Parameter.empty:
            continue
        first = _first_statement(function)
        assert "require_edit(user" in first or "raise PermissionDenied" in first, (name, first)
        checked.append(name)
    assert len(checked) >= 10
