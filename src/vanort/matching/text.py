"""Text normalisation for matching: tokens, light stemming (sv, en, uk) and a cross-script skeleton.

The stemmers only strip common inflection endings (suffix stripping); they are applied in the
same way to the term list and to the texts, so what matters is consistency, not linguistics.
The *skeleton* of a word is a rough Latin transliteration (генератор -> generator,
kompressor -> kompresor) used to find cognates and names that the term list does not know.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*", re.UNICODE)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")

# Function words that never carry meaning for matching (all three languages).
_STOPWORD_TEXT = """
    a an the of for to in on at by with and or from into as is are be been was were this that these those
    our we us their they its per about other also new used some any all each more most such than very can
    will would should could may might need needs needed needing request requested offer offers offered
    och eller i på av för till med från om som är var vara har hade det den de detta dessa vi oss vår våra
    vårt deras en ett att inte kan ska skulle får behov behöver erbjuder erbjudande erbjuds finns hos per
    cirka ca st styck stycken samt även efter under över mot utan vid
    і й та або в у на з із зі до від для по про за при як що це ці цей ця наш наша наше наші нам ми
    їх його її їхні є був була було були буде може можна потрібно потрібен потрібна потрібні потребує
    потреба потреби потребуємо просимо близько шт штук також інші інших
    """
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

_SV_SUFFIXES = (
    "heterna",
    "hetens",
    "heten",
    "heter",
    "arnas",
    "ernas",
    "ornas",
    "andes",
    "arna",
    "erna",
    "orna",
    "ande",
    "ende",
    "aste",
    "are",
    "ast",
    "ens",
    "ets",
    "het",
    "ade",
    "ad",
    "ar",
    "er",
    "or",
    "en",
    "et",
    "na",
    "as",
    "es",
    "a",
    "e",
    "s",
)
_EN_SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "s",
)
_UK_SUFFIXES = (
    "ією",
    "ія",
    "ії",
    "ію",
    "ськими",
    "ського",
    "ському",
    "ськими",
    "ськіх",
    "ськім",
    "ська",
    "ське",
    "ські",
    "ську",
    "ський",
    "ями",
    "ами",
    "ові",
    "еві",
    "ого",
    "ому",
    "ими",
    "іми",
    "ій",
    "ий",
    "ої",
    "ою",
    "ею",
    "єю",
    "их",
    "іх",
    "им",
    "ім",
    "ів",
    "їв",
    "ах",
    "ях",
    "ом",
    "ем",
    "єм",
    "ам",
    "ям",
    "а",
    "я",
    "о",
    "е",
    "є",
    "и",
    "і",
    "ї",
    "у",
    "ю",
    "ь",
    "й",
)
_MIN_STEM = {"sv": 3, "en": 3, "uk": 3}

_TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "ґ": "g",
        "д": "d",
        "е": "e",
        "є": "e",
        "ж": "z",
        "з": "z",
        "и": "i",
        "і": "i",
        "ї": "i",
        "й": "i",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "c",
        "ч": "c",
        "ш": "s",
        "щ": "s",
        "ь": "",
        "ю": "u",
        "я": "a",
        "ё": "e",
        "ы": "i",
        "э": "e",
        "ъ": "",
        "'": "",
        "’": "",
        "ʼ": "",
    }
)
_LATIN_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "y": "i", "j": "i", "w": "v", "q": "k"})


def normalise(text: str) -> str:
    """Lower-case NFC text with typographic apostrophes unified."""
    return unicodedata.normalize("NFC", text).lower().replace("ʼ", "'").replace("’", "'")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (letters only; Ukrainian apostrophes kept inside words).

    The same tokens as ``_TOKEN_RE.findall`` over the whole text, several times faster: a token
    never spans white space, and a white-space separated piece of letters only is one token
    (every ``str.isalpha`` letter is in the regex's ``[^\\W\\d_]``), so only the other pieces
    (punctuation, digits, apostrophes) go through the regex.
    """
    out: list[str] = []
    for piece in normalise(text).split():
        if piece.isalpha():
            out.append(piece)
        else:
            out.extend(_TOKEN_RE.findall(piece))
    return out


def token_spans(text: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The NFC text and its tokens with (start, end) offsets into it (same tokens as :func:`tokens`)."""
    nfc = unicodedata.normalize("NFC", text)
    lowered = normalise(text)
    if len(lowered) != len(nfc):  # a rare case where lower-casing changes the length
        return lowered, [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(lowered)]
    return nfc, [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(lowered)]


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC_RE.search(word) is not None


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """Strip one inflection ending (longest first), keeping at least three letters."""
    suffixes: tuple[str, ...]
    if language == "uk":
        suffixes = _UK_SUFFIXES
        word = word.replace("'", "")
    elif language == "en":
        suffixes = _EN_SUFFIXES
    else:
        suffixes = _SV_SUFFIXES
    minimum = _MIN_STEM.get(language, 3)
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            base = word[: -len(suffix)]
            if language == "en" and suffix == "ies":
                base += "y"
            return base
    return word


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A rough, script-independent spelling: Cyrillic transliterated, c/k and doubled letters merged."""
    text = word.translate(_TRANSLIT) if is_cyrillic(word) else word
    text = text.translate(_LATIN_FOLD)
    text = text.replace("ph", "f").replace("ck", "k").replace("x", "ks").replace("c", "k").replace("h", "")
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)
