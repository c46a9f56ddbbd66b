"""The motion demo: the seed's motion (demo/huddinge_2023_trostyanets.yaml) taken through the
workflow up to the board's proposal, and Huddinge's committees (data/committees_0126.yaml).

Everything goes through the services, as a person's work would. Idempotent: the motion is
found by its diarienummer and committees by name, so a second run changes nothing.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from django.db import transaction

from vanort.core.system import SYSTEM
from vanort.motions import services
from vanort.motions.models import Committee, Motion
from vanort.registry import services as registry_services
from vanort.registry.models import Place, Source
from vanort.registry.selectors import place_by_code


def _yaml(path: str) -> dict[str, Any]:
    return yaml.safe_load(resources.files("vanort.motions").joinpath(path).read_text("utf-8"))


def _source(spec: dict[str, Any]) -> Source:
    return registry_services.source_get_or_create(
        title=spec["title"], kind=Source.Kind.DOCUMENT, citation=spec["citation"], locator=spec["locator"]
    )


def load_committees(path: str = "data/committees_0126.yaml") -> int:
    data = _yaml(path)
    municipality = place_by_code(data["municipality"])
    source = _source(data["source"])
    created = 0
    for position, name in enumerate(data["committees"]):
        if not Committee.objects.filter(municipality=municipality, name=name).exists():
            services.committee_upsert(
                user=SYSTEM, municipality=municipality, name=name, position=position, source=source
            )
            created += 1
    return created


def _places(pairs: list[list[str]]) -> list[Place]:
    found = []
    for country, name in pairs:
        place = Place.objects.filter(country_id=country, name=name).first()
        if place is not None:
            found.append(place)
    return found


def _advance(motion: Motion, history: list[dict[str, Any]], spec: dict[str, Any], opinion: dict[str, Any]) -> Motion:
    inputs = {
        "register": {"diarie_year": spec["diarie_year"], "diarie_number": spec["diarie_number"]},
        "raise": {"raised_on": spec["raised_on"]},
        "propose": {"recommendation": spec["recommendation"]},
    }
    for step in history:
        if step["action"] == "complete_opinion":
            services.opinion_save(
                user=SYSTEM,
                motion=motion,
                date=opinion["date"],
                department=opinion["department"],
                decision_sentence=" ".join(opinion["decision_sentence"].split()),
                sections=[(s["heading"], s["body"]) for s in opinion["sections"]],
                signatories=[(s["name"], s["title"]) for s in opinion["signatories"]],
            )
            for title in spec.get("attachments", []):
                services.attachment_add(user=SYSTEM, motion=motion, title=title)
        motion = services.motion_transition(
            user=SYSTEM,
            motion=motion,
            action=step["action"],
            expected_version=motion.version,
            note=step.get("note", ""),
            **inputs.get(step["action"], {}),
        )
    return motion


@transaction.atomic
def load_demo() -> dict[str, int]:
    committees = load_committees()
    data = _yaml("demo/huddinge_2023_trostyanets.yaml")
    spec = data["motion"]
    municipality = place_by_code(data["municipality"])
    existing = Motion.objects.filter(
        municipality=municipality,
        diarie_prefix=spec["diarie_prefix"],
        diarie_year=spec["diarie_year"],
        diarie_number=spec["diarie_number"],
    ).exists()
    if not existing:
        motion = services.motion_create(
            user=SYSTEM,
            municipality=municipality,
            title=spec["title"],
            filed_date=spec["filed_date"],
            proposers=[services.ProposerIn(p["name"], p.get("party", "")) for p in spec["proposers"]],
            body=" ".join(spec["body"].split()),
            att_clauses=spec["att_clauses"],
            text=spec["text"],
            recipients=spec["recipients"],
            places=_places(spec.get("places", [])),
            source=_source(data["source"]),
            diarie_prefix=spec["diarie_prefix"],
        )
        _advance(motion, data["history"], spec, data["opinion"])
    return {"motions_created": 0 if existing else 1, "committees_created": committees}
