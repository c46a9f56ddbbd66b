"""The multilingual term list of the municipal domain and the extraction of concepts from a text.

``data/terms.yaml`` holds concepts (id, sectors, broader concepts, and terms in sv/en/uk with
synonyms and inflected forms). A text is tokenised, each token is stemmed in the languages its
script allows, and matched against the term words exactly, by prefix (inflections, compound
modifiers: *skol*möbler) or by compound head (brand*bil*, reserv*kraftverk*). Multi-word terms
(fire engine, пожежний автомобіль) match when all their words occur close together in any order.
Tokens that match no term fall back to a cross-script *skeleton* feature (``~generat``), so
cognates and names outside the term list still count a little.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from vanort.matching.text import STOPWORDS, is_cyrillic, skeleton, stem, token_spans, tokens
from vanort.matching.types import LANGUAGES

DATA_DIR = Path(__file__).resolve().parent / "data"
TERMS_FILE = DATA_DIR / "terms.yaml"

_MIN_PARTIAL = 4  # shortest term word that may match as a prefix or compound head
_DISTINCTIVE_MIN = 7  # shortest stem that may stand for its multi-word term's concept
DISTINCTIVE_WEIGHT = 0.4
_SAFE_PREFIX = 5  # a known prefix this long matches on its own (inflections, derivations)
_SKELETON_LEN = 6  # skeleton features compare this many leading letters
_SKELETON_MIN = 5  # shorter unknown words give no skeleton feature
PIECE_CACHE_SIZE = 200_000  # distinct pieces of text remembered per language (emptied when full)
FEATURE_CACHE_SIZE = 20_000  # texts whose features are remembered (a national instance's offers and needs)
SKELETON_WEIGHT = 0.45
BROADER_WEIGHT = 0.5
DESCRIPTION_WEIGHT = 0.8


#: What one token contributes to a text's features: its word ids, its skeleton feature (or None),
#: the concepts its words name on their own, the multi-word concepts its long words stand for,
#: and the multi-word terms that a word of it starts.
_TokenInfo = tuple[tuple[int, ...], "str | None", tuple[str, ...], tuple[str, ...], tuple["_MultiTerm", ...]]
_MultiTerm = tuple[tuple[int, ...], frozenset[int], str]  # word ids, the same as a set, concept id


class LexiconError(ValueError):
    """The term list is malformed; the message names the file and the concept."""


@dataclass(frozen=True)
class Concept:
    id: str
    sectors: tuple[str, ...]
    broader: tuple[str, ...]
    terms: dict[str, tuple[str, ...]]  # language -> terms as written in the file

    def label(self, lang: str) -> str:
        for language in (lang, "en", "sv", "uk"):
            forms = self.terms.get(language)
            if forms:
                return forms[0]
        return self.id


@dataclass(frozen=True)
class Features:
    """Weighted features of one text: concept ids (and ``~skeleton`` features) -> weight."""

    weights: dict[str, float]
    surfaces: dict[str, str]  # concept id -> the words as they were found (first occurrence)


class Lexicon:
    """Compiled term list: word stems per language, single-word and multi-word terms."""

    def __init__(self, concepts: Iterable[Concept], *, source: str = "", as_of: str = "") -> None:
        self.concepts: dict[str, Concept] = {}
        self.source = source
        self.as_of = as_of
        self._words: dict[tuple[str, str], int] = {}  # (language, stem) -> word id
        self._single: dict[int, list[str]] = {}  # word id -> concept ids
        self._multi: dict[int, list[_MultiTerm]] = {}  # first word -> terms
        self._by_lang_stem: dict[str, dict[str, int]] = {lang: {} for lang in LANGUAGES}
        self._partial_ok: set[int] = set()
        for concept in concepts:
            if concept.id in self.concepts:
                raise LexiconError(f"{TERMS_FILE.name}: concept '{concept.id}' is defined twice")
            self.concepts[concept.id] = concept
            for lang, forms in concept.terms.items():
                for form in forms:
                    self._add_term(lang, form, concept.id)
        for concept in self.concepts.values():
            for parent in concept.broader:
                if parent not in self.concepts:
                    raise LexiconError(
                        f"{TERMS_FILE.name}: concept '{concept.id}': broader concept '{parent}' is not defined"
                    )
        self._token_cache: dict[tuple[str, str], tuple[int, ...]] = {}
        self._broader = {c.id: c.broader for c in self.concepts.values() if c.broader}
        self._infos: dict[str, _TokenInfos] = {}  # language -> token -> what it contributes
        self._pieces: dict[str, _PieceInfos] = {}  # language -> piece of text -> its tokens' contributions
        self._feature_cache: dict[tuple[str, str, str], Features] = {}
        # A long word that only occurs inside one concept's multi-word terms stands for that
        # concept on its own, a little weaker (водоочисного обладнання -> water purification).
        stems = {wid: word_stem for (_, word_stem), wid in self._words.items()}
        owners: dict[int, set[str]] = {}
        for terms in self._multi.values():
            for term_wids, _, concept_id in terms:
                for wid in term_wids:
                    owners.setdefault(wid, set()).add(concept_id)
        self._distinctive: dict[int, str] = {
            wid: next(iter(concepts))
            for wid, concepts in owners.items()
            if len(concepts) == 1 and wid not in self._single and len(stems[wid]) >= _DISTINCTIVE_MIN
        }

    # --- building ------------------------------------------------------------------------
    def _word_id(self, lang: str, word_stem: str) -> int:
        key = (lang, word_stem)
        wid = self._words.get(key)
        if wid is None:
            wid = len(self._words)
            self._words[key] = wid
            self._by_lang_stem[lang][word_stem] = wid
            if len(word_stem) >= _MIN_PARTIAL:
                self._partial_ok.add(wid)
        return wid

    def _add_term(self, lang: str, form: str, concept_id: str) -> None:
        words = [w for w in tokens(form) if w not in STOPWORDS]
        if not words:
            return
        wids = tuple(self._word_id(lang, stem(w, lang)) for w in words)
        if len(wids) == 1:
            bucket = self._single.setdefault(wids[0], [])
            if concept_id not in bucket:
                bucket.append(concept_id)
        else:
            self._multi.setdefault(wids[0], []).append((wids, frozenset(wids), concept_id))

    # --- matching ------------------------------------------------------------------------
    def _lookup(self, token: str, lang: str, partial: bool) -> tuple[int, ...]:
        table = self._by_lang_stem[lang]
        s = stem(token, lang)
        wid = table.get(s)
        if wid is None and s != token:
            wid = table.get(token)
        if wid is not None:
            return (wid,)
        if not partial:
            return ()
        found: list[int] = []
        for cut in range(len(s) - 1, _MIN_PARTIAL - 1, -1):  # longest known prefix
            wid = table.get(s[:cut])
            # a short prefix only counts when the rest is a known word too (skol|möbler)
            if (
                wid is not None
                and wid in self._partial_ok
                and (cut >= _SAFE_PREFIX or self._known_rest(s[cut:], table))
            ):
                found.append(wid)
                break
        if lang == "sv":  # compound head: brand|bil, reserv|kraftverk
            for start in range(3, len(s) - _MIN_PARTIAL + 1):
                wid = table.get(s[start:])
                if wid is not None and wid in self._partial_ok:
                    if wid not in found:
                        found.append(wid)
                    break
        return tuple(found)

    @staticmethod
    def _known_rest(rest: str, table: dict[str, int]) -> bool:
        if rest.startswith("s") and len(rest) > _MIN_PARTIAL:  # Swedish linking s: räddning|s|fordon
            rest = rest[1:]
        if len(rest) < 3:
            return False
        return rest in table or any(rest[:cut] in table for cut in range(len(rest) - 1, 3, -1))

    def token_words(self, token: str, language: str) -> tuple[int, ...]:
        """Word ids a token matches (exact before partial; declared language before the other)."""
        key = (token, language)
        cached = self._token_cache.get(key)
        if cached is not None:
            return cached
        if token in STOPWORDS:
            result: tuple[int, ...] = ()
        elif is_cyrillic(token):
            result = self._lookup(token, "uk", False) or self._lookup(token, "uk", True)
        else:
            first, second = ("en", "sv") if language == "en" or language == "uk" else ("sv", "en")
            # the other Latin-script language only for longer stems (Swedish "serv" is not English "serve")
            other = self._lookup(token, second, False)
            if other and len(stem(token, second)) < _SAFE_PREFIX and token not in self._by_lang_stem[second]:
                other = ()
            result = self._lookup(token, first, False) or other or self._lookup(token, first, True)
            if not result and len(token) >= 2 * _MIN_PARTIAL:
                result = self._lookup(token, second, True)
        self._token_cache[key] = result
        return result

    def cached_features(self, title: str, description: str, language: str) -> Features:
        """:meth:`features` remembered by text, for repeated runs over the same offers.

        Publishing one need ranks it against every published offer; their features are the
        same on every call as long as their texts are. The text is the key, so an edited offer
        simply misses; the cache is emptied when it holds FEATURE_CACHE_SIZE texts. The
        returned features are shared: callers must not change them.
        """
        key = (title, description, language)
        cache = self._feature_cache
        found = cache.get(key)
        if found is None:
            if len(cache) >= FEATURE_CACHE_SIZE:
                cache.clear()
            found = cache[key] = self.features(title, description, language)
        return found

    def features(self, title: str, description: str, language: str, *, with_surfaces: bool = False) -> Features:
        weights: dict[str, float] = {}
        surfaces: dict[str, str] = {}
        for text, weight in ((title, 1.0), (description, DESCRIPTION_WEIGHT)):
            if text:
                self._scan(text, language, weight, weights, surfaces if with_surfaces else None)
        broader = self._broader
        for concept_id in [c for c in weights if c in broader]:
            base = weights[concept_id] * BROADER_WEIGHT
            for parent in broader[concept_id]:
                if weights.get(parent, 0.0) < base:
                    weights[parent] = base
        return Features(weights, surfaces)

    def _token_info(self, token: str, language: str) -> _TokenInfo | None:
        """What a token contributes (None for a stopword); see :class:`_TokenInfo`."""
        if token in STOPWORDS:
            return None
        wids = self.token_words(token, language)
        skel = None
        if not wids and len(token) >= _SKELETON_MIN:
            lang = "uk" if is_cyrillic(token) else ("en" if language == "en" else "sv")
            skel = "~" + skeleton(stem(token, lang))[:_SKELETON_LEN]
            if len(skel) <= _SKELETON_MIN:
                skel = None
        singles = tuple(concept_id for wid in wids for concept_id in self._single.get(wid, ()))
        owners = tuple(self._distinctive[wid] for wid in wids if wid in self._distinctive)
        return (wids, skel, singles, owners, tuple(term for wid in wids for term in self._multi.get(wid, ())))

    def _scan(
        self,
        text: str,
        language: str,
        weight: float,
        weights: dict[str, float],
        surfaces: dict[str, str] | None,
    ) -> None:
        """Add the features of ``text`` to ``weights`` (each feature keeps its largest weight).

        Features enter ``weights`` in a fixed order — skeletons, then long words standing for a
        multi-word term, then multi-word terms, then single words, each in text order — which is
        the order of a need's shared terms in its reasons.
        """
        if surfaces is None:
            known = self._pieces.get(language)
            if known is None:
                known = self._pieces[language] = _PieceInfos(self, language)
            if len(known) >= PIECE_CACHE_SIZE:
                known.clear()
            self._add_weights([info for piece in text.split() for info in known[piece]], weight, weights)
            return
        spans: list[tuple[int, int]] = []
        original, found = token_spans(text)
        infos = []
        for token, begin, end in found:
            info = self._token_info(token, language)
            if info is not None:
                infos.append(info)
                spans.append((begin, end))
        skeleton_weight = weight * SKELETON_WEIGHT
        for info in infos:
            skel = info[1]
            if skel is not None and weights.get(skel, 0.0) < skeleton_weight:
                weights[skel] = skeleton_weight
        hits: list[tuple[str, int, int]] = []  # (concept, first position, last position)
        covered: set[int] = set()  # words inside a multi-word term: their own concepts count, not as key terms
        starts = [(pos, info[4]) for pos, info in enumerate(infos) if info[4]]
        if starts:
            self._multi_hits(starts, [info[0] for info in infos], hits, covered)
        self._weigh_hits(infos, range(len(infos)), hits, covered, weight, weights)
        for concept_id, first, last in hits:
            if concept_id not in surfaces and (first != last or first not in covered):
                surfaces[concept_id] = original[spans[first][0] : spans[last][1]]

    def _add_weights(self, infos: list[_TokenInfo], weight: float, weights: dict[str, float]) -> None:
        """:meth:`_scan` without surfaces (the ranking's hot path): the same features in the same order.

        Most tokens are words outside the term list (a skeleton or nothing); only the others
        (``rich``) are visited again for terms.
        """
        skeleton_weight = weight * SKELETON_WEIGHT
        rich: list[int] = []
        for pos, info in enumerate(infos):
            skel = info[1]
            if skel is not None:
                if weights.get(skel, 0.0) < skeleton_weight:
                    weights[skel] = skeleton_weight
            elif info[0]:
                rich.append(pos)
        if not rich:
            return
        hits: list[tuple[str, int, int]] = []
        covered: set[int] = set()
        starts = [(pos, infos[pos][4]) for pos in rich if infos[pos][4]]
        if starts:
            present = {w for pos in rich for w in infos[pos][0]}
            self._multi_hits(starts, [info[0] for info in infos], hits, covered, present)
        self._weigh_hits(infos, rich, hits, covered, weight, weights)

    @staticmethod
    def _weigh_hits(
        infos: list[_TokenInfo],
        positions: Iterable[int],
        hits: list[tuple[str, int, int]],
        covered: set[int],
        weight: float,
        weights: dict[str, float],
    ) -> None:
        """The shared end of both scans: each position's own concepts join `hits`, a distinctive
        part of a term outside a multi-word term gives its owner a part weight, and every hit
        gets the full weight."""
        part_weight = weight * DISTINCTIVE_WEIGHT
        for pos in positions:
            info = infos[pos]
            for concept_id in info[2]:
                hits.append((concept_id, pos, pos))
            if info[3] and pos not in covered:
                for owner in info[3]:
                    if weights.get(owner, 0.0) < part_weight:
                        weights[owner] = part_weight
        for concept_id, _, _ in hits:
            if weights.get(concept_id, 0.0) < weight:
                weights[concept_id] = weight

    def _multi_hits(
        self,
        starts: list[tuple[int, tuple[_MultiTerm, ...]]],
        matched: list[tuple[int, ...]],
        hits: list[tuple[str, int, int]],
        covered: set[int],
        present: set[int] | None = None,
    ) -> None:
        """The multi-word terms among the matched words (all their words close together, any order).

        ``starts`` are the positions whose words start multi-word terms, with those terms;
        ``present`` all matched words (if the caller has them).
        """
        if present is None:
            present = {w for ws in matched for w in ws}
        for pos, terms in starts:
            for term_wids, term_set, concept_id in terms:
                if not term_set <= present:
                    continue
                span = self._match_multi(term_wids, pos, matched)
                if span is not None:
                    hits.append((concept_id, span[0], span[1]))
                    covered.update(span[2])

    @staticmethod
    def _match_multi(
        term_wids: tuple[int, ...], pos: int, matched: list[tuple[int, ...]]
    ) -> tuple[int, int, list[int]] | None:
        """All words of the term near ``pos`` (window of the term's length + 2, any order)."""
        lo = max(0, pos - 2)
        hi = min(len(matched), pos + len(term_wids) + 2)
        used = [pos]
        for wid in term_wids[1:]:
            for p in range(lo, hi):
                if p not in used and wid in matched[p]:
                    used.append(p)
                    break
            else:
                return None
        return min(used), max(used), used

    def label(self, concept_id: str, lang: str) -> str:
        concept = self.concepts.get(concept_id)
        return concept.label(lang) if concept else concept_id


class _PieceInfos(dict[str, tuple[_TokenInfo, ...]]):
    """What each white-space separated piece of raw text contributes, for one language.

    A piece's tokens are those it has inside the whole text (normalising and lower-casing never
    add or remove white space), so a text's token infos are its pieces' in order; most pieces
    recur (filler words, names), which saves normalising and tokenising every text.
    """

    def __init__(self, lexicon: Lexicon, language: str) -> None:
        super().__init__()
        self._lexicon, self._language = lexicon, language

    def __missing__(self, piece: str) -> tuple[_TokenInfo, ...]:
        lexicon = self._lexicon
        known = lexicon._infos.get(self._language)
        if known is None:
            known = lexicon._infos[self._language] = _TokenInfos(lexicon, self._language)
        found = self[piece] = tuple(info for info in map(known.__getitem__, tokens(piece)) if info is not None)
        return found


class _TokenInfos(dict[str, "_TokenInfo | None"]):
    """A lexicon's token infos for one language, computed on first use (a plain dict lookup after)."""

    def __init__(self, lexicon: Lexicon, language: str) -> None:
        super().__init__()
        self._lexicon, self._language = lexicon, language

    def __missing__(self, token: str) -> _TokenInfo | None:
        info = self[token] = self._lexicon._token_info(token, self._language)
        return info


def _as_tuple(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise LexiconError(f"{TERMS_FILE.name}: {where}: expected a list of strings")


def parse_terms(data: Any) -> Lexicon:
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise LexiconError(f"{TERMS_FILE.name}: expected a mapping with 'source', 'as_of' and a 'concepts' list")
    concepts = []
    for index, entry in enumerate(data["concepts"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise LexiconError(f"{TERMS_FILE.name}: concept #{index}: needs an 'id'")
        cid = entry["id"]
        terms = {lang: _as_tuple(entry.get(lang), f"{cid}.{lang}") for lang in LANGUAGES}
        if not any(terms.values()):
            raise LexiconError(f"{TERMS_FILE.name}: concept '{cid}' has no terms")
        concepts.append(
            Concept(
                id=cid,
                sectors=_as_tuple(entry.get("sectors"), f"{cid}.sectors"),
                broader=_as_tuple(entry.get("broader"), f"{cid}.broader"),
                terms={lang: forms for lang, forms in terms.items() if forms},
            )
        )
    return Lexicon(concepts, source=str(data.get("source", "")), as_of=str(data.get("as_of", "")))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped term list (loaded once)."""
    with TERMS_FILE.open(encoding="utf-8") as handle:
        return parse_terms(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))  # noqa: S506
