"""Between the database and the pure engine `vanort.matching`: records in, stored matches out.

The aid engine filters: each (country, form, spare) combination is checked once per run with the
database's country table, and the verdict is stored on the match.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from vanort import aid, matching
from vanort.cooperation.models import Match, MatchStatus, Need, NeedStatus, Offer, OfferStatus
from vanort.legal.selectors import current_rulebook
from vanort.matching.legal import aid_case

TOP_K = 10
#: Outcomes that the engine filters out: a match nobody may accept is not proposed.
FILTERED = frozenset({"not_permitted", "not_permitted_without_government_permission"})


_NEED_FIELDS = (
    "pk",
    "place__name",
    "place__country_id",
    "sector_id",
    "form",
    "title",
    "description",
    "language",
    "quantity",
    "urgency",
    "deadline",
)
_OFFER_FIELDS = (
    "pk",
    "municipality__code",
    "sector_id",
    "form",
    "title",
    "description",
    "remaining",  # the engine compares the need with what is still free of the offer
    "spare",
    "available_until",
    "language",
)


def need_inputs(needs: QuerySet[Need]) -> list[matching.NeedInput]:
    """Engine inputs straight from the rows (no model instances: thousands are read per publish)."""
    return [
        matching.NeedInput(
            id=str(pk),
            place=place,
            country=country,
            sector=sector,
            form=form,
            title=title,
            description=description,
            language=language,
            quantity=quantity,
            urgency=urgency,
            deadline=deadline,
        )
        for (
            pk,
            place,
            country,
            sector,
            form,
            title,
            description,
            language,
            quantity,
            urgency,
            deadline,
        ) in needs.values_list(*_NEED_FIELDS)
    ]


def offer_inputs(offers: QuerySet[Offer]) -> list[matching.OfferInput]:
    return [
        matching.OfferInput(
            id=str(pk),
            municipality_code=code,
            sector=sector,
            form=form,
            title=title,
            description=description,
            quantity=quantity,
            spare=spare,
            available_until=until,
            language=language,
        )
        for pk, code, sector, form, title, description, quantity, spare, until, language in offers.values_list(
            *_OFFER_FIELDS
        )
    ]


class LegalCheck:
    """Memoised aid verdicts per (country, offer form, spare) for one run, with the database's
    country table; the case and its assumptions are the engine's own (`matching.legal.aid_case`)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.rulebook = current_rulebook()
        self.verdicts: dict[tuple[str, str, bool, str], dict[str, Any]] = {}

    def verdict(self, need: matching.NeedInput, offer: matching.OfferInput) -> dict[str, Any]:
        # The need's form decides the purpose of money (aid_case), so it is part of the key.
        key = (need.country, offer.form, offer.spare, need.form if offer.form == "financial" else "")
        if key not in self.verdicts:
            case = aid_case(need, offer, self.today)
            try:
                self.verdicts[key] = aid.check_json(case, rulebook=self.rulebook)
            except aid.AidInputError:
                self.verdicts[key] = {"outcome": "needs_legal_review", "rules": [], "conditions": []}
        return self.verdicts[key]

    def __call__(self, need: matching.NeedInput, offer: matching.OfferInput) -> str:
        outcome: str = self.verdict(need, offer)["outcome"]
        return outcome


def published_needs() -> QuerySet[Need]:
    return Need.objects.filter(status=NeedStatus.PUBLISHED)


def published_offers(municipality_id: int | None = None) -> QuerySet[Offer]:
    qs = Offer.objects.filter(status=OfferStatus.PUBLISHED)
    return qs.filter(municipality_id=municipality_id) if municipality_id else qs


def compute(*, needs: QuerySet[Need], offers: QuerySet[Offer], today: date | None = None) -> int:
    """Rank `offers` for `needs` and store the proposed matches (decided ones are kept as they are)."""
    today = today or timezone.localdate()
    need_list, offer_list = need_inputs(needs), offer_inputs(offers)
    if not need_list or not offer_list:
        return 0
    check = LegalCheck(today)
    results = matching.rank_matches(need_list, offer_list, top_k=TOP_K, today=today, legal_check=check)
    by_id_n = {n.id: n for n in need_list}
    by_id_o = {o.id: o for o in offer_list}
    need_ids, offer_ids = [int(n.id) for n in need_list], [int(o.id) for o in offer_list]
    pairs = Match.objects.filter(need_id__in=need_ids, offer_id__in=offer_ids)
    touched = set(pairs.filter(status=MatchStatus.PROPOSED).values_list("need_id", flat=True))
    pairs.filter(status=MatchStatus.PROPOSED).delete()
    decided = set(pairs.values_list("need_id", "offer_id"))
    rows = []
    for r in results:
        need_id, offer_id = int(r.need_id), int(r.offer_id)
        if (need_id, offer_id) in decided:
            continue
        verdict = check.verdict(by_id_n[r.need_id], by_id_o[r.offer_id])
        if verdict["outcome"] in FILTERED:
            continue
        rows.append(
            Match(
                need_id=need_id,
                offer_id=offer_id,
                score=round(float(r.score), 4),
                rank=r.rank,
                reasons=[{"code": x.code, "params": dict(x.params)} for x in r.reasons],
                shared_terms=list(r.shared_terms),
                legal_outcome=verdict["outcome"],
                legal_verdict=verdict,
            )
        )
    Match.objects.bulk_create(rows)
    rerank(sorted(touched | {row.need_id for row in rows}))
    return len(rows)


def rerank(need_ids: Iterable[int]) -> None:
    """Number each need's matches 1, 2, … by score over all offers (a run sees only some offers,
    e.g. one municipality's, so the engine's ranks are per run and not per need)."""
    changed = []
    current: int | None = None
    position = 0
    for match in Match.objects.filter(need_id__in=list(need_ids)).order_by("need_id", "-score", "offer_id"):
        if match.need_id != current:
            current, position = match.need_id, 0
        position += 1
        if match.rank != position:
            match.rank = position
            changed.append(match)
    Match.objects.bulk_update(changed, ["rank"], batch_size=1000)


def result_of(m: Match) -> matching.MatchResult:
    """A stored match back as the engine's result (for `matching.explain`)."""
    return matching.MatchResult(
        need_id=str(m.need_id),
        offer_id=str(m.offer_id),
        score=m.score,
        rank=m.rank,
        reasons=tuple(matching.Reason(x["code"], tuple(sorted(x.get("params", {}).items()))) for x in m.reasons),
        shared_terms=tuple(m.shared_terms),
        legal_outcome=m.legal_outcome or None,
    )
