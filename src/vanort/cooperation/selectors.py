"""Reads for cooperation. Published needs and offers are public; working details are for the parties."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from vanort import matching
from vanort.accounts.models import Role
from vanort.accounts.selectors import is_admin
from vanort.cooperation import matching_glue
from vanort.cooperation.models import (
    Condition,
    Contribution,
    Initiative,
    Match,
    MatchStatus,
    Need,
    NeedStatus,
    Notification,
    Offer,
    OfferStatus,
)
from vanort.cooperation.permissions import can_follow_initiative, officer_places, partner_places
from vanort.core.errors import ValidationFailed
from vanort.motions.models import Motion
from vanort.registry.models import Actor, Partnership, Place, PlaceKind
from vanort.registry.selectors import foreign_places, municipalities_of, places_by_ids

PUBLIC_NEED_STATUSES = (NeedStatus.PUBLISHED, NeedStatus.IN_PROGRESS, NeedStatus.FULFILLED)
PUBLIC_OFFER_STATUSES = (OfferStatus.PUBLISHED, OfferStatus.TAKEN)


@dataclass(frozen=True)
class NeedFilters:
    sector: str | None = None
    oblast: int | None = None
    urgency: str | None = None
    status: str | None = None
    place: int | None = None


def need_list(filters: NeedFilters | None = None) -> QuerySet[Need]:
    f = filters or NeedFilters()
    qs = Need.objects.select_related("place", "place__parent", "place__country", "sector")
    qs = qs.filter(status=f.status) if f.status else qs.filter(status__in=PUBLIC_NEED_STATUSES)
    if f.sector:
        qs = qs.filter(sector_id=f.sector)
    if f.urgency:
        qs = qs.filter(urgency=f.urgency)
    if f.oblast:
        qs = qs.filter(Q(place_id=f.oblast) | Q(place__parent_id=f.oblast))
    if f.place:
        qs = qs.filter(place_id=f.place)
    return qs.order_by("-created_at", "-id")


def need_get(pk: int) -> Need:
    return Need.objects.select_related("place", "place__parent", "sector").get(pk=pk)


def offer_list(*, municipality_id: int | None = None, sector: str | None = None, viewer: Any = None) -> QuerySet[Offer]:
    qs = Offer.objects.select_related("municipality", "sector")
    own = officer_places(viewer) if viewer is not None else frozenset()
    qs = qs.filter(Q(status__in=PUBLIC_OFFER_STATUSES) | Q(municipality_id__in=own))
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    if sector:
        qs = qs.filter(sector_id=sector)
    return qs.order_by("-created_at", "-id")


def offer_get(pk: int) -> Offer:
    return Offer.objects.select_related("municipality", "sector").get(pk=pk)


def oblasts() -> QuerySet[Place]:
    return Place.objects.filter(kind=PlaceKind.OBLAST, country_id="UA").order_by("name")


def partner_places_of(user: Any) -> QuerySet[Place]:
    """The places whose needs the user may publish."""
    if is_admin(user):
        return foreign_places()
    return Place.objects.filter(pk__in=partner_places(user)).order_by("name")


def need_visible(need: Need, viewer: Any) -> bool:
    """A published need is public; any other is seen by those who may publish for its place."""
    return need.status in PUBLIC_NEED_STATUSES or partner_places_of(viewer).filter(pk=need.place_id).exists()


def officer_municipalities_of(user: Any) -> QuerySet[Place]:
    """The municipalities whose offers the user may publish (her case-officer roles; an administrator: all)."""
    return municipalities_of(user, roles=(Role.CASE_OFFICER,))


def known_actors() -> QuerySet[Actor]:
    """The vetted actors whose projects an initiative may belong to."""
    return Actor.objects.filter(is_known_actor=True).order_by("name")


def initiative_partner_choices(municipalities: QuerySet[Place]) -> QuerySet[Place]:
    """Places an initiative of these municipalities may name: their partners and places with published needs
    (municipalities, hromadas and towns abroad)."""
    ids = municipalities.values("pk")
    partners = Q(pk__in=Partnership.objects.filter(place_a__in=ids).values("place_b")) | Q(
        pk__in=Partnership.objects.filter(place_b__in=ids).values("place_a")
    )
    with_needs = Q(pk__in=Need.objects.filter(status=NeedStatus.PUBLISHED).values("place"))
    return foreign_places().filter(partners | with_needs).exclude(pk__in=ids)


def _match_qs() -> QuerySet[Match]:
    return Match.objects.select_related(
        "need__place", "need__sector", "offer__municipality", "offer__sector", "initiative"
    )


def matches_for_viewer(viewer: Any, *, status: str | None = MatchStatus.PROPOSED) -> QuerySet[Match]:
    """Matches a person follows: her municipality's offers, or her place's needs (admins: all)."""
    qs = _match_qs()
    if not is_admin(viewer):
        qs = qs.filter(
            Q(offer__municipality_id__in=officer_places(viewer)) | Q(need__place_id__in=partner_places(viewer))
        )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("need_id", "rank")


def matches_of_need(need: Need) -> QuerySet[Match]:
    return _match_qs().filter(need=need).order_by("rank")


def matches_of_offer(offer: Offer) -> QuerySet[Match]:
    return _match_qs().filter(offer=offer).order_by("-score")


def match_get(pk: int) -> Match:
    return _match_qs().get(pk=pk)


def match_visible(match: Match, viewer: Any) -> bool:
    if is_admin(viewer):
        return True
    return match.offer.municipality_id in officer_places(viewer) or match.need.place_id in partner_places(viewer)


def explain(match: Match, lang: str) -> list[str]:
    return matching.explain(matching_glue.result_of(match), lang)


def key_terms(text: str, language: str, target_language: str) -> list[tuple[str, str]]:
    """Terms of `text` with their translation into the reader's language (matching.key_terms)."""
    if language == target_language:
        return []
    return matching.key_terms(text, language, target_language)


