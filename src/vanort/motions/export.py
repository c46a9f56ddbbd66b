"""Open data for `vanort export motions` (DESIGN.md §5).

Each row: `diarienummer`, `title`, `proposers` [{`name`, `party`}], `filed_date`, `deadline`,
`state`, `recommendation`, `outcome`, `recipients`, `events` [{`at`, `from`, `to`}] — plus
Popolo's names (https://www.popoloproject.com/specs/motion.html) where Popolo has one:
`identifier` (= diarienummer), `organization` (the municipality), `organization_code`,
`date` (= filed_date), `text`, `result` (= outcome), `requirement` ("5 kap. 35 § KL").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from vanort.motions import selectors
from vanort.motions.models import MotionEvent
from vanort.registry.models import Place

MOTION_COLUMNS = [
    "diarienummer",
    "title",
    "proposers",
    "filed_date",
    "raised_date",
    "deadline",
    "state",
    "recommendation",
    "outcome",
    "recipients",
    "events",
    "organization",
    "organization_code",
    "att_clauses",
]


class Nested(tuple):  # type: ignore[type-arg]
    """A list of objects: an array in JSON, readable text in one CSV cell."""

    def __str__(self) -> str:
        return "; ".join(self.text(item) for item in self)

    @staticmethod
    def text(item: dict[str, Any]) -> str:
        if "name" in item:
            return f"{item['name']} ({item['party']})" if item.get("party") else item["name"]
        return f"{item['at']} {item['from'] or '-'}>{item['to']}"


def motion_rows(*, place: Place | None = None, country: str | None = None) -> Iterator[dict[str, Any]]:
    filters = selectors.MotionFilters(municipality_id=place.pk if place is not None else None)
    qs = selectors.motion_list(filters).prefetch_related(
        Prefetch("events", queryset=MotionEvent.objects.order_by("at", "id"))
    )
    if country:
        qs = qs.filter(municipality__country_id=country)
    for m in qs.iterator(chunk_size=500):
        yield {
            "diarienummer": m.diarienummer,
            "identifier": m.diarienummer,
            "title": m.title,
            "proposers": Nested({"name": p.name, "party": p.party} for p in m.proposers.all()),
            "filed_date": m.filed_date.isoformat(),
            "date": m.filed_date.isoformat(),
            "raised_date": m.raised_on.isoformat() if m.raised_on else None,
            "deadline": m.deadline.isoformat() if m.deadline else None,
            "state": m.state,
            "recommendation": m.recommendation or None,
            "outcome": m.outcome or None,
            "result": m.outcome or None,
            "recipients": list(m.recipients),
            "events": Nested(
                {"at": e.at.isoformat(), "from": e.from_state or None, "to": e.to_state} for e in m.events.all()
            ),
            "organization": m.municipality.name,
            "organization_code": m.municipality.code,
            "text": m.text,
            "att_clauses": list(m.att_clauses),
            "requirement": "5 kap. 35 § kommunallagen",
            "is_example": m.is_example,
        }


def export_motions(
    *, place: Place | None = None, country: str | None = None
) -> tuple[Iterator[dict[str, Any]], list[str]]:
    return motion_rows(place=place, country=country), MOTION_COLUMNS
