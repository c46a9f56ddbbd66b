"""Field extraction from a repaired motion, motion answer or minutes text.

Everything here reads patterns of the genre (Swedish council motions and the executive
board's answers): title blocks such as "X — svar på motion av A B (L)", the sentence in which
the motion was raised ("Den 13 februari 2023 väckte A B (L) motionen ”X”"), the opinion's
date ("tjänsteutlåtande, daterat den ..."), the board's proposal, att-clauses, the dispatch
list, the signature block, SFS numbers, place names (gazetteer + "X i <land>") and the
municipality's partnership history ("inrättade ... vänortssamarbeten med X i <land>").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from vanort.textrepair.context import MONTH_NAMES
from vanort.textrepair.legal import LegalReference, legal_references
from vanort.textrepair.lexicon import default_lexicon
from vanort.textrepair.places import Gazetteer, Place, default_gazetteer
from vanort.textrepair.segment import Section, segment

MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
_MONTH = "|".join(MONTHS)
DATE_RE = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b|\b(\d{{4}})-(\d{{2}})-(\d{{2}})\b")
_NAME_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüæøðA-ZÅÄÖ'\-]+"
PERSON_PARTY_RE = re.compile(
    rf"({_NAME_WORD}(?: (?:{_NAME_WORD}|af|von|de|van|der))+) \(([A-ZÅÄÖ]{{1,4}}|[A-ZÅÄÖ][a-zåäö]{{1,3}})\)"
)
LAW_RE = re.compile(r"\((\d{4}:\d{1,4})\)|\bSFS (\d{4}:\d{1,4})\b")
QUOTED_RE = re.compile(r"[”“\"]([^”“\"]{3,200})[”“\"]")
ATT_LINE_RE = re.compile(r"^\s*(?:[=\-–•*·>]\s*)?(att\s.*)$")
BULLET_RE = re.compile(r"^\s*[=\-–•*·>]\s*att\s")

DECISIONS = (
    ("delvis_bifall", re.compile(r"delvis bifall|bifalls delvis|delvis bifallen|delvis tillstyrk")),
    ("besvarad", re.compile(r"\bbesvarad\b|\bbesvaras\b")),
    ("avskriven", re.compile(r"\bavskrivs\b|\bavskriven\b|\bavskriva\b")),
    ("avslag", re.compile(r"\bavslås\b|\bavslag\b|\bavslå\b")),
    ("bifall", re.compile(r"\bbifalls\b|\bbifall\b|\bbifaller\b|\btillstyrks\b|\bbifallen\b")),
)
TITLE_WORD_RE = re.compile(
    r"(direktör|chef|ordförande|sekreterare|handläggare|strateg|samordnare|utredare|jurist"
    r"|controller|ekonom|kommunråd|registrator|koordinator|specialist|ansvarig|rådgivare"
    r"|kommunalråd|oppositionsråd|analytiker|planerare|ledamot|kanslist|notarie)",
    re.IGNORECASE,
)
PARTNERSHIP_KINDS = (
    ("friendship_town", re.compile(r"vänskapsort\w*", re.IGNORECASE)),
    ("municipal_partnership", re.compile(r"(?:kommunal\w* )?partnerskap\w*", re.IGNORECASE)),
    ("cooperation_agreement", re.compile(r"samarbetsavtal\w*", re.IGNORECASE)),
    ("twin_town", re.compile(r"vänort\w*|vänstad\w*|vänkommun\w*", re.IGNORECASE)),
)
DECISION_VERBS = re.compile(r"\b(beslutade|beslöt|inrättade|tecknade|undertecknade|ingick|ingått|bildade|blev)\b")
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)(-talet)?\b")
ENDED_RE = re.compile(
    r"\b(lämnat|lämnade|avslutat|avslutade|avslutats|avslutades|upphört|upphörde|avbrutit|avbröt|sagt upp"
    r"|sades upp|avvecklat|avvecklades)\b"
)
REMAINING_RE = re.compile(r"\b(?:kvar är nu bara|kvar är bara|endast|enbart|utom)\b")
NEGATION_RE = re.compile(r"\b(inte|ingen|inga|någon formell)\b")
PROPOSAL_RE = re.compile(r"motion|uppdrag|föreslår|förslag|bifall|avslå|yrka|\bbör\b|planerar|\bvill\b|inleda")
COMPASS = "norra södra västra östra nordöstra nordvästra sydöstra sydvästra centrala mellersta nordligaste sydligaste"
DIRECTIONS = frozenset(COMPASS.split())
COMMON_WORD_ZIPF = 3.0
GIVEN_NAMES_PATH = Path(__file__).with_name("data") / "given_names.txt"


@dataclass(frozen=True)
class Proposer:
    name: str
    party: str


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str


@dataclass(frozen=True)
class PlaceRef:
    name: str
    country: str | None


@dataclass(frozen=True)
class PartnershipFact:
    a: str | None  # the home municipality; None when the document never names one
    b: str
    country: str | None
    kind: str  # twin_town | friendship_town | municipal_partnership | cooperation_agreement | other
    start: str | None  # EDTF-style partial date: "194X", "1985", "1989-01"
    end: str | None
    status: str  # active | ended


@dataclass(frozen=True)
class Motion:
    title: str
    proposers: tuple[Proposer, ...]
    filed_date: str | None
    opinion_date: str | None
    proposed_decision: str | None
    att_clauses: tuple[str, ...]
    recipients: tuple[str, ...]
    signatories: tuple[Signatory, ...]


@dataclass(frozen=True)
class Fields:
    kind: str  # motion_answer | motion | minutes | other
    title: str
    motion: Motion | None
    laws_cited: tuple[str, ...]
    places: tuple[PlaceRef, ...]
    partnership_facts: tuple[PartnershipFact, ...]
    # section references with their SFS numbers (not part of the §5 JSON contract)
    references: tuple[LegalReference, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The §5 contract shape (without the ``repair`` block)."""
        motion = None
        if self.motion is not None:
            m = self.motion
            motion = {
                "title": m.title,
                "proposers": [{"name": p.name, "party": p.party} for p in m.proposers],
                "filed_date": m.filed_date,
                "opinion_date": m.opinion_date,
                "proposed_decision": m.proposed_decision,
                "att_clauses": list(m.att_clauses),
                "recipients": list(m.recipients),
                "signatories": [{"name": s.name, "title": s.title} for s in m.signatories],
            }
        return {
            "document": {"kind": self.kind, "title": self.title},
            "motion": motion,
            "laws_cited": list(self.laws_cited),
            "places": [{"name": p.name, "country": p.country} for p in self.places],
            "partnership_facts": [
                {
                    "a": f.a,
                    "b": f.b,
                    "country": f.country,
                    "kind": f.kind,
                    "start": f.start,
                    "end": f.end,
                    "status": f.status,
                }
                for f in self.partnership_facts
            ],
        }


