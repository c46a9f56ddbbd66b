"""The compiled lexicon and the synthetic corpus generator."""

from __future__ import annotations

from pathlib import Path

from vanort.textrepair.confusion import skeleton
from vanort.textrepair.corpus import damage, load_corpus, wrap
from vanort.textrepair.lexicon import BEGIN, END, HUNSPELL, WORD, load_lexicon


def test_lexicon_loads_within_budget_and_knows_forms() -> None:
    lexicon = load_lexicon()
    assert lexicon.load_seconds < 2.0
    assert len(lexicon) > 500_000
    entry = lexicon.get("vänorts")
    assert entry is not None
    assert entry.roles & BEGIN
    assert entry.roles & HUNSPELL
    kommun = lexicon.get("kommun")
    assert kommun is not None
    assert kommun.roles & END
    assert kommun.roles & WORD
    assert kommun.zipf > 4
    assert {e.word for e in lexicon.entries(skeleton("ar"))} >= {"ar", "är", "år"}


def test_damage_is_deterministic_and_keeps_lines() -> None:
    text = wrap("Vänortssamarbetet med Åbo är över. " * 10)
    assert damage(text, seed=1) == damage(text, seed=1)
    assert damage(text, seed=1).count("\n") == text.count("\n")
    assert damage(text, seed=1, rate=0.0) == text
    assert "ä" not in damage("ä" * 200, seed=3, rate=1.0)


def test_corpus_has_several_genres() -> None:
    docs = load_corpus(Path(__file__).parent / "corpus")
    assert len(docs) >= 5
    assert all(d.clean != d.damaged for d in docs)
