"""Writes for the register. Each service is atomic and keyword-only.

Every service that requires a `user` checks that user's permission before anything else (so a refused
person learns nothing from validation). Four need no user and check nothing, and are never called
by an interface directly: `place_upsert` and `actor_upsert` overwrite records, for trusted loaders
only (reference data, the demo, the operator's `vanort import-partnerships`);
`source_get_or_create` and `place_get_or_create` only add records and are also called by other
services after their own check (applying a document, naming a new partner); `place_get_or_create`
takes an optional `user` for the audit log only.

Web forms, the API, the CLI and document imports all call these; nothing else saves
register models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanort.accounts.models import Role
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.audit.services import audit_record, record_state
from vanort.core.errors import Conflict, PermissionDenied, ValidationFailed
from vanort.core.models import refuse_unknown_fields, update_versioned, validate
from vanort.core.partial_dates import PartialDate
from vanort.registry.models import (
    Activity,
    Actor,
    Country,
    Partnership,
    Place,
    PlaceName,
    Sector,
    Source,
)
from vanort.registry.permissions import require_edit
from vanort.registry.selectors import fold
from vanort.registry.status import EndReason, Status

# --- sources ---------------------------------------------------------------------------


@transaction.atomic
def source_get_or_create(
    *,
    title: str,
    kind: str = Source.Kind.CITATION,
    citation: str = "",
    locator: str = "",
    url: str = "",
    document_checksum: str = "",
) -> Source:
    source, _created = Source.objects.get_or_create(
        title=title,
        locator=locator,
        document_checksum=document_checksum,
        defaults={"kind": kind, "citation": citation, "url": url},
    )
    return source


# --- places ----------------------------------------------------------------------------


def _set_names(place: Place, names: Iterable[tuple[str, str]]) -> None:
    wanted = {(place.name, "")} | {(n.strip(), lang) for n, lang in names if n.strip()}
    existing = set(place.names.values_list("name", "language"))
    PlaceName.objects.bulk_create(
        [PlaceName(place=place, name=n, language=lang, folded=fold(n)) for n, lang in wanted - existing]
    )


@transaction.atomic
def place_upsert(
    *,
    kind: str,
    country_code: str,
    name: str,
    code: str = "",
    official_name: str = "",
    names: Sequence[tuple[str, str]] = (),
    parent: Place | None = None,
    wikidata_qid: str = "",
    population: int | None = None,
    description: str = "",
    source: Source | None = None,
    is_example: bool = False,
) -> Place:
    """Create a place, or update the one with the same (country, kind, code) or name; idempotent.

    Only for trusted loaders (reference data, demo): it overwrites the matched place's fields
    without a permission check. Paths a case officer reaches use `place_get_or_create`.
    """
    if not Country.objects.filter(pk=country_code).exists():
        raise ValidationFailed(_("Okänt land: %(code)s") % {"code": country_code}, field="country")
    lookup: dict[str, Any] = {"country_id": country_code, "kind": kind}
    lookup.update({"code": code} if code else {"name": name, "code": ""})
    values = {
        "name": name,
        "official_name": official_name,
        "parent": parent,
        "wikidata_qid": wikidata_qid,
        "population": population,
        "description": description,
        "source": source,
        "is_example": is_example,
    }
    place = Place.objects.filter(**lookup).first()
    if place is None:
        place = Place(**{**lookup, **values})
        validate(place)
        place.save()
        audit_record(user=None, instance=place, action="created", before=None, after=record_state(place))
    elif any(getattr(place, k) != v for k, v in values.items()):
        before = record_state(place)
        update_versioned(place, expected_version=None, **values)
        audit_record(user=None, instance=place, action="updated", before=before, after=record_state(place))
    _set_names(place, names)
    return place


@transaction.atomic
def place_get_or_create(
    *, kind: str, country_code: str, name: str, source: Source | None = None, user: Any = None
) -> Place:
    """The place of this country and kind known by `name` (any spelling), unchanged; or a new one.

    Never writes to an existing place: whoever names a partner may not edit shared place records.
    """
    name = name.strip()
    if not Country.objects.filter(pk=country_code).exists():
        raise ValidationFailed(_("Okänt land: %(code)s") % {"code": country_code}, field="country")
    existing = (
        Place.objects.filter(country_id=country_code, kind=kind, names__folded=fold(name)).order_by("pk").first()
        or Place.objects.filter(country_id=country_code, kind=kind, name__iexact=name).order_by("pk").first()
    )
    if existing is not None:
        return existing
    place = Place(kind=kind, country_id=country_code, name=name, source=source)
    validate(place)
    place.save()
    _set_names(place, [])
    audit_record(user=user, instance=place, action="created", before=None, after=record_state(place))
    return place


@transaction.atomic
def place_update(*, user: Any, place: Place, expected_version: int, **changes: Any) -> Place:
    require_edit(user, {place.pk})
    allowed = {"name", "official_name", "wikidata_qid", "population", "description"}
    refuse_unknown_fields(changes, allowed)
    before = record_state(place)
    update_versioned(place, expected_version=expected_version, **changes)
    _set_names(place, [])
    audit_record(user=user, instance=place, action="updated", before=before, after=record_state(place))
    return place


# --- actors ----------------------------------------------------------------------------


@transaction.atomic
def actor_upsert(
    *,
    name: str,
    kind: str,
    country_code: str | None = None,
    is_known_actor: bool = False,
    known_actor_reason: str = "",
    source: Source | None = None,
    is_example: bool = False,
) -> Actor:
    """Create or overwrite the actor of this name. Only for trusted loaders (demo); no permission check."""
    if is_known_actor and not known_actor_reason.strip():
        raise ValidationFailed(_("Ange varför aktören räknas som känd."), field="known_actor_reason")
    actor, _created = Actor.objects.update_or_create(
        name=name,
        defaults={
            "kind": kind,
            "country_id": country_code,
            "is_known_actor": is_known_actor,
            "known_actor_reason": known_actor_reason,
            "source": source,
            "is_example": is_example,
        },
    )
    return actor


@transaction.atomic
def actor_vet(*, user: Any, actor: Actor, reason: str, known: bool = True) -> Actor:
    """Mark an actor as a known (vetted) actor, or withdraw it; records who vetted and when.

    Administrators and case officers of any municipality may vet: the register of actors is shared.
    """
    if not (is_admin(user) or user_municipality_ids(user, role=Role.CASE_OFFICER)):
        raise PermissionDenied(_("Bara handläggare får granska aktörer."))
    reason = reason.strip()
    if known and not reason:
        raise ValidationFailed(_("Ange varför aktören räknas som känd."), field="known_actor_reason")
    Actor.objects.filter(pk=actor.pk).update(
        is_known_actor=known,
        known_actor_reason=reason,
        vetted_by=user if getattr(user, "pk", None) else None,
        vetted_at=timezone.now(),
        version=models.F("version") + 1,
        updated_at=timezone.now(),
    )
    actor.refresh_from_db()
    return actor


def _organiser_named(name: str, kind: str) -> Actor:
    """The actor of that name (any case), or a new one: an organiser added where the activity is registered."""
    name = " ".join(name.split())
    if len(name) > 200:
        raise ValidationFailed(_("Högst %(n)s tecken.") % {"n": 200}, field="new_organiser")
    if kind not in Actor.Kind.values:
        raise ValidationFailed(_("Okänd typ av arrangör."), field="new_organiser_kind")
    existing = Actor.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    actor = Actor(name=name, kind=kind)
    validate(actor)
    actor.save()
    return actor


# --- partnerships ----------------------------------------------------------------------


def _ordered(a: Place, b: Place) -> tuple[Place, Place]:
    if a.pk == b.pk:
        raise ValidationFailed(_("En ort kan inte vara vänort med sig själv."), field="place_b")
    return (a, b) if a.pk < b.pk else (b, a)


def _refuse_end_before_start(start: PartialDate | None, end: PartialDate | None) -> None:
    """Partnerships and activities alike: an end wholly before the start is refused on `end`."""
    if start and end and end.upper < start.lower:
        raise ValidationFailed(_("Slutet kan inte ligga före starten."), field="end")


def _update_audited(
    *,
    user: Any,
    record: Partnership | Activity,
    expected_version: int,
    changes: dict[str, Any],
    areas: Iterable[str] | None,
) -> None:
    """The end of a partnership's or activity's edit: the versioned write, its areas (when given) and
    the audit entry with the record before and after."""
    sectors = _sectors(areas) if areas is not None else None
    before = record_state(record)
    update_versioned(record, expected_version=expected_version, **changes)
    if sectors is not None:
        record.areas.set(sectors)
    kept = set() if sectors is not None else {"areas"}  # not given: as before, without reading them again
    after = before | record_state(record, fields=[name for name in before if name not in kept])
    audit_record(user=user, instance=record, action="updated", before=before, after=after)


def _check_dates(start: PartialDate | None, end: PartialDate | None, end_reason: str) -> None:
    _refuse_end_before_start(start, end)
    if end_reason and end_reason not in {r.value for r in EndReason}:
        raise ValidationFailed(_("Okänt skäl till slut."), field="end_reason")


def _sectors(codes: Iterable[str]) -> list[Sector]:
    codes = list(dict.fromkeys(codes))
    found = list(Sector.objects.filter(code__in=codes))
    missing = set(codes) - {s.code for s in found}
    if missing:
        raise ValidationFailed(_("Okänt område: %(code)s") % {"code": sorted(missing)[0]}, field="areas")
    return found


def _span(start: PartialDate | None, end: PartialDate | None) -> tuple[date, date]:
    return (start.lower if start else date.min, end.upper if end else date.max)


def _refuse_duplicate(
    low_id: int, high_id: int, kind: str, start: PartialDate | None, end: PartialDate | None, exclude_pk: int | None
) -> None:
    """The same pair of places with the same kind of partnership at overlapping times is one partnership."""
    first, last = _span(start, end)
    for other in Partnership.objects.filter(place_a_id=low_id, place_b_id=high_id, kind=kind).exclude(pk=exclude_pk):
        other_first, other_last = _span(other.start, other.end)
        if first <= other_last and other_first <= last:
            raise Conflict(
                _("Partnerskapet finns redan för samma tid (%(start)s–%(end)s).")
                % {"start": other.start or "?", "end": other.end or ""},
                code="duplicate_partnership",
            )


@transaction.atomic
def partnership_create(
    *,
    user: Any,
    place_a: Place,
    place_b: Place,
    kind: str,
    start: PartialDate | None = None,
    start_note: str = "",
    end: PartialDate | None = None,
    end_reason: str = "",
    end_note: str = "",
    areas: Iterable[str] = (),
    agreement_reference: str = "",
    description: str = "",
    source: Source | None = None,
    is_example: bool = False,
) -> Partnership:
    require_edit(user, {place_a.pk, place_b.pk})
    low, high = _ordered(place_a, place_b)
    _check_dates(start, end, end_reason)
    _refuse_duplicate(low.pk, high.pk, kind, start, end, exclude_pk=None)
    partnership = Partnership(
        place_a=low,
        place_b=high,
        kind=kind,
        start=start,
        start_note=start_note,
        end=end,
        end_reason=end_reason,
        end_note=end_note,
        agreement_reference=agreement_reference,
        description=description,
        source=source,
        is_example=is_example,
    )
    validate(partnership)
    partnership.save()
    partnership.areas.set(_sectors(areas))
    audit_record(user=user, instance=partnership, action="created", before=None, after=record_state(partnership))
    return partnership


@transaction.atomic
def partnership_create_with_new_partner(
    *, user: Any, place_a: Place, partner_name: str, partner_country: str, partner_kind: str, **fields: Any
) -> Partnership:
    """A partnership with a place not yet in the register: both, or neither, are saved."""
    require_edit(user, {place_a.pk})
    partner = place_get_or_create(kind=partner_kind, country_code=partner_country, name=partner_name, user=user)
    return partnership_create(user=user, place_a=place_a, place_b=partner, **fields)


_EDITABLE = {"kind", "start", "start_note", "end", "end_reason", "end_note", "agreement_reference", "description"}


@transaction.atomic
def partnership_update(
    *,
    user: Any,
    partnership: Partnership,
    expected_version: int,
    areas: Iterable[str] | None = None,
    **changes: Any,
) -> Partnership:
    require_edit(user, {partnership.place_a_id, partnership.place_b_id})
    refuse_unknown_fields(changes, _EDITABLE)
    _check_dates(
        changes.get("start", partnership.start),
        changes.get("end", partnership.end),
        changes.get("end_reason", partnership.end_reason),
    )
    if {"kind", "start", "end"} & changes.keys():  # a description or a note cannot make a duplicate
        _refuse_duplicate(
            partnership.place_a_id,
            partnership.place_b_id,
            changes.get("kind", partnership.kind),
            changes.get("start", partnership.start),
            changes.get("end", partnership.end),
            exclude_pk=partnership.pk,
        )
    _update_audited(user=user, record=partnership, expected_version=expected_version, changes=changes, areas=areas)
    return partnership


@transaction.atomic
def partnership_end(
    *,
    user: Any,
    partnership: Partnership,
    expected_version: int,
    reason: str,
    end: PartialDate | None = None,
    note: str = "",
) -> Partnership:
    """End (or pause) a partnership. Nothing is deleted; resume by clearing with `partnership_resume`."""
    require_edit(user, {partnership.place_a_id, partnership.place_b_id})
    if not reason:
        raise ValidationFailed(_("Ange skälet till att samarbetet upphör."), field="end_reason")
    return partnership_update(
        user=user,
        partnership=partnership,
        expected_version=expected_version,
        end=end,
        end_reason=reason,
        end_note=note,
    )


@transaction.atomic
def partnership_resume(*, user: Any, partnership: Partnership, expected_version: int) -> Partnership:
    require_edit(user, {partnership.place_a_id, partnership.place_b_id})
    if partnership.end_reason != EndReason.PAUSED:
        raise ValidationFailed(_("Bara ett pausat samarbete kan återupptas."), field="end_reason")
    return partnership_update(
        user=user, partnership=partnership, expected_version=expected_version, end=None, end_reason="", end_note=""
    )


@transaction.atomic
def partnership_override_status(
    *, user: Any, partnership: Partnership, expected_version: int, status: str, reason: str
) -> Partnership:
    """Set (or, with status "", clear) a person's judgement of the status; the derived one stays visible."""
    require_edit(user, {partnership.place_a_id, partnership.place_b_id})
    if status and status not in {s.value for s in Status}:
        raise ValidationFailed(_("Okänd status."), field="status")
    if status and not reason.strip():
        raise ValidationFailed(_("Ange skälet till att statusen fastställs för hand."), field="reason")
    before = record_state(partnership)
    update_versioned(
        partnership,
        expected_version=expected_version,
        status_override=status,
        status_override_reason=reason.strip() if status else "",
        status_override_by=user if status and getattr(user, "pk", None) else None,
        status_override_at=timezone.now() if status else None,
    )
    after = record_state(partnership)
    audit_record(user=user, instance=partnership, action="status_override", before=before, after=after, note=reason)
    return partnership


