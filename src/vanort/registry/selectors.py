"""Reads for the register. Views, API and CLI get their querysets here."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Replace
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext as _

from vanort.accounts.models import Role
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.bounds import search_text
from vanort.core.errors import ValidationFailed
from vanort.registry.models import (
    PARTNER_KINDS,
    Activity,
    Actor,
    Country,
    Partnership,
    Place,
    PlaceKind,
    PlaceName,
    Sector,
)
from vanort.registry.status import ACTIVE_DAYS, SPORADIC_DAYS, EndReason, Status, derive_status


def fold(text: str) -> str:
    """Case- and accent-insensitive key for name search (Vantaa ~ vantaa, Seyðisfjörður ~ seydisfjordur)."""
    text = text.replace("ð", "d").replace("Ð", "D").replace("æ", "ae").replace("Æ", "AE").replace("ø", "o")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def today() -> date:
    return timezone.localdate()


def _end_from() -> Replace:
    """The end's lower bound as ISO text: "194X" → "1940", which compares with "2026-11-26"
    the way `PartialDate.lower` compares with a date ("1989" ≤ "1989-01-01" ≤ "1989-01-02")."""
    return Replace(F("end"), Value("X"), Value("0"))


def _ended(as_of_text: str) -> Q:
    """Needs the `end_from` alias (see `partnerships_with_status`)."""
    return (
        Q(end_reason__in=[EndReason.LEFT, EndReason.TERMINATED]) & (Q(end__isnull=True) | Q(end_from__lte=as_of_text))
    ) | (Q(end__isnull=False) & Q(end_from__lte=as_of_text) & ~Q(end_reason=EndReason.PAUSED))


def _recency_status(as_of: date) -> Subquery:
    """active/sporadic/dormant from the latest activity on or before `as_of`, in one grouped
    subquery (NULL when there is none)."""
    latest = (
        Activity.objects.filter(partnership=OuterRef("pk"), occurred_on__lte=as_of)
        .values("partnership")
        .annotate(latest=Max("occurred_on"))
        .annotate(
            recency=Case(
                When(latest__gte=as_of - timedelta(days=ACTIVE_DAYS), then=Value(Status.ACTIVE.value)),
                When(latest__gte=as_of - timedelta(days=SPORADIC_DAYS), then=Value(Status.SPORADIC.value)),
                default=Value(Status.DORMANT.value),
                output_field=CharField(),
            )
        )
        .values("recency")
    )
    return Subquery(latest, output_field=CharField())


def status_expression(as_of: date, *, with_override: bool = False) -> Case:
    """SQL twin of `status.derive_status` (and, with `with_override`, of the effective status).

    Built so the correlated subquery appears once per row: Django inlines an annotation
    wherever it is referenced, so the effective status does not refer to the derived one.
    """
    as_of_text = as_of.isoformat()
    override = [When(~Q(status_override=""), then=F("status_override"))] if with_override else []
    return Case(
        *override,
        When(_ended(as_of_text), then=Value(Status.ENDED.value)),
        When(end_reason=EndReason.PAUSED, then=Value(Status.DORMANT.value)),
        default=Coalesce(_recency_status(as_of), Value(Status.DORMANT.value)),
        output_field=CharField(),
    )


def _activity_since(days: int, as_of: date) -> Exists:
    return Exists(
        Activity.objects.filter(
            partnership=OuterRef("pk"), occurred_on__lte=as_of, occurred_on__gte=as_of - timedelta(days=days)
        )
    )


def status_filter(status: str, as_of: date) -> Q:
    """Partnerships whose effective status is `status`, as a WHERE clause the database can
    plan as joins: the same rule as `status_expression`, written per status with EXISTS
    instead of a per-row subquery (a test checks both agree)."""
    ended = _ended(as_of.isoformat())
    derived = Q(status_override="")
    live = derived & ~ended & ~Q(end_reason=EndReason.PAUSED)
    by_status = {
        Status.ENDED: derived & ended,
        Status.ACTIVE: live & _activity_since(ACTIVE_DAYS, as_of),
        Status.SPORADIC: live & ~_activity_since(ACTIVE_DAYS, as_of) & _activity_since(SPORADIC_DAYS, as_of),
        Status.DORMANT: derived & ~ended & (Q(end_reason=EndReason.PAUSED) | ~_activity_since(SPORADIC_DAYS, as_of)),
    }
    return Q(status_override=status) | by_status[Status(status)]


def partnerships_with_status(as_of: date | None = None) -> QuerySet[Partnership]:
    """Partnerships annotated in SQL with `derived_status` and `effective_status` (override
    wins), for grouping and counting by status in the database."""
    as_of = as_of or today()
    return Partnership.objects.alias(end_from=_end_from()).annotate(
        derived_status=status_expression(as_of), effective_status=status_expression(as_of, with_override=True)
    )


class _RowStatusIterable(ModelIterable):
    """Sets `derived_status` and `effective_status` on each fetched partnership with the pure
    rule (`status.derive_status`) from its `last_activity_on`.

    Why not the SQL expression: compiling the status `Case` with its correlated subquery costs
    more CPU than the page that shows the rows (≈ 10 ms per query); reading one `Max` per row
    and deciding in Python gives the same answer (a test checks both agree) for a fraction."""

    as_of: date

    def __iter__(self) -> Iterator[Partnership]:
        for partnership in super().__iter__():
            derived = derive_status(
                as_of=self.as_of,
                end_lower=partnership.end.lower if partnership.end else None,
                end_reason=partnership.end_reason or None,
                last_activity_on=partnership.last_activity_on,  # type: ignore[attr-defined]
            ).value
            partnership.derived_status = derived  # type: ignore[attr-defined]
            partnership.effective_status = partnership.status_override or derived  # type: ignore[attr-defined]
            yield partnership


def partnership_rows_with_status(as_of: date | None = None) -> QuerySet[Partnership]:
    """Partnerships to show or export row by row: each carries `last_activity_on` (latest
    activity on or before `as_of`), `derived_status` and `effective_status` (override wins).
    Filter by status with `status_filter`; count by status with `partnerships_with_status`."""
    as_of = as_of or today()
    latest = (
        Activity.objects.filter(partnership=OuterRef("pk"), occurred_on__lte=as_of)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    qs = Partnership.objects.alias(end_from=_end_from()).annotate(last_activity_on=Subquery(latest))
    qs._iterable_class = type("RowStatusIterable", (_RowStatusIterable,), {"as_of": as_of})
    return qs


@dataclass(frozen=True)
class PartnershipFilters:
    place: Place | None = None
    place_id: int | None = None
    country: str | None = None
    kind: str | None = None
    status: str | None = None
    area: str | None = None
    q: str | None = None


def partnership_list(filters: PartnershipFilters, *, as_of: date | None = None) -> QuerySet[Partnership]:
    qs = (
        partnership_rows_with_status(as_of)
        .select_related("place_a__country", "place_b__country")
        .prefetch_related(Prefetch("areas", queryset=Sector.objects.order_by("position")))
    )
    if filters.place is not None:
        qs = qs.filter(Q(place_a=filters.place) | Q(place_b=filters.place))
    elif filters.place_id is not None:
        qs = qs.filter(Q(place_a_id=filters.place_id) | Q(place_b_id=filters.place_id))
    if filters.country:
        in_country = Place.objects.filter(country_id=filters.country).values("pk")
        if filters.place is not None:
            qs = qs.filter(
                Q(place_a=filters.place, place_b_id__in=in_country)
                | Q(place_b=filters.place, place_a_id__in=in_country)
            )
        else:
            qs = qs.filter(Q(place_a_id__in=in_country) | Q(place_b_id__in=in_country))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status in {s.value for s in Status}:
        qs = qs.filter(status_filter(filters.status, as_of or today()))
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    if filters.q:
        ids = place_ids_matching(filters.q)
        qs = qs.filter(Q(place_a_id__in=ids) | Q(place_b_id__in=ids))
    return qs.order_by("start", "id")


def with_source(partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """The partnerships with their source record joined (for lists that cite it)."""
    return partnerships.select_related("source")


def partnership_get(pk: int, *, as_of: date | None = None) -> Partnership:
    return (
        partnership_rows_with_status(as_of)
        .select_related("place_a__country", "place_b__country", "source", "status_override_by")
        .prefetch_related("areas")
        .get(pk=pk)
    )


def partnerships_of_place(place: Place, *, limit: int | None = None, as_of: date | None = None) -> list[Partnership]:
    qs = partnership_list(PartnershipFilters(place=place), as_of=as_of)
    return list(qs[:limit] if limit else qs)


def status_counts_of_place(place: Place, *, as_of: date | None = None) -> dict[str, int]:
    """Counts by effective status of the place's partnerships, each decided by the pure rule
    like the rows a page shows (compiling the SQL status expression costs more CPU than
    deciding a municipality's few hundred rows in Python)."""
    rows = (
        partnership_rows_with_status(as_of)
        .filter(Q(place_a=place) | Q(place_b=place))
        .only("end", "end_reason", "status_override")
    )
    return status_counts(rows)


def status_counts(partnerships: Iterable[Partnership]) -> dict[str, int]:
    """Counts by effective status of partnerships read with `partnership_rows_with_status`."""
    counts = {s.value: 0 for s in Status}
    for partnership in partnerships:
        counts[partnership.effective_status] += 1  # type: ignore[attr-defined]
    return counts


def place_ids_matching(text: str) -> QuerySet[Any]:
    key = fold(search_text(text))
    return PlaceName.objects.filter(folded__contains=key).values("place_id")


def place_list(*, country: str | None = None, kind: str | None = None, q: str | None = None) -> QuerySet[Place]:
    qs = Place.objects.select_related("country", "parent")
    if country:
        qs = qs.filter(country_id=country)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(pk__in=place_ids_matching(q)) | Q(code=search_text(q)[:30]))
    return qs.order_by("name", "id")


