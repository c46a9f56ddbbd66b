"""Context rules for readings that are valid words either way.

A small, general model of Swedish function words: "år" after numerals and quantifiers
and before a year, "bör"/"får" before an infinitive, the noun "stöd" after determiners,
prepositions and genitives, infinitives in -å after "att" and modal verbs, and the word
"i" misread as the digit "1".  Bonuses are in log10 units, added to a reading's score.
"""

from __future__ import annotations

from dataclasses import dataclass

NUMERALS = frozenset(
    [
        "ett",
        "en",
        "två",
        "tre",
        "fyra",
        "fem",
        "sex",
        "sju",
        "åtta",
        "nio",
        "tio",
        "elva",
        "tolv",
        "tretton",
        "fjorton",
        "femton",
        "sexton",
        "sjutton",
        "arton",
        "nitton",
        "tjugo",
        "trettio",
        "fyrtio",
        "femtio",
        "hundra",
        "tusen",
    ]
)
QUANTIFIERS = frozenset(
    [
        "många",
        "flera",
        "några",
        "varje",
        "vart",
        "per",
        "detta",
        "samma",
        "nästa",
        "förra",
        "senaste",
        "hela",
        "första",
        "andra",
        "tredje",
        "fjärde",
        "sista",
        "varannat",
        "par",
        "innevarande",
        "kommande",
        "föregående",
        "i",
    ]
)
YEAR_FOLLOWERS = frozenset(["sedan", "senare", "tidigare", "efter", "framåt"])
SUBJECTS = frozenset(
    [
        "det",
        "detta",
        "den",
        "denna",
        "som",
        "vilket",
        "vilka",
        "han",
        "hon",
        "vi",
        "ni",
        "de",
        "man",
        "jag",
        "du",
        "här",
        "där",
        "nu",
        "också",
        "inte",
        "ju",
        "dock",
    ]
)
MODAL_STEMS = {"bör": "bor", "får": "far"}
NOT_INFINITIVE = frozenset(
    [
        "inga",
        "andra",
        "alla",
        "dessa",
        "flera",
        "många",
        "några",
        "sina",
        "hela",
        "egna",
        "stora",
        "nya",
        "svenska",
        "vilka",
        "mina",
        "dina",
        "våra",
        "era",
        "samma",
        "båda",
        "bara",
        "sedan",
        "redan",
        "enda",
    ]
)
RESIDENCE_WORDS = frozenset(["i", "på", "kvar", "hos", "nära", "där", "här", "hemma", "utomlands", "tillsammans"])
COMMON_INFINITIVES = frozenset(["ha", "gå", "få", "se", "ge", "ta", "bli", "stå", "dö", "nå", "må"])
NOUN_PRECEDERS = frozenset(
    [
        "till",
        "för",
        "med",
        "av",
        "om",
        "utan",
        "sitt",
        "sin",
        "sina",
        "ert",
        "vårt",
        "deras",
        "dess",
        "ett",
        "det",
        "mer",
        "mycket",
        "mindre",
        "visst",
        "ökat",
        "ökade",
        "ge",
        "ger",
        "gav",
        "få",
        "får",
        "fick",
        "behöver",
        "behövs",
        "söka",
        "söker",
        "visa",
        "visar",
        "ekonomiskt",
        "statligt",
        "ytterligare",
        "något",
        "inget",
        "allt",
        "stort",
        "starkt",
    ]
)
NOUN_FOLLOWERS = frozenset(["till", "och", "som", "från", "åt"])
VERB_PRECEDERS = frozenset(["han", "hon", "jag", "vi", "ni", "de"])
VERB_FOLLOWERS = frozenset(["på", "kvar", "inför", "still", "bakom", "fast", "ut"])
INFINITIVE_MARKERS = frozenset(
    [
        "att",
        "kan",
        "ska",
        "skall",
        "bör",
        "får",
        "måste",
        "vill",
        "kunna",
        "kommer",
        "skulle",
        "kunde",
        "borde",
        "ville",
    ]
)
COMPARATIVES = frozenset(["mer", "mindre", "fler", "färre", "annat", "annan", "andra", "hellre", "snarare"])

