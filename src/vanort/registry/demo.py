"""The Huddinge demo: the seed document's facts (demo/huddinge_2023.yaml), each citing it.

Idempotent: every record is found by its natural key first, so a second run changes nothing.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from django.db import transaction

from vanort.core.partial_dates import PartialDate
from vanort.core.system import SYSTEM
from vanort.registry import services
from vanort.registry.models import Activity, NationalFigure, Partnership, Place, PlaceKind, Source
from vanort.registry.selectors import place_by_code


def demo_facts() -> dict[str, Any]:
    text = resources.files("vanort.registry").joinpath("demo/huddinge_2023.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _source(base: dict[str, Any], locator: str) -> Source:
    return services.source_get_or_create(
        title=base["title"],
        kind=Source.Kind.DOCUMENT,
        citation=base["citation"],
        locator=locator,
        document_checksum=base.get("document_checksum", ""),
    )


def _place(spec: dict[str, Any], base: dict[str, Any]) -> Place:
    parent = None
    if spec.get("parent_oblast"):
        parent = Place.objects.get(country_id="UA", kind=PlaceKind.OBLAST, code=spec["parent_oblast"])
    return services.place_upsert(
        kind=spec["kind"],
        country_code=spec["country"],
        name=spec["name"],
        code=spec.get("code", ""),
        official_name=spec.get("official_name", ""),
        names=[tuple(n) for n in spec.get("names", [])],
        parent=parent,
        population=spec.get("population"),
        description=spec.get("description", "").strip(),
        source=_source(base, spec["locator"]),
    )


def _partnership(home: Place, partner: Place, spec: dict[str, Any], base: dict[str, Any]) -> Partnership:
    low, high = sorted([home, partner], key=lambda p: p.pk)
    existing = Partnership.objects.filter(place_a=low, place_b=high, kind=spec["kind"]).first()
    if existing is not None:
        return existing
    partnership = services.partnership_create(
        user=SYSTEM,
        place_a=home,
        place_b=partner,
        kind=spec["kind"],
        start=PartialDate.parse(spec["start"]) if spec.get("start") else None,
        start_note=spec.get("start_note", ""),
        end_reason=spec.get("end_reason", ""),
        end_note=spec.get("end_note", ""),
        areas=spec.get("areas", []),
        source=_source(base, spec["locator"]),
    )
    if spec.get("status_override"):
        services.partnership_override_status(
            user=SYSTEM,
            partnership=partnership,
            expected_version=partnership.version,
            status=spec["status_override"],
            reason=spec["status_override_reason"],
        )
    return partnership


def _activity(home: Place, places: dict[str, Place], spec: dict[str, Any], base: dict[str, Any]) -> None:
    if Activity.objects.filter(municipality=home, title=spec["title"]).exists():
        return
    organiser = None
    if spec.get("organiser"):
        from vanort.registry.models import Actor

        organiser = Actor.objects.get(name=spec["organiser"])
    services.activity_create(
        user=SYSTEM,
        municipality=home,
        title=spec["title"],
        kind=spec["kind"],
        start=PartialDate.parse(spec["start"]),
        counterpart=places.get(spec.get("counterpart", "")),
        participants_count=spec.get("participants_count"),
        participants_note=spec.get("participants_note", ""),
        topics=spec.get("topics", ""),
        organiser=organiser,
        areas=spec.get("areas", []),
        description=spec.get("description", ""),
        source=_source(base, spec["locator"]),
    )


@transaction.atomic
def load_demo() -> dict[str, int]:
    facts = demo_facts()
    base = facts["source"]
    home = place_by_code(facts["municipality"])
    places = {spec["key"]: _place(spec, base) for spec in facts["places"]}
    for spec in facts["actors"]:
        services.actor_upsert(
            name=spec["name"],
            kind=spec["kind"],
            country_code=spec.get("country"),
            is_known_actor=spec.get("is_known_actor", False),
            known_actor_reason=spec.get("known_actor_reason", ""),
            source=_source(base, spec["locator"]),
        )
    for spec in facts["partnerships"]:
        _partnership(home, places[spec["partner"]], spec, base)
    for spec in facts["activities"]:
        _activity(home, places, spec, base)
    for fig in facts["national_figures"]:
        source = services.source_get_or_create(
            title=base["title"], kind=Source.Kind.DOCUMENT, citation=fig["citation"], locator=fig["locator"]
        )
        NationalFigure.objects.get_or_create(
            year=fig["year"],
            metric=fig["metric"],
            defaults={"value": fig["value"], "unit": fig["unit"], "source": source},
        )
    return {
        "places": len(places),
        "partnerships": len(facts["partnerships"]),
        "activities": len(facts["activities"]),
        "national_figures": len(facts["national_figures"]),
    }
