"""Site search: places (any name or spelling), partnerships, activities, motions and the
repaired text of imported documents.

One function used by the web page and by `GET /api/search`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse

from vanort.core.bounds import search_text
from vanort.documents import selectors as document_selectors
from vanort.motions import selectors as motion_selectors
from vanort.registry import selectors
from vanort.registry.models import Activity, Partnership, Place

LIMIT = 20


@dataclass(frozen=True)
class Result:
    type: str
    title: str
    url: str
    snippet: str


def search(q: str, *, limit: int = LIMIT, viewer: Any = None) -> list[Result]:
    """Everything public that matches `q`, plus drafts and documents under review the viewer may see."""
    q = search_text(q)
    if not q:
        return []
    # Evaluate the name match once (a bounded list of ids), so the partnership lookup below is
    # an index lookup rather than a LIKE scan repeated inside an OR.
    place_ids = list(selectors.place_ids_matching(q).values_list("place_id", flat=True).distinct()[:200])
    results: list[Result] = []
    for place in Place.objects.filter(pk__in=place_ids).select_related("country").order_by("name")[:limit]:
        results.append(
            Result(
                "place",
                place.name,
                reverse("web:place_detail", args=[place.pk]),
                f"{place.get_kind_display()}, {place.country.name_sv}",
            )
        )
    partnerships = (
        Partnership.objects.filter(Q(place_a_id__in=place_ids) | Q(place_b_id__in=place_ids))
        .select_related("place_a", "place_b")
        .order_by()[:limit]  # unordered in SQL so both place indexes serve the OR; sorted below
    )
    for p in sorted(partnerships, key=lambda p: (str(p.start or ""), p.pk)):
        results.append(
            Result(
                "partnership",
                str(p),
                reverse("web:partnership_detail", args=[p.pk]),
                f"{p.get_kind_display()} {p.start or ''}".strip(),
            )
        )
    activities = (
        Activity.objects.filter(Q(title__icontains=q) | Q(topics__icontains=q))
        .select_related("municipality")
        .order_by("-occurred_on")[:limit]
    )
    for a in activities:
        results.append(
            Result(
                "activity",
                a.title,
                reverse("web:place_detail", args=[a.municipality_id]),
                f"{a.start} · {a.municipality.name}",
            )
        )
    for m in motion_selectors.motion_search(q, limit=limit, viewer=viewer):
        results.append(
            Result(
                "motion",
                m.title,
                reverse("web:motion_detail", args=[m.pk]),
                " · ".join(x for x in (m.diarienummer, m.get_state_display()) if x),
            )
        )
    for d in document_selectors.document_search(q, limit=limit, viewer=viewer):
        results.append(
            Result(
                "document",
                d.title,
                reverse("web:document_detail", args=[d.pk]),
                document_selectors.snippet(d.repaired_text, q),
            )
        )
    return results[: limit * 5]