def place_get(pk: int) -> Place:
    return Place.objects.select_related("country", "parent", "source").prefetch_related("names").get(pk=pk)


def place_by_code(code: str, *, country: str = "SE", kind: str | None = None) -> Place:
    """A place by its official code; raises Place.DoesNotExist. Kommun codes (0126) are the usual key:
    a kommun wins over another place with the same code; with `kind`, only that kind is looked at."""
    qs = Place.objects.select_related("country").filter(code=code.strip(), country_id=country.upper())
    if kind is not None:
        qs = qs.filter(kind=kind)
    place = qs.filter(kind=PlaceKind.KOMMUN).first() or qs.first()
    if place is None:
        raise Place.DoesNotExist(f"no place with code {code} in {country}")
    return place


def places_by_ids(ids: list[int], *, field: str) -> list[Place]:
    """The places with these ids; one unknown id refuses the lot, naming `field`."""
    found = list(Place.objects.filter(pk__in=ids))
    missing = set(ids) - {p.pk for p in found}
    if missing:
        raise ValidationFailed(_("Ort %(key)s finns inte.") % {"key": _listed(missing)}, field=field)
    return found


def partnerships_by_ids(ids: list[int], *, field: str) -> list[Partnership]:
    """The partnerships with these ids; one unknown id refuses the lot, naming `field`."""
    found = list(Partnership.objects.filter(pk__in=ids))
    missing = set(ids) - {p.pk for p in found}
    if missing:
        raise ValidationFailed(_("Partnerskap %(key)s finns inte.") % {"key": _listed(missing)}, field=field)
    return found