# -- helpers ------------------------------------------------------------------------
def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Sentences of running text (paragraph breaks and sentence ends split)."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = _flat(paragraph)
        if flat:
            out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9”])", flat) if s)
    return out


def iso_date(match: re.Match[str]) -> str:
    if match.group(1):
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    else:
        year, month, day = int(match.group(4)), int(match.group(5)), int(match.group(6))
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    text = GIVEN_NAMES_PATH.read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# -- document level -----------------------------------------------------------------
# A first line that only names the genre ("MOTION", "Tjänsteutlåtande"): the title follows it.
BARE_LABELS = frozenset({"motion", "tjänsteutlåtande", "protokoll", "skrivelse", "interpellation", "beslut"})


def title_parts(sections: tuple[Section, ...]) -> tuple[str, str]:
    """(label, title): the genre label when the document opens with one alone, and the title."""
    block = sections[0].text if sections else ""
    paragraphs = [p for p in re.split(r"\n\s*\n", block.strip()) if p.strip()] if block.strip() else []
    first = _flat(paragraphs[0]).rstrip(" —–-") if paragraphs else ""
    head, _, rest = paragraphs[0].strip().partition("\n") if paragraphs else ("", "", "")
    label = head.strip(" .:").lower()
    if label not in BARE_LABELS:
        return "", first
    if rest.strip():  # "MOTION" on its own line, the title on the next
        return label, _flat(rest).rstrip(" —–-")
    if len(paragraphs) > 1:
        return label, _flat(paragraphs[1]).rstrip(" —–-")
    following = next((s.heading for s in sections[1:] if s.heading.strip()), "")
    return label, _flat(following).rstrip(" —–-") or first


def title_block(sections: tuple[Section, ...]) -> str:
    return title_parts(sections)[1]


