"""Load the shipped reference data (vanort.refdata) into the database; idempotent."""

from __future__ import annotations

from django.db import transaction

from vanort import refdata
from vanort.registry.models import Country, Place, PlaceKind, PlaceName, Sector
from vanort.registry.selectors import fold


def _upsert_places(kind: str, country: str, rows: list[dict[str, object]]) -> int:
    """Bulk upsert by (country, kind, code): reference data is large and loaded on every setup."""
    existing = {p.code: p for p in Place.objects.filter(country_id=country, kind=kind)}
    new, changed = [], []
    for row in rows:
        place = existing.get(str(row["code"]))
        if place is None:
            new.append(Place(country_id=country, kind=kind, **row))
        elif any(getattr(place, k) != v for k, v in row.items()):
            for k, v in row.items():
                setattr(place, k, v)
            changed.append(place)
    Place.objects.bulk_create(new)
    if changed:
        Place.objects.bulk_update(changed, ["name", "official_name", "parent", "wikidata_qid"])
    return len(new) + len(changed)


def _names(country: str, kind: str, names_by_code: dict[str, list[tuple[str, str]]]) -> None:
    places = {p.code: p.pk for p in Place.objects.filter(country_id=country, kind=kind)}
    have = set(
        PlaceName.objects.filter(place__country_id=country, place__kind=kind).values_list(
            "place_id", "name", "language"
        )
    )
    PlaceName.objects.bulk_create(
        [
            PlaceName(place_id=places[code], name=name, language=lang, folded=fold(name))
            for code, names in names_by_code.items()
            for name, lang in dict.fromkeys(names)
            if (places[code], name, lang) not in have
        ]
    )


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Countries, sectors, Sweden's regions and kommuner, Ukraine's oblasts. Returns rows touched."""
    touched: dict[str, int] = {}
    countries = refdata.countries()
    existing = {c.code: c for c in Country.objects.all()}
    Country.objects.bulk_create(
        [
            Country(code=c.code, name_sv=c.name_sv, name_en=c.name_en, name_uk=c.name_uk)
            for c in countries
            if c.code not in existing
        ]
    )
    touched["countries"] = len(countries)
    for position, sector in enumerate(refdata.sectors()):
        Sector.objects.update_or_create(
            code=sector.code,
            defaults={
                "label_sv": sector.labels["sv"],
                "label_en": sector.labels["en"],
                "label_uk": sector.labels["uk"],
                "position": position,
            },
        )
    touched["sectors"] = len(refdata.sectors())

    regions = refdata.regions()
    touched["regions"] = _upsert_places(
        PlaceKind.REGION, "SE", [{"code": r.code, "name": r.name, "official_name": r.official_name} for r in regions]
    )
    region_ids = {p.code: p for p in Place.objects.filter(country_id="SE", kind=PlaceKind.REGION)}
    munis = refdata.municipalities()
    touched["kommuner"] = _upsert_places(
        PlaceKind.KOMMUN,
        "SE",
        [
            {"code": m.code, "name": m.name, "official_name": m.official_name, "parent": region_ids[m.county_code]}
            for m in munis
        ],
    )
    oblasts = refdata.ua_oblasts()
    touched["oblasts"] = _upsert_places(
        PlaceKind.OBLAST, "UA", [{"code": o.code, "name": o.name_sv, "official_name": o.name_uk} for o in oblasts]
    )
    _names(
        "SE",
        PlaceKind.REGION,
        {r.code: [(r.name, ""), (r.official_name, "sv"), (r.county_name, "sv")] for r in regions},
    )
    _names("SE", PlaceKind.KOMMUN, {m.code: [(m.name, ""), (m.official_name, "sv")] for m in munis})
    _names("UA", PlaceKind.OBLAST, {o.code: [(o.name_sv, ""), (o.name_en, "en"), (o.name_uk, "uk")] for o in oblasts})
    return touched


def reference_counts() -> dict[str, int]:
    """How much reference data the database holds (for `vanort check`)."""
    places = Place.objects.filter(country_id="SE")
    return {
        "countries": Country.objects.count(),
        "sectors": Sector.objects.count(),
        "regions": places.filter(kind=PlaceKind.REGION).exclude(code="").count(),
        "kommuner": places.filter(kind=PlaceKind.KOMMUN).exclude(code="").count(),
    }
