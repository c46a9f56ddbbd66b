"""Quality on the labelled set: 52 needs (Ukrainian and English, 7 filed under a neighbouring
sector) against 200 Swedish offers; recall@5 must be at least 0.9 (DESIGN.md §7, issue 10)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from vanort.matching import rank_matches
from vanort.matching.cli import read_needs, read_offers
from vanort.matching.evaluate import misses, recall_at_k

DATA = Path(__file__).parent / "data"


def labelled(needs_file: str = "needs.csv") -> tuple[list, list, dict[str, list[str]]]:  # type: ignore[type-arg]
    needs = read_needs(str(DATA / needs_file))
    offers = read_offers(str(DATA / "offers.csv"))
    with (DATA / needs_file).open(encoding="utf-8") as handle:
        relevant = {row["id"]: row["relevant"].split(";") for row in csv.DictReader(handle)}
    return needs, offers, relevant


def test_the_labelled_set_is_what_the_issue_asks_for() -> None:
    needs, offers, relevant = labelled()
    assert len(needs) >= 40
    assert len(offers) >= 200
    assert {n.language for n in needs} == {"uk", "en"}
    assert {o.language for o in offers} == {"sv"}
    offer_sector = {o.id: o.sector for o in offers}
    neighbour_filed = [n.id for n in needs if all(offer_sector[o] != n.sector for o in relevant[n.id][:1])]
    assert len(neighbour_filed) >= 3


@pytest.mark.parametrize("needs_file", ["needs.csv", "holdout_needs.csv"])
def test_recall_at_5_is_at_least_0_9(needs_file: str) -> None:
    # holdout_needs.csv: 15 needs written after the term list, reworded, never tuned on
    needs, offers, relevant = labelled(needs_file)
    results = rank_matches(needs, offers, top_k=5, today=date(2026, 12, 1))
    recall = recall_at_k(results, relevant, 5)
    assert recall >= 0.9, misses(results, relevant, 5)


def test_recall_at_k_counts_each_relevant_offer() -> None:
    from vanort.matching import MatchResult

    results = [MatchResult("n", "a", 0.9, 1, (), ()), MatchResult("n", "b", 0.8, 6, (), ())]
    assert recall_at_k(results, {"n": ["a", "b"]}, 5) == 0.5
    assert recall_at_k(results, {"n": ["a", "b"], "m": ["c"]}, 10) == 0.5
    assert misses(results, {"n": ["a", "b"]}, 5) == {"n": ["b"]}
