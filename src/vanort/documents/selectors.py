"""Reads for documents: lists, search over the repaired text, the review view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.documents.models import Repair, SourceDocument


def visible_to(viewer: Any) -> Q:
    """Documents under review are working material: the reviewers see them; applied ones are public."""
    if is_admin(viewer):
        return Q()
    munis = user_municipality_ids(viewer)
    applied = Q(status=SourceDocument.Status.APPLIED)
    if not munis:
        return applied
    return applied | Q(municipality_id__in=munis)


def document_list(
    *, q: str | None = None, municipality_id: int | None = None, viewer: Any = None
) -> QuerySet[SourceDocument]:
    qs = (
        SourceDocument.objects.filter(visible_to(viewer))
        .select_related("municipality", "extraction")
        .defer("content", "text", "repaired_text")
    )
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    if q:
        qs = qs.filter(Q(repaired_text__icontains=q) | Q(title__icontains=q) | Q(filename__icontains=q))
    return qs.order_by("-created_at", "-id")


def document_get(pk: int, *, viewer: Any = None) -> SourceDocument:
    """Raises SourceDocument.DoesNotExist, also for a document under review the viewer may not see."""
    return (
        SourceDocument.objects.filter(visible_to(viewer))
        .select_related("municipality", "extraction", "uploaded_by")
        .get(pk=pk)
    )


def snippet(text: str, q: str, width: int = 80) -> str:
    at = text.casefold().find(q.casefold())
    if at < 0:
        return text[: width * 2].replace("\n", " ")
    start = max(0, at - width)
    return ("…" if start else "") + text[start : at + len(q) + width].replace("\n", " ") + "…"


@dataclass(frozen=True)
class Piece:
    """A run of a line for the diff view: plain text, or a repair with its decision."""

    text: str
    repair: Repair | None = None


def review_lines(document: SourceDocument) -> list[tuple[int, list[Piece]]]:
    """The OCR text line by line, cut into plain runs and repairs (shown as before → after)."""
    by_line: dict[int, list[Repair]] = {}
    for repair in document.repairs.all():
        by_line.setdefault(repair.line, []).append(repair)
    lines = []
    for number, line in enumerate(document.text.split("\n"), start=1):
        pieces, pos = [], 0
        for repair in sorted(by_line.get(number, []), key=lambda r: r.start):
            if repair.start < pos:
                continue
            pieces.append(Piece(line[pos : repair.start]))
            pieces.append(Piece(line[repair.start : repair.end], repair))
            pos = repair.end
        pieces.append(Piece(line[pos:]))
        lines.append((number, [p for p in pieces if p.text or p.repair]))
    return lines


def repair_of_document(document_id: int, repair_id: int) -> Repair | None:
    return Repair.objects.filter(pk=repair_id, document_id=document_id).first()
