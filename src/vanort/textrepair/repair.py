"""OCR repair of Swedish text that lost å, ä and ö.

For every word token the repair reads the token through the confusion model
(:mod:`vanort.textrepair.confusion`), looks up the lexicon words (or Hunspell compounds)
it may stand for, and scores each reading as

    score = Zipf frequency + log10 P(observed glyphs | word) + context

where ``P`` uses the document's own damage rate ``r`` (estimated from the tokens that can
only be damaged words versus the intact å/ä/ö words).  The best reading wins; its
confidence is its share of the probability mass.  Changes at or above
:data:`APPLY_THRESHOLD` are applied, weaker ones are returned flagged (``applied=False``)
and the token is left as it was.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from vanort.textrepair import context, legal, specks
from vanort.textrepair.confusion import Unit, segmentations, skeleton_keys, with_dropped
from vanort.textrepair.lexicon import (
    BEGIN,
    END,
    HUNSPELL,
    MIDDLE,
    WORD,
    Lexicon,
    default_lexicon,
)
from vanort.textrepair.places import Gazetteer, default_gazetteer, fold_key

APPLY_THRESHOLD = 0.75
REVIEW_FLOOR = 0.2
# Scores of leaving a token that is no word as it is (a name, a rare word, debris): lower
# case, capitalised; each glyph that Swedish words hardly have (é, digits, &) costs one more.
UNKNOWN_ZIPF = -1.0
UNKNOWN_NAME_ZIPF = 1.0
SUSPICIOUS = "é0123456789&"
LONG_UNKNOWN_COST = 0.1  # per letter beyond 8: long strings are rarely unknown words
# A compound that Hunspell's flags allow scores like a dictionary form wordfreq has not
# seen; each part beyond two costs 0.5, each part not flagged for its position 1.5.
COMPOUND_ZIPF = 1.5
EXTRA_PART_COST = 0.5
HEAD_WEIGHT = 0.5  # the last part (the head) moves a compound's score by its frequency
FALLBACK_PART_COST = 1.5
HUNSPELL_ONLY_ZIPF = 1.5  # score of a dictionary form that wordfreq has not seen
# Lower-case words only wordfreq knows include foreign words and OCR debris ("frn", "dr").
WORDFREQ_ONLY_PENALTY = 1.0  # for words of up to 4 letters
WORDFREQ_ONLY_LONG_PENALTY = 0.3
WORDFREQ_ONLY_MIN = 2.5  # below this, such a word does not count as a word
MAX_PARTS = 4
STRONG_WORD_ZIPF = 2.5  # a token that reads as such a word is not tried as a compound
PART_CANDIDATES = 2
MIN_PART = 3  # letters; Hunspell allows 2, which lets abbreviations glue onto debris
COMPOUND_BEAM = 4
_LOG_HALF = math.log10(0.5)
AASCII = "åäöÅÄÖ"

TOKEN_RE = re.compile(r"[^\W_]+(?:&[^\W_]*)*|&[^\W_]+")
# Starts only where a word starts and never gives back what it took: linear on a 60,000-letter "word".
HYPHEN_NAME_RE = re.compile(r"(?<![^\W_])[^\W\d_][^\W_]*+(?:-[^\W\d_][^\W_]*+)+")


# Longer than "arbetsmiljöverksamhetsberättelserna": not a word repair should try to split.
MAX_WORD_CHARS = 40


@dataclass(frozen=True)
class Change:
    line: int  # 0-based line number
    start: int  # offsets in the original line
    end: int
    before: str
    after: str
    confidence: float
    applied: bool


@dataclass(frozen=True)
class RepairResult:
    text: str
    tokens: int
    changes: tuple[Change, ...]
    damage_rate: float

    @property
    def changed(self) -> int:
        """Number of applied changes."""
        return sum(1 for change in self.changes if change.applied)

    @property
    def flagged(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if not change.applied)


class Reading(NamedTuple):
    """One way to read a token (a named tuple: cheap to create in the hot loop)."""

    word: str  # lower case
    zipf: float
    cost: float  # sum of log10 p over the damaged glyphs, without the damage rate
    scaled: int  # number of letter-for-letter confusions (each also costs log10 r)
    hunspell: bool = True  # False: only wordfreq knows the word
    compound: bool = False

    def score(self, log_r: float) -> float:
        return self.zipf + self.cost + self.scaled * log_r


@dataclass(frozen=True)
class Readings:
    token: str  # lower case
    is_word: bool
    options: tuple[Reading, ...]  # includes the token itself when it is a word


@dataclass
class _Token:
    line: int
    start: int
    end: int
    text: str
    lower: str
    readings: Readings | None = None
    fixed: str | None = None  # decided outside the lexicon model (place names, "1")
    fixed_confidence: float = 0.0
    choice: str = ""
    confidence: float = 1.0
    protected: bool = False
    gap: str = ""  # what separates this token from the next ("\n" across lines)
    sentence_start: bool = False


class Repairer:
    """Stateless apart from caches; one instance can repair many documents."""

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None):
        self.lexicon = lexicon or default_lexicon()
        self.gazetteer = gazetteer or default_gazetteer()
        self._cache: dict[str, Readings] = {}

    # -- readings of one token -------------------------------------------------------
    def readings(self, token: str) -> Readings:
        cached = self._cache.get(token)
        if cached is None:
            cached = self._cache[token] = self._readings(token)
        return cached

    def _readings(self, token: str) -> Readings:
        lex = self.lexicon
        entry = lex.get(token)
        is_word = (
            entry is not None
            and bool(entry.roles & WORD)
            and (bool(entry.roles & HUNSPELL) or entry.zipf >= WORDFREQ_ONLY_MIN)
        )
        best: dict[str, Reading] = {}
        segs = segmentations(token)
        for units in segs:
            for reading in self._whole(units):
                _keep_best(best, reading)
        strong = any(r.hunspell and r.zipf >= STRONG_WORD_ZIPF for r in best.values())
        if not is_word and not strong:
            whole = [r.cost + r.scaled * _LOG_HALF for r in best.values() if r.hunspell]
            bar = max(whole, default=-math.inf)
            for units in segs:
                for reading in self._compound(units):
                    # a made-up compound must explain the glyphs better than a real word
                    if reading.cost + reading.scaled * _LOG_HALF > bar + 1e-9:
                        _keep_best(best, reading)
        if not is_word and all(w == token for w in best) and len(token) >= 3:
            for units in segs[:1]:
                for dropped in with_dropped(units):
                    for reading in self._whole(dropped):
                        _keep_best(best, reading)
        return Readings(token, is_word, tuple(best.values()))

    def _whole(self, units: tuple[Unit, ...]) -> list[Reading]:
        out = []
        for key in skeleton_keys(units):
            for entry in self.lexicon.entries(key):
                if entry.roles & WORD and len(entry.word) == len(units):
                    fit = _fit(units, entry.word)
                    if fit is not None:
                        hun = bool(entry.roles & HUNSPELL)
                        zipf = entry.zipf or HUNSPELL_ONLY_ZIPF
                        out.append(Reading(entry.word, zipf, fit[0], fit[1], hun))
        return out

    def _compound(self, units: tuple[Unit, ...]) -> list[Reading]:
        """Readings of the token as a Hunspell-style compound (k best segmentations)."""
        n = len(units)
        if n < 2 * MIN_PART:
            return []
        simple = all(len(u.keys) == 1 for u in units)
        key = "".join(u.keys[0] for u in units) if simple else ""
        # paths[i]: the best few (value, parts, cost, scaled, fallbacks) covering units[:i]
        paths: dict[int, list[tuple[float, tuple[str, ...], float, int, float]]] = {0: [(0.0, (), 0.0, 0, 0.0)]}
        for end in range(MIN_PART, n + 1):
            found: list[tuple[float, tuple[str, ...], float, int, float]] = []
            for start in range(0, end - MIN_PART + 1):
                prevs = paths.get(start)
                if not prevs or (start == 0 and end == n):
                    continue
                role = END if end == n else (BEGIN if start == 0 else MIDDLE)
                keys = (key[start:end],) if simple else tuple(skeleton_keys(units[start:end]))
                for word, cost, scaled, zipf, fallback in self._part(units[start:end], role, keys):
                    fallback_cost = FALLBACK_PART_COST * fallback
                    weight = HEAD_WEIGHT if end == n else 0.1
                    step = cost + scaled * _LOG_HALF + weight * min(zipf, 5.0) - 1.0
                    step -= fallback_cost
                    head = HEAD_WEIGHT * (min(zipf, 5.0) - 3.5) if end == n else 0.0
                    for value, parts, pcost, pscaled, pfall in prevs:
                        if len(parts) < MAX_PARTS:
                            found.append(
                                (
                                    value + step,
                                    (*parts, word),
                                    pcost + cost,
                                    pscaled + scaled,
                                    pfall + fallback_cost - head,
                                )
                            )
            if found:
                found.sort(key=lambda path: path[0], reverse=True)
                paths[end] = found[:COMPOUND_BEAM]
        readings = []
        for _, parts, cost, scaled, fallbacks in paths.get(n, []):
            if len(parts) >= 2:
                zipf = COMPOUND_ZIPF - EXTRA_PART_COST * (len(parts) - 2) - fallbacks
                readings.append(Reading("".join(parts), zipf, cost, scaled, compound=True))
        return readings

    def _part(
        self, units: tuple[Unit, ...], role: int, keys: tuple[str, ...]
    ) -> list[tuple[str, float, int, float, bool]]:
        """The best lexicon words for one compound part: (word, cost, scaled, zipf, fallback).

        Hunspell's compound flags are strict (many ordinary words lack COMPOUNDEND), so a
        plain dictionary word may also serve, marked ``fallback`` (it costs more).
        """
        ranked: list[tuple[float, tuple[str, float, int, float, bool]]] = []
        for key in keys:
            for entry in self.lexicon.entries(key):
                if len(entry.word) != len(units):
                    continue
                if entry.roles & role:
                    fallback = False
                elif entry.roles & HUNSPELL and entry.roles & (WORD | BEGIN | MIDDLE):
                    fallback = True
                else:
                    continue
                fit = _fit(units, entry.word)
                if fit is None:
                    continue
                zipf = entry.zipf or HUNSPELL_ONLY_ZIPF
                rank = fit[0] + fit[1] * _LOG_HALF + HEAD_WEIGHT * min(zipf, 5.0)
                rank -= FALLBACK_PART_COST * fallback
                ranked.append((rank, (entry.word, fit[0], fit[1], zipf, fallback)))
        ranked.sort(key=lambda item: item[0], reverse=True)
        return [item for _, item in ranked[:PART_CANDIDATES]]

    # -- a whole text ----------------------------------------------------------------
    def repair(self, text: str) -> RepairResult:
        lines = text.split("\n")
        tokens = self._tokens(lines)
        log_r = math.log10(self._damage_rate(tokens))
        self._choose(tokens, log_r)
        return self._result(lines, tokens, 10**log_r)

    def _tokens(self, lines: Sequence[str]) -> list[_Token]:
        out: list[_Token] = []
        gaz = self.gazetteer
        for number, line in enumerate(lines):
            covered: list[tuple[int, int]] = []
            for match in HYPHEN_NAME_RE.finditer(line):
                name = match.group()
                if not name[0].isupper():
                    continue
                place = gaz.find(name)
                if place is not None:
                    token = _Token(number, match.start(), match.end(), name, name.lower())
                    token.protected = True
                    if place.name != name and place.name.lower() != name.lower():
                        token.fixed, token.fixed_confidence = place.name, 0.9
                    out.append(token)
                    covered.append((match.start(), match.end()))
            for match in TOKEN_RE.finditer(line):
                if any(a <= match.start() < b for a, b in covered):
                    continue
                word = match.group()
                token = _Token(number, match.start(), match.end(), word, word.lower())
                self._classify(token)
                out.append(token)
        out.sort(key=lambda t: (t.line, t.start))
        if out:
            out[0].sentence_start = True
        for left, right in itertools.pairwise(out):
            if left.line == right.line:
                left.gap = lines[left.line][left.end : right.start]
            else:
                newlines = "\n" * (right.line - left.line)
                left.gap = lines[left.line][left.end :] + newlines + lines[right.line][: right.start]
            ending = left.gap.rstrip()
            right.sentence_start = ending.endswith((".", "!", "?", ":", "”", '"')) or (
                "\n\n" in left.gap.replace(" ", "")
            )
        return out

    def _classify(self, token: _Token) -> None:
        word = token.text
        # A "word" longer than any Swedish compound is debris (a ruler line, base64, a URL):
        # leaving it alone keeps repair linear in the text's length.
        if word.isdigit() or len(word) == 1 or len(word) > MAX_WORD_CHARS:
            token.protected = True
            return
        if sum(ch.isupper() for ch in word) > 1 and not any(ch.isdigit() for ch in word):
            token.protected = True  # acronyms such as SRV, ST, KF
            return
        if word[0].isupper():
            place = self.gazetteer.exact(word)
            if place is not None:
                token.protected = True
                return
            if not self.lexicon.is_word(token.lower):
                place = self.gazetteer.fuzzy(word)
                if place is not None and " " not in place.name:
                    token.protected = True
                    token.fixed, token.fixed_confidence = place.name, 0.85
                    return
        if any(ch.isdigit() for ch in word) and not any(ch in "01&46" for ch in word):
            token.protected = True
            return
        token.readings = self.readings(token.lower)

    def _damage_rate(self, tokens: Sequence[_Token]) -> float:
        damaged = intact = 0
        log_r = math.log10(0.5)
        for token in tokens:
            readings = token.readings
            if readings is None:
                continue
            if readings.is_word:
                intact += sum(token.lower.count(ch) for ch in "åäö")
            elif readings.options:
                best = max(readings.options, key=lambda r: r.score(log_r))
                if best.score(log_r) > UNKNOWN_ZIPF:
                    damaged += sum(best.word.count(ch) for ch in "åäö")
        rate = (damaged + 1) / (damaged + intact + 2)
        return min(0.9, max(0.02, rate))

    def _consistent_names(self, tokens: list[_Token]) -> None:
        """A capitalised name the lexicon does not know, spelt one way most of the time, is
        that name where it once differs only in a confusable letter ("Trostyånets" beside
        five "Trostyanets")."""
        groups: dict[str, dict[str, list[_Token]]] = {}
        for token in tokens:
            word = token.choice or token.text
            if len(word) < 4 or not word[:1].isupper() or (token.protected and token.fixed is None):
                continue
            if self.lexicon.is_word(word.lower()):
                continue
            groups.setdefault(fold_key(word), {}).setdefault(word, []).append(token)
        for spellings in groups.values():
            if len(spellings) < 2:
                continue
            ranked = sorted(spellings.items(), key=lambda item: len(item[1]), reverse=True)
            major, major_tokens = ranked[0]
            for spelling, minority in ranked[1:]:
                if len(major_tokens) >= 3 * len(minority) and len(spelling) == len(major):
                    for token in minority:
                        token.choice, token.confidence = major, max(0.8, token.confidence if token.fixed else 0.8)
                        token.fixed, token.fixed_confidence = major, token.confidence

    def _choose(self, tokens: list[_Token], log_r: float) -> None:
        # first pass without context, second pass with neighbours from the first pass
        for token in tokens:
            token.choice, token.confidence = self._decide(token, log_r, None)
        for index, token in enumerate(tokens):
            readings = token.readings
            if readings is None or len(readings.options) + (not readings.is_word) < 2:
                continue
            prev_word = tokens[index - 1].choice.lower() if index else ""
            next_word = tokens[index + 1].choice.lower() if index + 1 < len(tokens) else ""
            ctx = context.Context(prev_word, next_word, token.gap)
            token.choice, token.confidence = self._decide(token, log_r, ctx)
        for index, token in enumerate(tokens):
            if token.text == "1":
                conf = context.digit_one_as_i(tokens_window(tokens, index))
                if conf > 0:
                    token.choice, token.confidence = "i", conf
                    token.fixed, token.fixed_confidence = "i", conf
        self._consistent_names(tokens)

    def _decide(self, token: _Token, log_r: float, ctx: context.Context | None) -> tuple[str, float]:
        if token.fixed is not None:
            return token.fixed, token.fixed_confidence
        readings = token.readings
        if readings is None or not readings.options:
            return token.text, 1.0
        scored: list[tuple[float, str]] = []
        name_like = token.text[:1].isupper() and not token.sentence_start
        for reading in readings.options:
            if reading.compound and name_like:
                continue
            score = reading.score(log_r)
            if not reading.hunspell and not name_like:
                short = len(reading.word) <= 4
                score -= WORDFREQ_ONLY_PENALTY if short else WORDFREQ_ONLY_LONG_PENALTY
            if ctx is not None:
                score += context.bonus(reading.word, readings.token, ctx)
            scored.append((score, reading.word))
        # Leaving the token as it is stays an option whenever no scored reading is the token
        # itself (for a capitalised word in mid-line the compound readings are skipped, so
        # there may be none left at all).
        if all(word != readings.token for _, word in scored):
            keep = UNKNOWN_NAME_ZIPF if name_like else UNKNOWN_ZIPF
            keep -= sum(token.text.count(ch) for ch in SUSPICIOUS)
            keep -= LONG_UNKNOWN_COST * max(0, len(token.text) - 8)
            scored.append((keep, readings.token))
        scored.sort(reverse=True)
        top = scored[0][0]
        total = sum(10 ** (score - top) for score, _ in scored)
        return _match_case(token.text, scored[0][1]), 1.0 / total

    def _speck_changes(self, lines: Sequence[str], taken: Sequence[Change]) -> list[Change]:
        busy: dict[int, list[tuple[int, int]]] = {}
        for change in taken:
            busy.setdefault(change.line, []).append((change.start, change.end))
        out = []
        sentence_start = True
        for number, line in enumerate(lines):
            if any(ch in line for ch in specks.SPECKS):
                for fix in specks.speck_fixes(line, self.lexicon.is_word, sentence_start=sentence_start):
                    if any(a < fix.end and fix.start < b for a, b in busy.get(number, [])):
                        continue
                    before = line[fix.start : fix.end]
                    applied = fix.confidence >= APPLY_THRESHOLD
                    out.append(Change(number, fix.start, fix.end, before, fix.after, fix.confidence, applied))
            stripped = line.rstrip()
            if stripped:
                sentence_start = stripped.endswith((".", "!", "?", ":"))
            elif line == "":
                sentence_start = True
        return out

    def _result(self, lines: list[str], tokens: list[_Token], rate: float) -> RepairResult:
        changes: list[Change] = []
        for token in tokens:
            if token.choice == token.text or token.confidence < REVIEW_FLOOR:
                continue
            applied = token.confidence >= APPLY_THRESHOLD
            changes.append(
                Change(
                    token.line, token.start, token.end, token.text, token.choice, round(token.confidence, 3), applied
                )
            )
        changes.extend(_sign_changes(lines, changes))
        changes.extend(self._speck_changes(lines, changes))
        changes.sort(key=lambda c: (c.line, c.start))
        new_lines = list(lines)
        by_line: dict[int, list[Change]] = {}
        for change in changes:
            if change.applied:
                by_line.setdefault(change.line, []).append(change)
        for number, line_changes in by_line.items():
            line = new_lines[number]
            for change in sorted(line_changes, key=lambda c: c.start, reverse=True):
                line = line[: change.start] + change.after + line[change.end :]
            new_lines[number] = line
        return RepairResult("\n".join(new_lines), len(tokens), tuple(changes), rate)


def _sign_changes(lines: Sequence[str], taken: Sequence[Change]) -> list[Change]:
    """`§`, `§§` and en dashes restored in legal references (see :mod:`legal`)."""
    busy: dict[int, list[tuple[int, int]]] = {}
    for change in taken:
        busy.setdefault(change.line, []).append((change.start, change.end))
    out = []
    for number, line in enumerate(lines):
        if not any(ch in line for ch in "8$&5S-"):
            continue
        previous = lines[number - 1] if number else ""
        following = lines[number + 1] if number + 1 < len(lines) else ""
        for fix in legal.section_sign_fixes(line, previous, following):
            if any(a < fix.end and fix.start < b for a, b in busy.get(number, [])):
                continue
            before = line[fix.start : fix.end]
            applied = fix.confidence >= APPLY_THRESHOLD
            out.append(Change(number, fix.start, fix.end, before, fix.after, fix.confidence, applied))
    return out


def tokens_window(tokens: Sequence[_Token], index: int) -> context.Window:
    """The token at ``index`` with its neighbours and what separates them."""
    prev = tokens[index - 1] if index else None
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    return context.Window(
        prev_word=prev.choice if prev else "",
        next_word=nxt.choice if nxt else "",
        gap_before=prev.gap if prev else "\n",
        gap_after=tokens[index].gap if nxt else "\n",
    )


def _fit(units: tuple[Unit, ...], word: str) -> tuple[float, int] | None:
    cost = 0.0
    scaled = 0
    for u, char in zip(units, word, strict=True):
        if char == u.observed:
            continue
        for true, p, is_scaled in u.options:
            if true == char:
                cost += math.log10(p)
                scaled += is_scaled
                break
        else:
            return None
    return cost, scaled


def _keep_best(best: dict[str, Reading], reading: Reading) -> None:
    current = best.get(reading.word)
    if current is None or reading.score(_LOG_HALF) > current.score(_LOG_HALF):
        best[reading.word] = reading


def _match_case(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1 and sum(c.isalpha() for c in original) > 1:
        return word.upper()
    if original[:1].isupper() or (original[:1].isdigit() and original[1:2].isupper()):
        return word[:1].upper() + word[1:]
    return word


_REPAIRER: Repairer | None = None


def default_repairer() -> Repairer:
    global _REPAIRER
    if _REPAIRER is None:
        _REPAIRER = Repairer()
    return _REPAIRER


def repair_text(text: str) -> RepairResult:
    """Repair OCR damage to å, ä and ö in ``text``; the result keeps its line structure."""
    return default_repairer().repair(text)
