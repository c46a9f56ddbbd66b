"""The engine's output is pinned: a speed-up must not change a single match, score or reason.

``data/golden_matches.json`` holds, per case and need, a digest of the need's results (offer,
score, rank, reasons, shared terms, legal outcome) as the engine gave them before the
speed-ups of December 2026. Cases: the labelled set, with and without a legal check, and a set
generated like ``bench/match.py``'s (with and without the common-feature pruning of the European
scale). A failure names the needs whose results changed. Regenerate (only for an intended
change of the ranking) with ``VANORT_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from vanort.matching import MatchResult, NeedInput, OfferInput, engine, rank_matches
from vanort.matching.cli import read_needs, read_offers

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden_matches.json"
TODAY = date(2026, 12, 1)


def _legal(need: NeedInput, offer: OfferInput) -> str | None:
    return "not_permitted" if offer.form == "financial" else "permitted"


def _digests(results: list[MatchResult]) -> dict[str, str]:
    rows: dict[str, list[object]] = {}
    for r in results:
        reasons = [[x.code, [list(p) for p in x.params]] for x in r.reasons]
        row = [r.offer_id, r.score, r.rank, reasons, list(r.shared_terms), r.legal_outcome]
        rows.setdefault(r.need_id, []).append(row)
    return {
        need_id: hashlib.sha256(json.dumps(row, ensure_ascii=False).encode()).hexdigest()[:16]
        for need_id, row in rows.items()
    }


def _labelled(legal: bool) -> dict[str, str]:
    needs = read_needs(str(DATA / "needs.csv")) + read_needs(str(DATA / "holdout_needs.csv"))
    offers = read_offers(str(DATA / "offers.csv"))
    return _digests(rank_matches(needs, offers, top_k=10, today=TODAY, legal_check=_legal if legal else None))


def _generated(broad: bool, monkeypatch: pytest.MonkeyPatch, bench: ModuleType) -> dict[str, str]:
    needs, offers = bench.generate(1_500, 1_200, seed=11)
    if broad:  # the European scale's pruning of common features, at a size a test can afford
        monkeypatch.setattr(engine, "BROAD_MIN_OFFERS", 1)
    return _digests(rank_matches(needs, offers, top_k=10, today=TODAY))


CASES: dict[str, Callable[[pytest.MonkeyPatch, ModuleType], dict[str, str]]] = {
    "labelled": lambda mp, bench: _labelled(legal=False),
    "labelled_legal": lambda mp, bench: _labelled(legal=True),
    "generated": lambda mp, bench: _generated(broad=False, monkeypatch=mp, bench=bench),
    "generated_broad": lambda mp, bench: _generated(broad=True, monkeypatch=mp, bench=bench),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_results_are_those_pinned_in_the_golden_file(
    case: str, monkeypatch: pytest.MonkeyPatch, bench_match: ModuleType
) -> None:
    got = CASES[case](monkeypatch, bench_match)
    if os.environ.get("VANORT_UPDATE_GOLDEN"):
        golden = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
        golden[case] = got
        GOLDEN.write_text(json.dumps(golden, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))[case]
    changed = sorted(need for need in expected.keys() | got.keys() if expected.get(need) != got.get(need))
    assert not changed, f"{len(changed)} needs changed, e.g. {changed[:5]}"