def _listed(ids: set[int]) -> str:
    return ", ".join(map(str, sorted(ids)))[:40]


def place_among(choices: QuerySet[Place], pk: Any) -> Place | None:
    """The place `pk` if it is one of `choices` (a form's allowed places), else None."""
    return choices.filter(pk=pk).first()


def place_by_id(pk: int) -> Place:
    """The bare place row; raises Place.DoesNotExist."""
    return Place.objects.get(pk=pk)


def partnership_by_id(pk: int) -> Partnership:
    """The bare partnership row (no status annotation) for a write; raises Partnership.DoesNotExist."""
    return Partnership.objects.get(pk=pk)


def municipalities() -> QuerySet[Place]:
    """Sweden's municipalities (kommuner), by name."""
    return Place.objects.filter(kind=PlaceKind.KOMMUN, country_id="SE").order_by("name")


def municipalities_of(user: Any, *, roles: tuple[Role, ...] = ()) -> QuerySet[Place]:
    """The municipalities `user` works for in one of `roles` (any role when empty); an administrator's: all."""
    if is_admin(user):
        return municipalities()
    ids: frozenset[int] = frozenset()
    for role in roles or (None,):
        ids |= user_municipality_ids(user, role=role)
    return municipalities().filter(pk__in=ids)


def starting_municipality(user: Any, choices: QuerySet[Place]) -> Place | None:
    """The municipality a form starts with: the officer's own; an administrator's: the home municipality."""
    own = choices.filter(pk__in=user_municipality_ids(user, role=Role.CASE_OFFICER)).first()
    return own or choices.filter(code=settings.VANORT_HOME_MUNICIPALITY).first() or choices.first()


