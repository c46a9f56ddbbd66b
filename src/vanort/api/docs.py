"""Words for the OpenAPI document at /api/docs: what each field of the register's records means,
with an example, what errors look like, and the licence of the data.

The descriptions are added to the response schemas' JSON Schema (pydantic `json_schema_extra`),
so the schemas themselves stay as their modules define them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from vanort.api import registry

_A = (
    "Partnerships are unordered pairs of places; `a` and `b` are the two places' names, `a` being the one "
    "with the lower id. When you list the partnerships of a place (`?place=0126`) the open-data export puts "
    "that place first; here the order is the stored one, so look at both `a_code` and `b_code`."
)

FIELDS: dict[Any, dict[str, tuple[str, Any]]] = {
    registry.PlaceOut: {
        "id": ("The place's number in this register (stable; use it in /api/places/{id}).", 12),
        "kind": ("kommun, region, hromada, oblast, city or other.", "kommun"),
        "code": (
            "Official code: SCB's 4 digits for a Swedish kommun, 2 for a region; KATOTTG for a Ukrainian "
            "hromada where known; empty when there is none.",
            "0126",
        ),
        "name": ("The name used in the register (Swedish form where one exists).", "Vanda"),
        "official_name": ("The full official name, when it differs.", "Huddinge kommun"),
        "country": ("ISO 3166-1 alpha-2 code of the country.", "FI"),
        "parent_id": ("The id of the region, county or oblast the place belongs to, if known.", 3),
        "wikidata_qid": ("The place's Wikidata item, if known.", "Q208470"),
        "is_example": ("True for made-up demonstration records (shown as such in the web app).", False),
        "version": ("Increases with every change; send it back when you edit (a stale version gets 409).", 1),
    },
    registry.PartnershipOut: {
        "id": ("The partnership's number in this register.", 1),
        "a": ("Name of the first place of the pair. " + _A, "Huddinge"),
        "b": ("Name of the second place of the pair (see `a`).", "Vanda"),
        "a_id": ("Register id of place `a`.", 28),
        "b_id": ("Register id of place `b`.", 339),
        "a_code": ("Official code of place `a` (see places' `code`).", "0126"),
        "b_code": ("Official code of place `b`.", "092"),
        "a_country": ("Country of place `a` (ISO 3166-1 alpha-2).", "SE"),
        "b_country": ("Country of place `b` (ISO 3166-1 alpha-2).", "FI"),
        "kind": (
            "twin_town (vänort), friendship_town (vänskapsort), municipal_partnership (kommunalt "
            "partnerskap), cooperation_agreement (samarbetsavtal) or other.",
            "twin_town",
        ),
        "start": ("When it began, as precisely as known (EDTF): 194X = the 1940s, 1985, 1989-01, 1989-01-15.", "194X"),
        "end": ("When it ended, same form; null while it lasts or when the end date is unknown.", None),
        "end_reason": ("Why it ended: left, paused or terminated; empty if it has not.", ""),
        "status": ("The status shown: the override if a person set one, else the derived status.", "active"),
        "derived_status": (
            "active (an activity in the last year), sporadic (in the last 3 years), dormant "
            "(none for 3 years, or paused) or ended — computed as of today.",
            "active",
        ),
        "status_override": ("A status set by a person (with a reason), or empty.", ""),
        "status_override_reason": ("Why the status was set by hand.", ""),
        "areas": ("Areas of cooperation, as sector codes (culture, education, business, water, …).", ["culture"]),
        "source": (
            "Where the fact comes from: a document with page/line, a report, a URL.",
            "Huddinge kommun: Svar på motion … (rad 97–98)",
        ),
        "version": ("Increases with every change; send it back when you edit (a stale version gets 409).", 3),
    },
    registry.ActivityOut: {
        "id": ("The activity's number in this register.", 2),
        "municipality_id": ("Register id of the municipality that took part.", 28),
        "partnership_id": ("The partnership it belongs to, if any.", None),
        "counterpart_id": ("Register id of the place on the other side, if any.", None),
        "title": ("What happened, in a line.", "Forskare från Kyiv School of Economics på studiebesök"),
        "kind": (
            "study_visit_in, study_visit_out, exchange, training, donation, meeting or conference.",
            "study_visit_in",
        ),
        "start": ("When (EDTF, as precisely as known).", "2023-10"),
        "end": ("Until when, for a period; else null.", None),
        "participants_count": ("How many took part, if known.", 2),
        "participants_note": ("Who took part, in words.", "Två forskare"),
        "topics": ("What it was about.", "Demokratifrågor; dataanalys"),
        "organiser": ("The organisation that arranged it, if any.", "Fackförbundet ST"),
        "areas": ("Areas of cooperation, as sector codes.", ["governance"]),
        "source": ("Where the fact comes from.", None),
        "version": ("Increases with every change.", 1),
    },
}


def _extra(docs: dict[str, tuple[str, Any]]) -> Any:
    def extra(schema: dict[str, Any]) -> None:
        for name, prop in schema.get("properties", {}).items():
            if name in docs:
                prop["description"], example = docs[name]
                prop["examples"] = [example]

    return extra


def description() -> str:
    return (
        "Twin towns, partnerships, activities and council motions of Swedish municipalities, and a search "
        "over them. Reads of public records need nothing; writes need a token (`Authorization: Bearer …`) "
        "or a logged-in session with its CSRF token.\n\n"
        '**Errors** are JSON `{"code", "message", "field"}`: `code` is stable (match on it), `message` '
        "is for people (in the request's language), `field` names the input at fault or is null. "
        "400 a bad query value, 401 no or a wrong token, 403 not allowed for this user (nothing changed), "
        "404 no such record, 409 `stale_edit` (someone changed the record since you read its `version`), "
        "422 `invalid` input (with `field`), `invalid_query` for a search with a NUL byte or over 1000 "
        "characters.\n\n"
        f"**Licence**: the register's facts are published under {settings.VANORT_OPEN_DATA_LICENCE} "
        f"({settings.VANORT_OPEN_DATA_LICENCE_URL}); each record's `source` says where a fact comes from. "
        "Whole datasets: `/data/{places|partnerships|activities|motions}.{csv|json}` (filters `country`, "
        "`place`), listed at `/data/`."
    )


def install() -> None:
    for schema, docs in FIELDS.items():
        schema.model_config["json_schema_extra"] = _extra(docs)
        schema.model_rebuild(force=True)
