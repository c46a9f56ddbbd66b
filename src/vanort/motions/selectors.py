"""Reads for motions. Views, API, CLI and exports get their querysets here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.bounds import search_text
from vanort.motions.models import Attachment, Committee, Motion, MotionEvent, Proposer, Referral
from vanort.motions.states import UNDECIDED, State, is_overdue
from vanort.registry.models import Partnership, Place

ALL_COMMITTEES = "samtliga nämnder"
DUE_SOON_DAYS = 60
_DIARIENUMMER = re.compile(r"^\s*([A-ZÅÄÖa-zåäö]+)?\s*(\d{4})\s*/\s*(\d{1,6})\s*$")


def today() -> date:
    return timezone.localdate()


def _with_proposers(qs: QuerySet[Motion]) -> QuerySet[Motion]:
    return qs.select_related("municipality").prefetch_related(
        Prefetch("proposers", queryset=Proposer.objects.order_by("position", "id"))
    )


@dataclass(frozen=True)
class MotionFilters:
    municipality_id: int | None = None
    state: str | None = None
    q: str | None = None
    place_id: int | None = None


def never_submitted() -> Q:
    """A motion that was never submitted: a draft, or a draft withdrawn before submission.

    Such a motion never became a public record, whatever state it reached; the submit event
    (append-only) is what makes it one.
    """
    submitted = MotionEvent.objects.filter(motion=OuterRef("pk"), to_state=State.SUBMITTED)
    return Q(state=State.DRAFT) | (Q(state=State.WITHDRAWN) & ~Exists(submitted))


def visible_to(viewer: Any) -> Q:
    """Motions never submitted are not public: only the municipality's handlers (and admins) see them."""
    if is_admin(viewer):
        return Q()
    return ~never_submitted() | Q(municipality_id__in=user_municipality_ids(viewer))


def motion_list(filters: MotionFilters = MotionFilters(), *, viewer: Any = None) -> QuerySet[Motion]:
    qs = _with_proposers(Motion.objects.filter(visible_to(viewer)))
    if filters.municipality_id:
        qs = qs.filter(municipality_id=filters.municipality_id)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.place_id:
        qs = qs.filter(pk__in=_about_place(filters.place_id))
    if filters.q:
        qs = qs.filter(_text_match(filters.q))
    return qs.order_by("-filed_date", "-id")


def _text_match(q: str) -> Q:
    q = search_text(q)
    match = _DIARIENUMMER.match(q)
    if match:
        return Q(diarie_year=int(match.group(2)), diarie_number=int(match.group(3)))
    # Proposers through a subquery: a join would repeat a motion once per matching proposer.
    by_proposer = Proposer.objects.filter(name__icontains=q).values("motion_id")
    return Q(title__icontains=q) | Q(pk__in=by_proposer) | Q(body__icontains=q)


def motion_get(pk: int, *, viewer: Any = None) -> Motion:
    """One motion with everything its case page shows; raises Motion.DoesNotExist (also for a
    draft the viewer may not see)."""
    return (
        _with_proposers(Motion.objects.filter(visible_to(viewer)))
        .select_related("source", "opinion")
        .prefetch_related(
            "referrals",
            "decisions",
            "dispatches",
            Prefetch("attachments", queryset=Attachment.objects.defer("content")),
            "opinion__sections",
            "opinion__signatories",
            # joined, not prefetched level by level: three queries fewer on every case page and API read
            Prefetch("places", queryset=Place.objects.select_related("country")),
            Prefetch("partnerships", queryset=Partnership.objects.select_related("place_a", "place_b")),
            Prefetch("events", queryset=MotionEvent.objects.select_related("actor").order_by("at", "id")),
        )
        .get(pk=pk)
    )


def motion_get_for_write(pk: int, *, viewer: Any = None) -> Motion:
    """The motion row only, if the viewer may see it (a service loads what else it needs);
    raises Motion.DoesNotExist."""
    return Motion.objects.filter(visible_to(viewer)).get(pk=pk)


def attachment_get(motion_pk: int, attachment_pk: int, *, viewer: Any = None) -> Attachment:
    """An attachment with its bytes, if the viewer may read its motion; raises Attachment.DoesNotExist."""
    return Attachment.objects.select_related("motion").get(
        pk=attachment_pk, motion_id=motion_pk, motion__in=Motion.objects.filter(visible_to(viewer)).values("pk")
    )