def foreign_places() -> QuerySet[Place]:
    """Places outside Sweden that can be a partner or recipient (towns and municipalities, not oblasts
    or regions): those of :attr:`Place.is_foreign_partner`."""
    return Place.objects.exclude(country_id="SE").filter(kind__in=PARTNER_KINDS).order_by("name")


def partner_choices() -> QuerySet[Place]:
    """Every place in the register can be a partner (the picker searches them all)."""
    return Place.objects.select_related("country").order_by("name")


def partnerships_of_municipalities(municipality_ids: Any) -> QuerySet[Partnership]:
    """Partnerships with either side among the municipalities (ids or a Place queryset), by their names."""
    return (
        Partnership.objects.filter(Q(place_a_id__in=municipality_ids) | Q(place_b_id__in=municipality_ids))
        .select_related("place_a", "place_b")
        .order_by("place_a__name", "place_b__name")
    )


def municipality_codes() -> QuerySet[Any]:
    """Code and name of each municipality (the statistics page's place menu)."""
    return place_list(country="SE", kind=PlaceKind.KOMMUN).values("code", "name")


def activity_list(
    *, municipality: Place | None = None, partnership: Partnership | None = None, kind: str | None = None
) -> QuerySet[Activity]:
    # Only what lists, the API and the export show: every further join (the partnership's two
    # places, the counterpart's country) cost PostgreSQL 15–30 ms of planning per query.
    qs = Activity.objects.select_related("municipality", "counterpart", "organiser", "source")
    if municipality is not None:
        qs = qs.filter(Q(municipality=municipality) | Q(counterpart=municipality))
    if partnership is not None:
        qs = qs.filter(partnership=partnership)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-occurred_on", "-id")


def activity_get(pk: int) -> Activity:
    """One activity with its municipality and partnership; raises Activity.DoesNotExist."""
    return Activity.objects.select_related("municipality", "partnership").get(pk=pk)


def with_areas(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """The activities with their areas fetched in one more query (for lists that print them)."""
    return activities.prefetch_related("areas")


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.order_by("name")


def country_list() -> QuerySet[Country]:
    return Country.objects.order_by("name_sv")


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("position")


def countries_in_register() -> QuerySet[Country]:
    """Countries with at least one place in the register (for filter menus): one semi-join
    over places instead of joining every partnership."""
    return Country.objects.filter(Exists(Place.objects.filter(country=OuterRef("pk")))).order_by("name_sv")


def register_stats(*, as_of: date | None = None) -> dict[str, Any]:
    """National figures over the register: counts by status, kind, partner country and area."""
    qs = partnerships_with_status(as_of)
    by_status = {s.value: 0 for s in Status}
    for row in qs.values("effective_status").annotate(n=Count("id")).order_by():
        by_status[row["effective_status"]] = row["n"]
    by_kind = {row["kind"]: row["n"] for row in Partnership.objects.values("kind").annotate(n=Count("id")).order_by()}
    by_area = {
        row["code"]: row["n"]
        for row in Sector.objects.annotate(n=Count("partnerships")).values("code", "n").order_by("position")
    }
    municipalities = (
        Place.objects.filter(kind=PlaceKind.KOMMUN, country_id="SE")
        .filter(
            Exists(Partnership.objects.filter(place_a=OuterRef("pk")))
            | Exists(Partnership.objects.filter(place_b=OuterRef("pk")))
        )
        .count()
    )
    return {
        "as_of": (as_of or today()).isoformat(),
        "places": Place.objects.count(),
        "partnerships": sum(by_status.values()),
        "activities": Activity.objects.count(),
        "swedish_municipalities_with_partnerships": municipalities,
        "partnerships_by_status": by_status,
        "partnerships_by_kind": by_kind,
        "partnerships_by_area": by_area,
    }


def place_names(language: str, *, place_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Each place's name in `language` where the register knows one (Vantaa in English, Вантаа
    in Ukrainian); with `place_ids`, only those places' (a page names a few dozen places, the
    register may know names of thousands)."""
    names: dict[int, str] = {}
    qs = PlaceName.objects.filter(language=language[:2])
    if place_ids is not None:
        qs = qs.filter(place_id__in=set(place_ids))
    for place_id, name in qs.order_by("id").values_list("place_id", "name"):
        names.setdefault(place_id, name)
    return names