def document_kind(title: str, text: str) -> str:
    low_title, low = title.lower(), text.lower()
    if "svar på motion" in low_title or ("motion" in low and "tjänsteutlåtande" in low and "förslag" in low):
        return "motion_answer"
    if low_title.startswith("motion") or (
        re.search(r"\b(yrkar|föreslår jag|föreslår vi|jag föreslår|vi föreslår)\b", low)
        and "\natt " in "\n" + low.replace("\n ", "\n")
    ):
        return "motion"
    if re.search(r"\bprotokoll\b|\bjusterare\b|\bjusterandes\b", low[:2000]):
        return "minutes"
    return "other"


def motion_title(title: str, text: str) -> str:
    flat = _flat(text)
    quoted = re.search(r"\bmotion(?:en)? [”“\"]([^”“\"]{3,200})[”“\"]", flat, re.IGNORECASE)
    if quoted:
        return quoted.group(1).strip()
    split = re.split(r"\s*[—–-]\s*svar på motion\b|,\s*svar på motion\b", title, maxsplit=1)
    if len(split) > 1:
        return split[0].strip()
    if re.match(r"motion\b", title, re.IGNORECASE):
        return title  # a motion's own title block ("Motion om ...")
    found = QUOTED_RE.search(flat)
    return found.group(1).strip() if found else title


def proposers(title: str, text: str) -> tuple[Proposer, ...]:
    found: list[Proposer] = []
    sources = [title]
    sources += [s for s in sentences(text) if re.search(r"\bväck(te|t|ts)\b|\bmotion av\b", s)]
    sources.append("\n".join(text.strip().split("\n")[-12:]))  # a motion's own signatures
    for source in sources:
        for match in PERSON_PARTY_RE.finditer(_flat(source)):
            name = match.group(1)
            name = re.sub(r"^(?:Motion av|Av|av|Den|Ledamoten) ", "", name)
            if name.split()[0] in ("Den", "Motion"):
                name = " ".join(name.split()[1:])
            if len(name.split()) >= 2 and all(p.name != name for p in found):
                found.append(Proposer(name, match.group(2)))
        if found and source is not sources[-1]:
            break
    return tuple(found)


def filed_date(text: str, *, own_motion: bool = False) -> str | None:
    """When the motion was raised ("väckte"), or for a motion itself, the date under it
    ("Stockholm den 4 april 2024")."""
    for sentence in sentences(text):
        if re.search(r"\bväck(te|t|ts)\b|\binlämnad\b|\binkom\b|\blämnade in\b", sentence):
            match = DATE_RE.search(sentence)
            if match:
                return iso_date(match)
    if own_motion:
        for line in reversed(text.split("\n")):
            placed = re.match(rf"^\s*(?:[A-ZÅÄÖ][\w-]+ )?(?:den )?({DATE_RE.pattern})\s*$", line)
            if placed:
                date = DATE_RE.search(line)
                if date:
                    return iso_date(date)
    return None


def opinion_date(text: str) -> str | None:
    flat = _flat(text)
    match = re.search(r"tjänsteutlåtande[^.]{0,60}?dat(?:erat|erad|um)?(?: den)? ", flat)
    if match:
        date = DATE_RE.match(flat, match.end())
        if date:
            return iso_date(date)
    return None


def proposed_decision(sections: tuple[Section, ...], text: str) -> str | None:
    proposal = [s.text for s in sections if "förslag" in s.heading.lower()]
    for body in [*proposal, sections[1].text if len(sections) > 1 else "", text]:
        low = _flat(body).lower()
        best: tuple[int, int, str] | None = None
        for code, pattern in DECISIONS:
            match = pattern.search(low)
            if match and (best is None or (match.start(), -len(match.group())) < best[:2]):
                best = (match.start(), -len(match.group()), code)
        if best is not None:
            return best[2]
    return None


