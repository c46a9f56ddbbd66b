"""Writes: seed and edit the country table (with history), save assessments."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vanort import aid
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.audit.services import audit_record, record_state
from vanort.core.errors import PermissionDenied, ValidationFailed
from vanort.core.models import refuse_unknown_fields, update_versioned
from vanort.legal.models import AidAssessment, CountryAidStatus
from vanort.legal.selectors import case_with_date, current_rulebook, may_save_assessment

#: The fields of a country-table row that administrators edit (services and the admin form alike).
STATUS_FIELDS = ("status", "basis", "valid_from", "valid_to", "source", "checked_at")


def _snapshot(row: CountryAidStatus) -> dict[str, Any]:
    return {"country": row.country, **record_state(row, STATUS_FIELDS)}


def _log_change(*, user: Any, row: CountryAidStatus, action: str, before: dict[str, Any] | None, note: str) -> None:
    """The country table's change log: one audit entry with the row before and after (None when absent)."""
    after = None if action == "deleted" else _snapshot(row)
    audit_record(user=user, instance=row, action=action, before=before, after=after, note=note)


def status_row_validate(*, country: str, values: dict[str, Any], exclude_pk: int | None = None) -> None:
    """Raise ValidationFailed if the row is invalid or would overlap another row of the country."""
    if country not in aid.load_rulebook().known_countries:
        raise ValidationFailed(_("Okänt land: %(code)s") % {"code": country}, field="country")
    if values.get("status") not in {s.value for s in aid.AidStatusKind}:
        raise ValidationFailed(_("Okänd status."), field="status")
    for name in ("basis", "source"):
        if not str(values.get(name) or "").strip():
            raise ValidationFailed(_("Fältet måste fyllas i."), field=name)
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and start > end:
        raise ValidationFailed(_("”Gäller till” ligger före ”gäller från”."), field="valid_to")
    spans = [
        (r.valid_from, r.valid_to) for r in CountryAidStatus.objects.filter(country=country).exclude(pk=exclude_pk)
    ]
    spans.append((start, end))
    spans.sort(key=lambda span: span[0] or date.min)
    for (_f1, to1), (from2, _t2) in itertools.pairwise(spans):
        if to1 is None or from2 is None or to1 >= from2:
            raise ValidationFailed(
                _("Raderna för %(country)s överlappar i tid.") % {"country": country}, field="valid_from"
            )


@transaction.atomic
def status_table_seed() -> int:
    """Copy the shipped table into the database once; later edits are the administrators'."""
    if CountryAidStatus.objects.exists():
        return 0
    table = aid.shipped_status_table()
    rows = [
        CountryAidStatus(
            country=s.country,
            status=s.status.value,
            basis=s.basis,
            valid_from=s.valid_from,
            valid_to=s.valid_to,
            source=s.source,
            checked_at=date.fromisoformat(s.checked_at),
        )
        for items in table.values()
        for s in items
    ]
    CountryAidStatus.objects.bulk_create(rows)
    return len(rows)


def _require_admin(user: Any) -> None:
    if not is_admin(user):
        raise PermissionDenied(_("Bara administratörer får ändra landtabellen."))


@transaction.atomic
def status_row_create(*, user: Any, country: str, note: str = "", **values: Any) -> CountryAidStatus:
    _require_admin(user)
    country = country.upper()
    status_row_validate(country=country, values=values)
    row = CountryAidStatus.objects.create(country=country, **{k: values.get(k) for k in STATUS_FIELDS})
    _log_change(user=user, row=row, action="created", before=None, note=note)
    return row


@transaction.atomic
def status_row_update(
    *, user: Any, row: CountryAidStatus, expected_version: int, note: str = "", **changes: Any
) -> CountryAidStatus:
    _require_admin(user)
    refuse_unknown_fields(changes, STATUS_FIELDS)
    before = _snapshot(row)
    current = {k: getattr(row, k) for k in STATUS_FIELDS}
    status_row_validate(country=row.country, values={**current, **changes}, exclude_pk=row.pk)
    update_versioned(row, expected_version=expected_version, **changes)
    _log_change(user=user, row=row, action="updated", before=before, note=note)
    return row


@transaction.atomic
def status_row_delete(*, user: Any, row: CountryAidStatus, note: str = "") -> None:
    _require_admin(user)
    _log_change(user=user, row=row, action="deleted", before=_snapshot(row), note=note)
    row.delete()


def check_case(data: dict[str, Any], *, lang: str = "sv") -> dict[str, Any]:
    """Run the engine with the database's table; no side effects. Raises AidInputError."""
    return aid.check_json(data, rulebook=current_rulebook(), lang=lang)


def database_checker() -> Callable[[Any, date | None, str], dict[str, Any]]:
    """The checker of ``vanort aid-check``: the database's country table, as the web and API use.

    Raises ValidationFailed when the table is empty (``vanort setup`` not run): the CLI falls
    back to the shipped files only when told to (``--rules-only``).
    """
    if not CountryAidStatus.objects.exists():
        raise ValidationFailed(
            _(
                "Landtabellen i databasen är tom: kör ”vanort setup”, eller använd --rules-only "
                "för att pröva mot de medföljande filerna."
            ),
            field="country_table",
        )

    def checker(data: Any, today: date | None, lang: str) -> dict[str, Any]:
        return aid.check_json(data, today=today, rulebook=current_rulebook(), lang=lang)

    return checker


@transaction.atomic
def assessment_save(
    *,
    user: Any,
    title: str,
    case: dict[str, Any],
    municipality: Any = None,
    public: bool = False,
    motion: Any = None,
) -> AidAssessment:
    """Save a verdict. Needs a role: a case officer or registrar saves for one of her
    municipalities, an administrator for any (or none). Not public unless ``public``."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Logga in för att spara en bedömning."))
    if not may_save_assessment(user):
        raise PermissionDenied(_("Bara handläggare, registratorer och administratörer får spara bedömningar."))
    if municipality is None and not is_admin(user):
        raise PermissionDenied(_("Bedömningen måste sparas för en kommun där du har en roll."))
    if municipality is not None and not is_admin(user) and municipality.pk not in user_municipality_ids(user):
        raise PermissionDenied(_("Du kan bara spara bedömningar för kommuner där du har en roll."))
    if motion is not None and (municipality is None or motion.municipality_id != municipality.pk):
        raise ValidationFailed(_("Motionen hör till en annan kommun än bedömningen."), field="motion")
    title = title.strip()
    if not title:
        raise ValidationFailed(_("Ge bedömningen en rubrik."), field="title")
    if "\x00" in title:
        raise ValidationFailed(_("Rubriken innehåller otillåtna tecken."), field="title")
    if len(title) > AidAssessment._meta.get_field("title").max_length:
        raise ValidationFailed(_("Rubriken är för lång."), field="title")
    case = case_with_date(case)
    try:
        verdict = check_case(case)
    except aid.AidInputError as exc:
        raise aid_input_failure(exc) from exc
    return AidAssessment.objects.create(
        title=title,
        municipality=municipality,
        case=case,
        verdict=verdict,
        outcome=verdict["outcome"],
        rules_version=verdict["rules_version"],
        public=bool(public),
        motion=motion,
        created_by=user,
    )


def aid_input_failure(exc: aid.AidInputError) -> ValidationFailed:
    """The aid engine's refusal of a case in the reader's language, naming the field."""
    return ValidationFailed(exc.said(_), field=exc.field)
