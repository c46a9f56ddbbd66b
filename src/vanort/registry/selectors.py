"""Reads for the register. Views, API and CLI get their querysets here."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from vanort.registry.models import Activity, Country, Partnership, Place, PlaceKind, PlaceName, Sector
from vanort.registry.status import ACTIVE_DAYS, SPORADIC_DAYS, EndReason, Status


def fold(text: str) -> str:
    """Case- and accent-insensitive key for name search (Vantaa ~ vantaa, Seyðisfjörður ~ seydisfjordur)."""
    text = text.replace("ð", "d").replace("Ð", "D").replace("æ", "ae").replace("Æ", "AE").replace("ø", "o")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def today() -> date:
    return timezone.localdate()


def status_expression(as_of: date) -> Case:
    """SQL twin of `status.derive_status`; needs the `last_activity_on` annotation."""
    as_of_text = as_of.isoformat()
    ended = (
        Q(end_reason__in=[EndReason.LEFT, EndReason.TERMINATED]) & (Q(end__isnull=True) | Q(end__lte=as_of_text))
    ) | (Q(end__isnull=False) & Q(end__lte=as_of_text) & ~Q(end_reason=EndReason.PAUSED))
    return Case(
        When(ended, then=Value(Status.ENDED.value)),
        When(Q(end_reason=EndReason.PAUSED) | Q(last_activity_on__isnull=True), then=Value(Status.DORMANT.value)),
        When(last_activity_on__gte=as_of - timedelta(days=ACTIVE_DAYS), then=Value(Status.ACTIVE.value)),
        When(last_activity_on__gte=as_of - timedelta(days=SPORADIC_DAYS), then=Value(Status.SPORADIC.value)),
        default=Value(Status.DORMANT.value),
        output_field=CharField(),
    )


def partnerships_with_status(as_of: date | None = None) -> QuerySet[Partnership]:
    """Partnerships annotated with `last_activity_on`, `derived_status` and `effective_status`."""
    as_of = as_of or today()
    latest = (
        Activity.objects.filter(partnership=OuterRef("pk"), occurred_on__lte=as_of)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    return (
        Partnership.objects.annotate(last_activity_on=Subquery(latest))
        .annotate(derived_status=status_expression(as_of))
        .annotate(
            effective_status=Case(
                When(~Q(status_override=""), then="status_override"),
                default="derived_status",
                output_field=CharField(),
            )
        )
    )


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
        partnerships_with_status(as_of)
        .select_related("place_a__country", "place_b__country")
        .prefetch_related(Prefetch("areas", queryset=Sector.objects.order_by("position")))
    )
    if filters.place is not None:
        qs = qs.filter(Q(place_a=filters.place) | Q(place_b=filters.place))
    elif filters.place_id is not None:
        qs = qs.filter(Q(place_a_id=filters.place_id) | Q(place_b_id=filters.place_id))
    if filters.country:
        if filters.place is not None:
            qs = qs.filter(
                Q(place_a=filters.place, place_b__country_id=filters.country)
                | Q(place_b=filters.place, place_a__country_id=filters.country)
            )
        else:
            qs = qs.filter(Q(place_a__country_id=filters.country) | Q(place_b__country_id=filters.country))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(effective_status=filters.status)
    if filters.area:
        qs = qs.filter(areas__code=filters.area)
    if filters.q:
        ids = place_ids_matching(filters.q)
        qs = qs.filter(Q(place_a_id__in=ids) | Q(place_b_id__in=ids))
    return qs.order_by("start", "id")


def partnership_get(pk: int, *, as_of: date | None = None) -> Partnership:
    return (
        partnerships_with_status(as_of)
        .select_related("place_a__country", "place_b__country", "source", "status_override_by")
        .prefetch_related("areas")
        .get(pk=pk)
    )


def partnerships_of_place(place: Place, *, limit: int | None = None, as_of: date | None = None) -> list[Partnership]:
    qs = partnership_list(PartnershipFilters(place=place), as_of=as_of)
    return list(qs[:limit] if limit else qs)


def status_counts_of_place(place: Place, *, as_of: date | None = None) -> dict[str, int]:
    """Counts by effective status, in one grouped query."""
    counts = {s.value: 0 for s in Status}
    rows = (
        partnerships_with_status(as_of)
        .filter(Q(place_a=place) | Q(place_b=place))
        .values("effective_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["effective_status"]] = row["n"]
    return counts


def place_ids_matching(text: str) -> QuerySet[Any]:
    key = fold(text)
    return PlaceName.objects.filter(folded__contains=key).values("place_id")


def place_list(*, country: str | None = None, kind: str | None = None, q: str | None = None) -> QuerySet[Place]:
    qs = Place.objects.select_related("country", "parent")
    if country:
        qs = qs.filter(country_id=country)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(pk__in=place_ids_matching(q)) | Q(code=q.strip()))
    return qs.order_by("name", "id")


def place_get(pk: int) -> Place:
    return Place.objects.select_related("country", "parent", "source").prefetch_related("names").get(pk=pk)


def place_by_code(code: str, *, country: str = "SE") -> Place:
    """A place by its official code; raises Place.DoesNotExist. Kommun codes (0126) are the usual key."""
    qs = Place.objects.select_related("country").filter(code=code.strip(), country_id=country.upper())
    place = qs.filter(kind=PlaceKind.KOMMUN).first() or qs.first()
    if place is None:
        raise Place.DoesNotExist(f"no place with code {code} in {country}")
    return place


def activity_list(
    *, municipality: Place | None = None, partnership: Partnership | None = None, kind: str | None = None
) -> QuerySet[Activity]:
    qs = Activity.objects.select_related(
        "municipality", "counterpart__country", "organiser", "partnership__place_a", "partnership__place_b", "source"
    )
    if municipality is not None:
        qs = qs.filter(Q(municipality=municipality) | Q(counterpart=municipality))
    if partnership is not None:
        qs = qs.filter(partnership=partnership)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-occurred_on", "-id")


def country_list() -> QuerySet[Country]:
    return Country.objects.order_by("name_sv")


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("position")


def countries_in_partnerships() -> QuerySet[Country]:
    return (
        Country.objects.filter(Q(places__partnerships_as_a__isnull=False) | Q(places__partnerships_as_b__isnull=False))
        .distinct()
        .order_by("name_sv")
    )


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
        .filter(Q(partnerships_as_a__isnull=False) | Q(partnerships_as_b__isnull=False))
        .distinct()
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