def att_clauses(text: str) -> tuple[str, ...]:
    lines = text.split("\n")
    clauses: list[str] = []
    current: list[str] | None = None
    in_list = False
    for i, line in enumerate(lines):
        match = ATT_LINE_RE.match(line)
        prev = lines[i - 1].rstrip() if i else ""
        starts = match is not None and (
            BULLET_RE.match(line) is not None or not prev.strip() or prev.endswith(":") or in_list
        )
        if starts and match is not None:
            if current:
                clauses.append(" ".join(current))
            current = [match.group(1).strip()]
            in_list = False
        elif current is not None:
            if not line.strip():
                clauses.append(" ".join(current))
                current, in_list = None, True
                continue
            current.append(line.strip())
        else:
            in_list = in_list and not line.strip()
        if current is not None and re.search(r"[.;]$|,? och$|,$", current[-1]):
            clauses.append(" ".join(current))
            current, in_list = None, True
    if current:
        clauses.append(" ".join(current))
    cleaned = [_flat(c).rstrip(" .;,").removesuffix(" och").rstrip(" ,;") for c in clauses]
    return _unique([c for c in cleaned if len(c.split()) >= 3])


def recipients(sections: tuple[Section, ...]) -> tuple[str, ...]:
    for section in sections:
        if re.search(r"skickas till|expedieras till|expediering", section.heading, re.IGNORECASE):
            body = section.text.split("\n\n")[0]
            items: list[str] = []
            for line in body.split("\n"):
                for part in re.split(r",|;|(?<!-) och ", line):
                    part = part.strip(" .•-–")
                    if part:
                        items.append(part[0].upper() + part[1:])
            return _unique(items)
    return ()


def _split_titles(line: str) -> list[str]:
    if re.search(r"\s{2,}|\t", line.strip()):
        return [t.strip() for t in re.split(r"\s{2,}|\t", line.strip()) if t.strip()]
    titles: list[list[str]] = []
    for word in line.split():
        if word[0].isupper() or not titles:
            titles.append([word])
        else:
            titles[-1].append(word)
    return [" ".join(t) for t in titles]


def _split_names(line: str, count: int) -> list[str]:
    if re.search(r"\s{2,}|\t", line.strip()):
        parts = [t.strip() for t in re.split(r"\s{2,}|\t", line.strip()) if t.strip()]
        if len(parts) == count:
            return parts
    words = line.split()
    if count <= 1:
        return [" ".join(words)]
    names = given_names()
    groups: list[list[str]] = []
    for word in words:
        if not groups or (word in names and len(groups[-1]) >= 2 and len(groups) < count):
            groups.append([word])
        else:
            groups[-1].append(word)
    if len(groups) != count:  # no given names known: two words each, the rest to the last
        groups = [words[2 * i : 2 * i + 2] for i in range(count - 1)]
        groups.append(words[2 * (count - 1) :])
    return [" ".join(g) for g in groups if g]


def _is_name_line(line: str) -> bool:
    words = line.split()
    return (
        1 < len(words) <= 10
        and all(w[0].isupper() and w.replace("-", "").isalpha() for w in words)
        and not TITLE_WORD_RE.search(line)
    )


def signatories(text: str) -> tuple[Signatory, ...]:
    lines = [line.strip() for line in text.split("\n")]
    found: list[Signatory] = []
    tail_start = len(lines) * 2 // 5
    for i in range(max(1, tail_start), len(lines)):
        line, above = lines[i], lines[i - 1]
        if not line or not TITLE_WORD_RE.search(line) or not _is_name_line(above):
            continue
        if len(line.split()) > 8 or line.endswith("."):
            continue
        titles = _split_titles(line)
        names = _split_names(above, len(titles))
        if len(names) != len(titles):
            titles = [line] if len(names) == 1 else titles
        for name, title in zip(names, titles, strict=False):
            if all(s.name != name for s in found):
                found.append(Signatory(name, title))
    return tuple(found)


def laws_cited(text: str) -> tuple[str, ...]:
    return _unique([m.group(1) or m.group(2) for m in LAW_RE.finditer(_flat(text))])


# -- places and partnerships ----------------------------------------------------------
_CAPITAL_RE = re.compile(r"\b[A-ZÅÄÖÉÜÆØÞ][\wåäöæøðé]+(?:-[A-ZÅÄÖÉÜÆØÞ][\wåäöæøðé]+)*")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    place: Place


def place_mentions(flat: str, gazetteer: Gazetteer, excluded: set[str]) -> list[_Mention]:
    mentions: list[_Mention] = []
    for match in _CAPITAL_RE.finditer(flat):
        word = match.group()
        if word in excluded:
            continue
        place = gazetteer.exact(word)
        if place is None:
            place = _place_by_context(flat, match, gazetteer)
        if place is not None:
            mentions.append(_Mention(match.start(), match.end(), place))
    return mentions