def initiative_list(
    viewer: Any = None, *, municipality_id: int | None = None, sector: str | None = None
) -> QuerySet[Initiative]:
    qs = Initiative.objects.select_related("municipality", "actor").prefetch_related("partner_places", "sectors")
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    if sector:
        qs = qs.filter(pk__in=Initiative.sectors.through.objects.filter(sector_id=sector).values("initiative_id"))
    return qs.order_by("-created_at", "-id")


def initiative_get(pk: int) -> Initiative:
    return (
        Initiative.objects.select_related("municipality", "actor", "partnership", "motion", "source")
        .prefetch_related(
            "partner_places",
            "sectors",
            "contributions__conditions",
            "contributions__recipient_place",
            "contributions__checks",
            "events",
            "activities",
            "matches__need",
        )
        .get(pk=pk)
    )


def initiative_followable(initiative: Initiative, viewer: Any) -> bool:
    return can_follow_initiative(viewer, initiative.municipality_id, {p.pk for p in initiative.partner_places.all()})


def notifications_of(user: Any, *, limit: int = 100) -> list[Notification]:
    if not getattr(user, "pk", None):
        return []
    return list(Notification.objects.filter(user=user)[:limit])


def contribution_get(pk: int) -> Contribution:
    return Contribution.objects.select_related("initiative", "recipient_place").get(pk=pk)


def condition_get(pk: int) -> Condition:
    return Condition.objects.select_related("contribution__initiative").get(pk=pk)


def initiative_refs(
    *, actor_id: int | None, place_ids: list[int], partnership_id: int | None, motion_id: int | None
) -> dict[str, Any]:
    """The records an initiative refers to, by id; an unknown id is refused with its field named."""
    refs: dict[str, Any] = {"actor": None, "partnership": None, "motion": None}
    for field, model, pk in (
        ("actor", Actor, actor_id),
        ("partnership", Partnership, partnership_id),
        ("motion", Motion, motion_id),
    ):
        if pk is not None:
            refs[field] = model.objects.filter(pk=pk).first()
            if refs[field] is None:
                raise ValidationFailed(_("Det finns ingen sådan post (id %(id)s).") % {"id": pk}, field=f"{field}_id")
    refs["partner_places"] = places_by_ids(place_ids, field="partner_place_ids")
    return refs
