"""Needs × offers matchmaking, pure Python (no Django).

Ranks a municipality's offers for a partner place's needs by sector and form compatibility,
cross-language text similarity through a multilingual term list of the municipal domain
(``data/terms.yaml``: sv/en/uk concepts with synonyms and inflections), quantity, urgency and
availability; an optional legal check (the aid engine) filters; each match explains itself.

Public API::

    rank_matches(needs, offers, *, top_k=10, today=None, legal_check=None, progress=None)
        -> list[MatchResult]
    explain(result, lang) -> list[str]                   # sentences in sv/en/uk
    key_terms(text, language, target_language) -> list[tuple[str, str]]
    NeedInput, OfferInput, Reason, MatchResult
"""

from __future__ import annotations

from vanort.matching.engine import rank_matches
from vanort.matching.explain import explain, explain_reason
from vanort.matching.lexicon import Lexicon, LexiconError, default_lexicon
from vanort.matching.tables import Compatibility, default_compatibility
from vanort.matching.types import LANGUAGES, URGENCIES, MatchResult, NeedInput, OfferInput, Reason


def key_terms(text: str, language: str, target_language: str) -> list[tuple[str, str]]:
    """Key terms of ``text``: (the words as found in the text, the same concept in ``target_language``).

    In the order they occur; each concept once; broader concepts and concepts without a term in
    the target language are left out.
    """
    lexicon = default_lexicon()
    feats = lexicon.features(text, "", language, with_surfaces=True)
    found: list[tuple[int, str, str]] = []
    for concept_id, surface in feats.surfaces.items():
        concept = lexicon.concepts[concept_id]
        if target_language not in concept.terms:
            continue
        position = text.find(surface)
        found.append((position if position >= 0 else len(text), surface, concept.label(target_language)))
    found.sort(key=lambda item: item[0])
    return [(surface, label) for _, surface, label in found]


__all__ = [
    "LANGUAGES",
    "URGENCIES",
    "Compatibility",
    "Lexicon",
    "LexiconError",
    "MatchResult",
    "NeedInput",
    "OfferInput",
    "Reason",
    "default_compatibility",
    "default_lexicon",
    "explain",
    "explain_reason",
    "key_terms",
    "rank_matches",
]