MONTH_NAMES: tuple[str, ...] = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS = frozenset(MONTH_NAMES) | frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"]
)
COUNTED = frozenset(
    [
        "kap",
        "kapitel",
        "kapitlet",
        "st",
        "kr",
        "procent",
        "tkr",
        "mnkr",
        "mkr",
        "miljon",
        "miljoner",
        "miljard",
        "miljarder",
        "gång",
        "person",
        "timme",
        "timmar",
        "minut",
        "dag",
        "vecka",
        "månad",
        "år",
        "km",
        "mil",
        "m",
        "ha",
        "kvm",
        "ton",
        "meter",
        "krona",
        "kronor",
        "euro",
    ]
)
NUMBERED = frozenset(
    [
        "bilaga",
        "bilagan",
        "punkt",
        "kap",
        "kapitel",
        "nr",
        "nummer",
        "sida",
        "sidan",
        "avsnitt",
        "paragraf",
        "steg",
        "fas",
        "version",
        "del",
        "den",
        "dag",
        "dagen",
        "alternativ",
        "tabell",
        "figur",
        "bild",
        "mål",
        "ärende",
        "ärendet",
        "rad",
        "och",
        "eller",
        "till",
        "från",
        "samt",
        "att",
    ]
)


@dataclass(frozen=True)
class Context:
    prev_word: str  # lower case, as chosen in the first pass
    next_word: str
    gap_after: str  # what separates the token from the next one


def bonus(word: str, observed: str, ctx: Context) -> float:
    """Extra log10 score for reading ``observed`` as ``word`` in this context."""
    prev, nxt = ctx.prev_word, ctx.next_word
    joined = ctx.gap_after.strip() == ""
    if word in ("år", "års"):
        if prev in NUMERALS or prev in QUANTIFIERS or prev.isdigit():
            return 3.0
        if joined and (nxt.isdigit() or nxt in YEAR_FOLLOWERS):
            return 3.0
        return 0.0
    if word == "är" and prev in SUBJECTS:
        return 0.5
    if word in MODAL_STEMS and observed == MODAL_STEMS[word] and joined:
        if word == "bör" and nxt in RESIDENCE_WORDS:
            return -1.5
        if nxt in COMMON_INFINITIVES or (len(nxt) > 3 and nxt.endswith(("a", "as")) and nxt not in NOT_INFINITIVE):
            return 2.0
        return 0.0
    if word == "får" and joined and nxt == "i" and (prev in SUBJECTS or prev.endswith(("en", "et"))):
        return 2.0  # "kommunstyrelsen får i uppdrag"
    if word == "än" and (prev in COMPARATIVES or (len(prev) > 4 and prev.endswith("re"))):
        return 3.0
    if word == "våra" and observed == "vara" and prev not in INFINITIVE_MARKERS:
        if joined and len(nxt) > 4 and nxt.endswith(("or", "ar", "er", "na", "en")):
            return 2.0
        return 0.0
    if word == "stöd" and observed == "stod":
        if prev in VERB_PRECEDERS or (joined and nxt in VERB_FOLLOWERS):
            return -1.0
        if prev in NOUN_PRECEDERS or prev.endswith(("s", "iskt", "ligt")):
            return 1.5
        if not joined or nxt in NOUN_FOLLOWERS:
            return 1.5
        return 0.0
    if prev in INFINITIVE_MARKERS and word.endswith("å") and observed.endswith("a") and word[:-1] == observed[:-1]:
        return 1.5
    return 0.0


@dataclass(frozen=True)
class Window:
    prev_word: str
    next_word: str
    gap_before: str
    gap_after: str


def digit_one_as_i(window: Window) -> float:
    """Confidence that a lone "1" is the preposition "i" misread (0 = it is a number)."""
    nxt, prev = window.next_word, window.prev_word.lower()
    if not nxt or not nxt[0].isalpha():
        return 0.0
    if window.gap_after.strip() or window.gap_before.strip(" \n") not in ("", ",", "”", ")"):
        return 0.0
    if nxt.lower() in MONTHS or nxt.lower() in COUNTED:
        return 0.0
    if prev in NUMBERED or prev.isdigit() or not prev:
        return 0.0
    if "\n" in window.gap_before and prev[:1].isupper():
        return 0.4  # a numbered heading is as likely
    return 0.9
