"""Between the database and the pure engine `vanort.matching`: records in, stored matches out.

The aid engine filters: each (country, form, spare) combination is checked once per run with the
database's country table, and the verdict is stored on the match.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import timezone

from vanort import aid, matching
from vanort.cooperation.models import Match, MatchStatus, Need, Offer
from vanort.legal.selectors import current_rulebook
from vanort.matching.legal import aid_case

TOP_K = 10
#: Outcomes that the engine filters out: a match nobody may accept is not proposed.
FILTERED = frozenset({"not_permitted", "not_permitted_without_government_permission"})


def need_input(n: Need) -> matching.NeedInput:
    return matching.NeedInput(
        id=str(n.pk),
        place=n.place.name,
        country=n.place.country_id,
        sector=n.sector_id,
        form=n.form,
        title=n.title,
        description=n.description,
        language=n.language,
        quantity=n.quantity,
        urgency=n.urgency,
        deadline=n.deadline,
    )


def offer_input(o: Offer) -> matching.OfferInput:
    return matching.OfferInput(
        id=str(o.pk),
        municipality_code=o.municipality.code,
        sector=o.sector_id,
        form=o.form,
        title=o.title,
        description=o.description,
        quantity=o.quantity,
        spare=o.spare,
        available_until=o.available_until,
        language=o.language,
    )


class LegalCheck:
    """Memoised aid verdicts per (country, offer form, spare) for one run, with the database's
    country table; the case and its assumptions are the engine's own (`matching.legal.aid_case`)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.rulebook = current_rulebook()
        self.verdicts: dict[tuple[str, str, bool], dict[str, Any]] = {}

    def verdict(self, need: matching.NeedInput, offer: matching.OfferInput) -> dict[str, Any]:
        key = (need.country, offer.form, offer.spare)
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


def compute(*, needs: Sequence[Need], offers: Sequence[Offer], today: date | None = None) -> int:
    """Rank `offers` for `needs` and store the proposed matches (decided ones are kept as they are)."""
    if not needs or not offers:
        return 0
    today = today or timezone.localdate()
    need_rows = {str(n.pk): n for n in needs}
    offer_rows = {str(o.pk): o for o in offers}
    need_inputs = [need_input(n) for n in needs]
    offer_inputs = [offer_input(o) for o in offers]
    check = LegalCheck(today)
    results = matching.rank_matches(need_inputs, offer_inputs, top_k=TOP_K, today=today, legal_check=check)
    by_id_n = {n.id: n for n in need_inputs}
    by_id_o = {o.id: o for o in offer_inputs}
    Match.objects.filter(
        status=MatchStatus.PROPOSED, need_id__in=[n.pk for n in needs], offer_id__in=[o.pk for o in offers]
    ).delete()
    decided = set(
        Match.objects.filter(need_id__in=[n.pk for n in needs], offer_id__in=[o.pk for o in offers]).values_list(
            "need_id", "offer_id"
        )
    )
    rows = []
    for r in results:
        need, offer = need_rows[r.need_id], offer_rows[r.offer_id]
        if (need.pk, offer.pk) in decided:
            continue
        verdict = check.verdict(by_id_n[r.need_id], by_id_o[r.offer_id])
        if verdict["outcome"] in FILTERED:
            continue
        rows.append(
            Match(
                need=need,
                offer=offer,
                score=round(float(r.score), 4),
                rank=r.rank,
                reasons=[{"code": x.code, "params": dict(x.params)} for x in r.reasons],
                shared_terms=list(r.shared_terms),
                legal_outcome=verdict["outcome"],
                legal_verdict=verdict,
            )
        )
    Match.objects.bulk_create(rows)
    return len(rows)


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