def _place_by_context(flat: str, match: re.Match[str], gazetteer: Gazetteer) -> Place | None:
    """An unknown name followed by "i <land>" ("Trostyanets i Ukraina", "X är en stad i
    nordöstra Ukraina")."""
    before = flat[max(0, match.start() - 2) : match.start()]
    if before.endswith(". ") or match.start() == 0:
        return None  # sentence-initial: any word is capitalised
    tail = flat[match.end() : match.end() + 120]
    pattern = re.match(
        r"(?:,? (?:som )?(?:är )?en (?:\w+ ){0,2}(?:stad|kommun|ort|by|hromada|region|stadsdel)"
        r"(?: \w+){0,3}?)? i (?:(\w+) )?([A-ZÅÄÖ]\w+)",
        tail,
    )
    if pattern is None or (pattern.group(1) and pattern.group(1) not in DIRECTIONS):
        return None
    country = gazetteer.exact(pattern.group(2))
    if country is None or country.kind != "country":
        return None
    if default_lexicon().zipf(match.group().lower()) >= COMMON_WORD_ZIPF:
        return None  # "Kriget i Ukraina": a capitalised common word, not a place
    return Place(match.group(), country.country, "place")


def places(text: str, gazetteer: Gazetteer, excluded: set[str]) -> tuple[PlaceRef, ...]:
    flat = _flat(text)
    found: dict[str, PlaceRef] = {}
    context_names: dict[str, str | None] = {}
    for mention in place_mentions(flat, gazetteer, excluded):
        if mention.place.kind == "country":
            continue
        context_names.setdefault(mention.place.name, mention.place.country)
    for match in _CAPITAL_RE.finditer(flat):
        name = match.group()
        place = None if name in excluded else gazetteer.exact(name)
        if place is not None and place.kind != "country" and place.name not in found:
            found[place.name] = PlaceRef(place.name, place.country)
        elif name in context_names and name not in found:
            found[name] = PlaceRef(name, context_names[name])
    return tuple(found.values())


def _partial_year(segment: str, anchor: int = 0) -> str | None:
    """The year (or decade, "194X") a segment dates: the one after its decision verb, else
    the one nearest the place mention at ``anchor``."""
    years = list(YEAR_RE.finditer(segment))
    if not years:
        return None
    verb = DECISION_VERBS.search(segment)
    chosen = min(years, key=lambda y: abs(y.start() - anchor))
    if verb is not None and len(years) > 1:
        after = [y for y in years if y.start() > verb.end()]
        chosen = after[0] if after else min(years, key=lambda y: abs(y.start() - verb.start()))
    year = chosen.group(1)
    return year[:3] + "X" if chosen.group(2) else year


def _kind_near(segment: str, position: int) -> str | None:
    best: tuple[int, str] | None = None
    for code, pattern in PARTNERSHIP_KINDS:
        for match in pattern.finditer(segment):
            distance = abs(match.start() - position)
            if best is None or distance < best[0]:
                best = (distance, code)
    return best[1] if best else None


def home_municipality(text: str, gazetteer: Gazetteer, excluded: set[str]) -> str | None:
    """The Swedish kommun the document names most often (people's names excluded)."""
    counts: Counter[str] = Counter()
    for match in _CAPITAL_RE.finditer(text):
        if match.group() in excluded:
            continue
        place = gazetteer.exact(match.group())
        if place is not None and place.country == "SE" and place.kind == "place":
            counts[place.name] += 1
    return counts.most_common(1)[0][0] if counts else None