# --- activities ------------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    user: Any,
    municipality: Place,
    title: str,
    kind: str,
    start: PartialDate,
    end: PartialDate | None = None,
    partnership: Partnership | None = None,
    counterpart: Place | None = None,
    participants_count: int | None = None,
    participants_note: str = "",
    topics: str = "",
    organiser: Actor | None = None,
    new_organiser: str = "",
    new_organiser_kind: str = Actor.Kind.OTHER,
    areas: Iterable[str] = (),
    description: str = "",
    source: Source | None = None,
    is_example: bool = False,
) -> Activity:
    """A new activity; `new_organiser` names an organiser not yet in the register (added in the same transaction)."""
    require_edit(user, {municipality.pk})
    title = _activity_title(title)
    if new_organiser.strip():
        organiser = _organiser_named(new_organiser, new_organiser_kind)
    if partnership is not None and municipality.pk not in {partnership.place_a_id, partnership.place_b_id}:
        raise ValidationFailed(_("Partnerskapet gäller inte den här kommunen."), field="partnership")
    _refuse_end_before_start(start, end)
    activity = Activity(
        municipality=municipality,
        partnership=partnership,
        counterpart=counterpart,
        title=title,
        kind=kind,
        start=start,
        end=end,
        participants_count=participants_count,
        participants_note=participants_note,
        topics=topics,
        organiser=organiser,
        description=description,
        source=source,
        is_example=is_example,
    )
    validate(activity)
    activity.save()
    activity.areas.set(_sectors(areas))
    audit_record(user=user, instance=activity, action="created", before=None, after=record_state(activity))
    return activity


def _activity_title(title: str) -> str:
    """An activity is named: a title of only spaces is no title."""
    if not str(title).strip():
        raise ValidationFailed(_("Ange aktivitetens rubrik."), field="title")
    return str(title).strip()


_ACTIVITY_EDITABLE = {
    "title",
    "kind",
    "start",
    "end",
    "participants_count",
    "participants_note",
    "topics",
    "organiser",
    "description",
    "counterpart",
}


@transaction.atomic
def activity_update(
    *, user: Any, activity: Activity, expected_version: int, areas: Iterable[str] | None = None, **changes: Any
) -> Activity:
    require_edit(user, {activity.municipality_id})
    refuse_unknown_fields(changes, _ACTIVITY_EDITABLE)
    if "title" in changes:
        changes["title"] = _activity_title(changes["title"])
    _refuse_end_before_start(changes.get("start", activity.start), changes.get("end", activity.end))
    _update_audited(user=user, record=activity, expected_version=expected_version, changes=changes, areas=areas)
    return activity
