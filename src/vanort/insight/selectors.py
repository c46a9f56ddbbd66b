"""Reads for the statistics page and `vanort stats`: the register's figures beside the survey's.

Everything is a handful of grouped queries (no per-row work in Python), and their results are
cached per as-of date and register version (`cached`), so the page costs one small query while
the register is unchanged, even with 100k partnerships.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import get_language

from vanort.audit.models import AuditEntry
from vanort.insight.surveys import AREA_RANK_PREFIX, SHARE_MEASURES, survey_figures
from vanort.registry import selectors as registry
from vanort.registry.models import Activity, Partnership, Place, PlaceKind
from vanort.registry.status import Status

T = TypeVar("T")
# Writes through the register's services are seen at once (they write an audit entry); the
# timeout bounds how long a write that bypasses them (a bulk load) can go unseen.
CACHE_SECONDS = 300


def register_version() -> tuple[Any, ...]:
    """A fingerprint of the register that changes with every write, in one query of index
    lookups: the newest audit entry (every service write makes one) and the highest ids (bulk
    loads that bypass the services)."""
    parts = [
        ("MAX(id)", AuditEntry),
        ("MAX(at)", AuditEntry),
        *(("MAX(id)", model) for model in (Partnership, Activity, Place)),
    ]
    sql = "SELECT " + ", ".join(f"(SELECT {expr} FROM {m._meta.db_table})" for expr, m in parts)  # noqa: S608 - model names
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def cached(name: str, compute: Callable[[], T], *key: Any) -> T:
    """`compute()` once per register version (and `key`, e.g. the as-of date)."""
    raw = json.dumps([name, *key, register_version()], default=str)
    cache_key = "insight:" + hashlib.sha256(raw.encode()).hexdigest()
    value: T | None = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, CACHE_SECONDS)
    return value


def current_partnerships(as_of: date) -> QuerySet[Partnership]:
    """Partnerships not ended on `as_of` (the survey's "has twin towns or partnerships")."""
    return registry.partnerships_with_status(as_of).exclude(registry.status_filter(Status.ENDED.value, as_of))


def municipalities_with_current_partnerships(as_of: date) -> int:
    current = current_partnerships(as_of)
    return (
        Place.objects.filter(kind=PlaceKind.KOMMUN, country_id="SE")
        .filter(Exists(current.filter(place_a=OuterRef("pk"))) | Exists(current.filter(place_b=OuterRef("pk"))))
        .count()
    )


def register_measures(stats: dict[str, Any], *, municipalities_now: int) -> list[dict[str, Any]]:
    """The survey's measures computed from the register (same measure names and units)."""
    by_status = stats["partnerships_by_status"]
    live = sum(by_status[s] for s in ("active", "sporadic", "dormant"))
    measures: list[dict[str, Any]] = [
        {
            "measure": "municipalities_with_twin_towns_or_partnerships",
            "value": municipalities_now,
            "unit": "municipalities",
        },
    ]
    for measure, status in SHARE_MEASURES.items():
        share = round(100 * by_status[status] / live) if live else 0
        measures.append({"measure": measure, "value": share, "unit": "percent"})
    ranked = [code for code, n in sorted(stats["partnerships_by_area"].items(), key=lambda kv: -kv[1]) if n > 0]
    for rank, code in enumerate(ranked[:3], start=1):
        measures.append({"measure": f"{AREA_RANK_PREFIX}{code}", "value": rank, "unit": "rank"})
    return measures


def statistics(*, as_of: date | None = None) -> dict[str, Any]:
    """`vanort stats --json`: the register's counts, the survey series and the register's
    figures for the same measures, with the as-of date."""
    as_of = as_of or registry.today()
    return cached("statistics", lambda: _statistics(as_of), as_of)


def _statistics(as_of: date) -> dict[str, Any]:
    stats = registry.register_stats(as_of=as_of)
    stats["surveys"] = [f.as_json() for f in survey_figures()]
    stats["register"] = {
        "as_of": as_of.isoformat(),
        "measures": register_measures(stats, municipalities_now=municipalities_with_current_partnerships(as_of)),
    }
    return stats


# --- series over time -------------------------------------------------------------------


def _year(text: str | None, fill: str) -> int | None:
    if not text:
        return None
    try:
        return int(text[:4].replace("X", fill))
    except ValueError:
        return None


@dataclass(frozen=True)
class Span:
    first: int
    last: int | None  # None: still running


def municipality_spans() -> dict[int, Span]:
    """For each Swedish kommun with partnerships: from its first partnership's start year to
    its last partnership's end (None while one runs). Gaps between partnerships are not
    subtracted, so the count over time is an upper bound (written on the page)."""
    kommuner = Place.objects.filter(kind=PlaceKind.KOMMUN, country_id="SE").values("pk")
    spans: dict[int, Span] = {}
    sides = [
        Partnership.objects.filter(**{f"{side}_id__in": kommuner})
        .values(place=F(f"{side}_id"))
        .annotate(
            first=Min(Substr("start", 1, 4)),
            last_end=Max(Substr("end", 1, 4)),
            last_start=Max(Substr("start", 1, 4)),
            running=Count("pk", filter=Q(end__isnull=True) & ~Q(end_reason__in=["left", "terminated"])),
        )
        .order_by()
        for side in ("place_a", "place_b")
    ]
    for row in sides[0].union(sides[1], all=True):
        first = _year(row["first"], "0")
        if first is None:
            continue
        ends = (_year(row["last_end"], "9"), _year(row["last_start"], "9"), first)
        last = None if row["running"] else max(y for y in ends if y is not None)
        old = spans.get(row["place"])
        if old is not None:
            first = min(first, old.first)
            last = None if last is None or old.last is None else max(last, old.last)
        spans[row["place"]] = Span(first, last)
    return spans


def municipalities_over_time(years: list[int]) -> list[tuple[int, int]]:
    spans = cached("municipality_spans", lambda: list(municipality_spans().values()))
    return [(y, sum(1 for s in spans if s.first <= y and (s.last is None or s.last >= y))) for y in years]


def partnerships_by_country(*, limit: int = 12) -> list[tuple[str, str, int]]:
    """(country code, name, partnerships) for partner countries: a partnership counts for the
    country of each side that is not Sweden (both sides when neither is). One query."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    language = (get_language() or "sv")[:2]
    for row in cached("partnerships_by_country", _partner_countries):
        counts[row["code"]] += row["n"]
        names[row["code"]] = {"en": row["en"], "uk": row["uk"] or row["en"]}.get(language, row["sv"])
    return [(code, names[code], n) for code, n in counts.most_common(limit)]


def _partner_countries() -> list[dict[str, Any]]:
    sides = [
        Partnership.objects.exclude(**{f"{side}__country_id": "SE"})
        .values(
            code=F(f"{side}__country_id"),
            sv=F(f"{side}__country__name_sv"),
            en=F(f"{side}__country__name_en"),
            uk=F(f"{side}__country__name_uk"),
        )
        .annotate(n=Count("pk"))
        .order_by()
        for side in ("place_a", "place_b")
    ]
    return list(sides[0].union(sides[1], all=True))


def country_partnerships_over_time(country: str, *, as_of: date) -> list[tuple[int, int, int]]:
    """(year, started that year, running at the end of that year) for partnerships with a place
    in `country`, from the first start year to `as_of`'s year."""
    return cached("country_over_time", lambda: _country_over_time(country, as_of), country, as_of)


def _country_over_time(country: str, as_of: date) -> list[tuple[int, int, int]]:
    in_country = Place.objects.filter(country_id=country).values("pk")
    rows = (
        Partnership.objects.filter(Q(place_a_id__in=in_country) | Q(place_b_id__in=in_country))
        .values_list("start", "end", "end_reason")
        .order_by()
    )
    spans = []
    for start, end, reason in rows:
        first = start.lower.year if start else None
        if first is None:
            continue
        last = end.upper.year if end else (first if reason in ("left", "terminated") else None)
        spans.append((first, last))
    if not spans:
        return []
    out = []
    for year in range(min(f for f, _ in spans), as_of.year + 1):
        started = sum(1 for f, _ in spans if f == year)
        running = sum(1 for f, last in spans if f <= year and (last is None or last >= year))
        out.append((year, started, running))
    return out


def partners_by_country_of_place(place: Place) -> list[tuple[str, str, list[str]]]:
    """(country code, country name, partner names) for a place's partnerships."""
    grouped: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    qs = Partnership.objects.filter(Q(place_a=place) | Q(place_b=place)).select_related(
        "place_a__country", "place_b__country"
    )
    for p in qs:
        other = p.other(place.pk)
        grouped.setdefault(other.country_id, []).append(other.name)
        names[other.country_id] = str(other.country)
    return sorted(((c, names[c], sorted(v)) for c, v in grouped.items()), key=lambda t: (-len(t[2]), t[1]))
