"""The cooperation demo (demo/huddinge_cooperation.yaml): the seed's study visits as initiatives
of its known actors, and a marked example set of needs and offers.

Everything goes through the services. Idempotent: initiatives, needs and offers are found by
title first, so a second run changes nothing.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import yaml
from django.db import transaction

from vanort.cooperation import services
from vanort.cooperation.models import Initiative, Need, Offer
from vanort.cooperation.states import Action
from vanort.core.system import SYSTEM
from vanort.registry import services as registry_services
from vanort.registry.models import Activity, Actor, Place, Source
from vanort.registry.selectors import place_by_code


def demo_data() -> dict[str, Any]:
    text = resources.files("vanort.cooperation").joinpath("demo/huddinge_cooperation.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def partner_place(data: dict[str, Any] | None = None) -> Place | None:
    spec = (data or demo_data())["partner_place"]
    return Place.objects.filter(country_id=spec["country"], name=spec["name"]).first()


def _initiative(home: Place, spec: dict[str, Any], base: dict[str, Any]) -> bool:
    if Initiative.objects.filter(municipality=home, title=spec["title"]).exists():
        return False
    source = registry_services.source_get_or_create(
        title=base["title"], kind=Source.Kind.DOCUMENT, citation=base["citation"], locator=spec["locator"]
    )
    initiative = services.initiative_create(
        user=SYSTEM,
        municipality=home,
        title=spec["title"],
        description=spec.get("description", ""),
        actor=Actor.objects.get(name=spec["actor"]),
        period_start=spec.get("period_start"),
        period_end=spec.get("period_end"),
        source=source,
    )
    activity = Activity.objects.filter(municipality=home, title=spec["activity"]).first()
    if activity is not None:
        initiative.activities.add(activity)
    for action in spec.get("walk", []):
        initiative = services.initiative_transition(
            user=SYSTEM, initiative=initiative, action=Action(action), expected_version=initiative.version
        )
    return True


@transaction.atomic
def load_demo(*, today: date | None = None) -> dict[str, int]:
    data = demo_data()
    home = place_by_code(data["municipality"])
    created = sum(_initiative(home, spec, data["source"]) for spec in data["initiatives"])
    place = partner_place(data)
    offers = needs = 0
    for spec in data["offers"]:
        municipality = place_by_code(spec["municipality"])
        if Offer.objects.filter(municipality=municipality, title=spec["title"]).exists():
            continue
        services.offer_publish(user=SYSTEM, is_example=True, compute=False, **{**spec, "municipality": municipality})
        offers += 1
    if place is not None:
        for spec in data["needs"]:
            if Need.objects.filter(place=place, title=spec["title"]).exists():
                continue
            services.need_publish(user=SYSTEM, place=place, is_example=True, compute=False, **spec)
            needs += 1
    if needs or offers:
        from vanort.cooperation import matching_glue

        matching_glue.compute(
            needs=matching_glue.published_needs(),
            offers=matching_glue.published_offers(),
            today=today,
        )
    return {"initiatives": created, "example_needs": needs, "example_offers": offers}
