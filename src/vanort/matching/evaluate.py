"""Quality measure of the ranking on a labelled set: recall@k."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from vanort.matching.types import MatchResult


def recall_at_k(results: Iterable[MatchResult], relevant: Mapping[str, Iterable[str]], k: int = 5) -> float:
    """Mean over labelled needs of |relevant offers ranked 1..k| / |relevant offers| (0 without needs)."""
    found: dict[str, set[str]] = {}
    for result in results:
        if result.rank <= k:
            found.setdefault(result.need_id, set()).add(result.offer_id)
    shares = []
    for need_id, offers in relevant.items():
        wanted = set(offers)
        if wanted:
            shares.append(len(wanted & found.get(need_id, set())) / len(wanted))
    return sum(shares) / len(shares) if shares else 0.0


def misses(results: Iterable[MatchResult], relevant: Mapping[str, Iterable[str]], k: int = 5) -> dict[str, list[str]]:
    """Relevant offers not ranked 1..k, per need (for reports)."""
    found: dict[str, set[str]] = {}
    for result in results:
        if result.rank <= k:
            found.setdefault(result.need_id, set()).add(result.offer_id)
    return {
        need_id: sorted(set(offers) - found.get(need_id, set()))
        for need_id, offers in relevant.items()
        if set(offers) - found.get(need_id, set())
    }