def partnership_facts(text: str, gazetteer: Gazetteer, excluded: set[str]) -> tuple[PartnershipFact, ...]:
    """Partnerships stated as history ("inrättade ... vänortssamarbeten med X i <land>");
    proposals, negations and the motion's own wording are skipped.  ``a`` is the home
    municipality, or None when the document never names one."""
    home = home_municipality(text, gazetteer, excluded)
    facts: dict[str, PartnershipFact] = {}
    all_sentences = sentences(text)
    for sentence in all_sentences:
        low = sentence.lower()
        if PROPOSAL_RE.search(low) or NEGATION_RE.search(low) or QUOTED_RE.search(sentence):
            continue
        if low.startswith("att "):
            continue  # an att-clause is a proposal
        if not any(p.search(sentence) for _, p in PARTNERSHIP_KINDS):
            continue
        mentions = [
            m
            for m in place_mentions(sentence, gazetteer, set())
            if m.place.kind == "place" and m.place.country not in (None, "SE")
        ]
        if not mentions:
            continue
        sentence_year = _partial_year(sentence)
        for index, mention in enumerate(mentions):
            if mention.place.name in facts:
                continue
            first = min(m.start for m in mentions if m.place.name == mention.place.name)
            last = max(m.start for m in mentions if m.place.name == mention.place.name)
            prev_other = max((m.end for m in mentions[:index] if m.place.name != mention.place.name), default=0)
            later = [m.start for m in mentions[index + 1 :] if m.place.name != mention.place.name]
            next_other = min(later, default=len(sentence))
            # clauses joined by "och" date their own places
            och_before = sentence.rfind(" och ", 0, first)
            och_after = sentence.find(" och ", last)
            seg_start = max(prev_other, och_before if och_before >= 0 else 0)
            seg_end = min(next_other, och_after if och_after >= 0 else len(sentence))
            seg = sentence[seg_start:seg_end]
            prev_other = seg_start
            kind = _kind_near(sentence, last) or "other"
            start = _partial_year(seg, last - prev_other) or sentence_year
            if start is None:
                continue  # no date: not stated as history
            facts[mention.place.name] = PartnershipFact(
                home, mention.place.name, mention.place.country, kind, start, None, "active"
            )
    return tuple(_apply_endings(list(facts.values()), all_sentences, gazetteer))


def _apply_endings(
    facts: list[PartnershipFact], all_sentences: list[str], gazetteer: Gazetteer
) -> list[PartnershipFact]:
    names = {f.b for f in facts}
    for sentence in all_sentences:
        if not ENDED_RE.search(sentence):
            continue
        mentioned = {m.place.name for m in place_mentions(sentence, gazetteer, set()) if m.place.name in names}
        remaining_match = REMAINING_RE.search(sentence)
        if remaining_match is not None:
            tail = sentence[remaining_match.end() :]
            keep = {n for n in mentioned if n in tail}
            ended = names - keep
        elif mentioned:
            ended = mentioned
        else:
            continue
        end_year = None
        if mentioned and remaining_match is None:
            dated = re.search(rf"{ENDED_RE.pattern}[^.]{{0,20}}?\b(?:år )?(1[89]\d\d|20\d\d)\b", sentence)
            end_year = dated.group(2) if dated else None
        facts = [
            PartnershipFact(f.a, f.b, f.country, f.kind, f.start, end_year or f.end, "ended") if f.b in ended else f
            for f in facts
        ]
    return facts


# -- all fields -------------------------------------------------------------------------
def extract_fields(repaired_text: str) -> Fields:
    gazetteer = default_gazetteer()
    sections = segment(repaired_text)
    label, title = title_parts(sections)
    kind = document_kind(f"{label} {title}" if label else title, repaired_text)
    motion: Motion | None = None
    # people named with a party, "Anna Berg (S)", are not places ("Berg" is a kommun)
    people: set[str] = {
        word
        for line in repaired_text.split("\n")
        for match in PERSON_PARTY_RE.finditer(line)
        for word in match.group(1).split()[-3:]
    }
    if kind in ("motion_answer", "motion"):
        found_proposers = proposers(title, repaired_text)
        found_signatories = signatories(repaired_text)
        motion = Motion(
            title=title if label == "motion" and kind == "motion" else motion_title(title, repaired_text),
            proposers=found_proposers,
            filed_date=filed_date(repaired_text, own_motion=kind == "motion"),
            opinion_date=opinion_date(repaired_text),
            proposed_decision=proposed_decision(sections, repaired_text) if kind == "motion_answer" else None,
            att_clauses=att_clauses(repaired_text),
            recipients=recipients(sections),
            signatories=found_signatories,
        )
        names = [p.name for p in found_proposers] + [s.name for s in found_signatories]
        for name in names:
            people.update(name.split())
    return Fields(
        kind=kind,
        title=title,
        motion=motion,
        laws_cited=laws_cited(repaired_text),
        references=legal_references(repaired_text),
        places=places(repaired_text, gazetteer, people),
        partnership_facts=partnership_facts(repaired_text, gazetteer, people),
    )