def with_links(motions: QuerySet[Motion]) -> QuerySet[Motion]:
    """The motions with the places and partnerships they concern (for lists that print the ids)."""
    return motions.prefetch_related("places", "partnerships")


def referral_get(pk: int) -> Referral:
    """A referral with its motion; raises Referral.DoesNotExist. The service checks who may answer it."""
    return Referral.objects.select_related("motion").get(pk=pk)


def _about_place(place_id: int) -> QuerySet[Any]:
    """Ids of motions of a municipality, or that refer to the place or one of its partnerships."""
    return Motion.objects.filter(
        Q(municipality_id=place_id)
        | Q(places__id=place_id)
        | Q(partnerships__place_a_id=place_id)
        | Q(partnerships__place_b_id=place_id)
    ).values("pk")


def motions_of_place(place_id: int, *, viewer: Any = None, limit: int = 10) -> list[Motion]:
    """The latest `limit` motions about a place (see `_about_place`), newest first; one more
    than `limit` when there are more, so the page can link to the full list."""
    return list(motion_list(MotionFilters(place_id=place_id), viewer=viewer)[: limit + 1])


# --- deadlines ------------------------------------------------------------------------------


def _running_clock(municipality_id: int | None) -> QuerySet[Motion]:
    qs = _with_proposers(
        Motion.objects.filter(deadline__isnull=False, decided_on__isnull=True, state__in=list(UNDECIDED))
    )
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    return qs.order_by("deadline", "id")


def motions_overdue(*, municipality_id: int | None = None, as_of: date | None = None) -> QuerySet[Motion]:
    """Raised more than a year ago and not decided: the list the council must be told about."""
    return _running_clock(municipality_id).filter(deadline__lt=as_of or today())


def motions_due_soon(
    *, municipality_id: int | None = None, as_of: date | None = None, days: int = DUE_SOON_DAYS
) -> QuerySet[Motion]:
    as_of = as_of or today()
    return _running_clock(municipality_id).filter(deadline__gte=as_of, deadline__lte=as_of + timedelta(days=days))


def overdue(motion: Motion, *, as_of: date | None = None) -> bool:
    return is_overdue(
        deadline=motion.deadline, decided_on=motion.decided_on, state=motion.state, today=as_of or today()
    )


# --- committees and recipients --------------------------------------------------------------


def committees_of(municipality_id: int) -> QuerySet[Committee]:
    return (
        Committee.objects.filter(municipality_id=municipality_id).select_related("source").order_by("position", "name")
    )


def committee_names(municipality_id: int) -> list[str]:
    return list(committees_of(municipality_id).values_list("name", flat=True))


def expand_recipients(municipality_id: int, recipients: list[str]) -> list[str]:
    """ "Samtliga nämnder" becomes the municipality's committees; other names stay as written."""
    result: list[str] = []
    for name in recipients:
        if name.strip().casefold() == ALL_COMMITTEES:
            result.extend(c.name for c in committees_of(municipality_id).filter(is_committee=True))
        else:
            result.append(name.strip())
    return list(dict.fromkeys(r for r in result if r))


# --- the case's history ------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One line of a motion's history as its case page shows it."""

    event: MotionEvent
    what: str  # the action or event, in the reader's language
    detail: str  # the outcome of a decision or proposal, the referral body
    note: str


_REFERRAL_EVENTS = frozenset({"referral_sent", "referral_answered"})


def motion_history(motion: Motion) -> list[HistoryRow]:
    """Every event of a motion from `motion_get`, oldest first: transitions, referrals and their
    answers, the officer report; a decision shows its outcome."""
    from vanort.motions.labels import event_label

    rows = []
    for event in motion.events.all():
        detail, note = ("", event.note) if event.action not in _REFERRAL_EVENTS else (event.note, "")
        if event.action == "decide":
            detail = str(motion.get_outcome_display())
        elif event.action == "propose":
            detail = str(motion.get_recommendation_display())
        state = str(event.get_to_state_display()) if event.from_state != event.to_state else ""
        rows.append(HistoryRow(event=event, what=event_label(event.action, state), detail=detail, note=note))
    return rows
