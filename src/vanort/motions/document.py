"""The board's proposal (Kommunstyrelsens förslag till kommunfullmäktige) as a plain value.

Built once from a motion and rendered twice: as HTML (template) and as PDF (`pdf.py`). Its
structure follows the seed document: title line, heading, decision sentence, the opinion's
sections, signatories, attachments and "Beslutet ska skickas till".
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from vanort.motions.models import DecisionBody, Motion
from vanort.motions.states import Outcome

HEADING = "Kommunstyrelsens förslag till kommunfullmäktige"
SEND_TO = "Beslutet ska skickas till"
ATTACHMENTS = "Bilaga"
MONTHS = (
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

#: A section longer than this is cut in the proposal (the case page has the whole text); new
#: sections are refused beyond it (`services.opinion_save`).
MAX_SECTION_CHARS = 20_000

#: The decision sentence when the opinion does not spell one out.
_SENTENCES = {
    Outcome.BIFALL: "Motionen bifalls.",
    Outcome.DELVIS_BIFALL: "Motionen bifalls delvis.",
    Outcome.AVSLAG: "Motionen avslås.",
    Outcome.BESVARAD: "Motionen anses besvarad.",
    Outcome.AVSKRIVEN: "Motionen avskrivs.",
}


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass(frozen=True)
class ProposalDocument:
    municipality: str
    diarienummer: str
    title: str
    heading: str
    decision_sentence: str
    sections: tuple[Section, ...]
    signatories: tuple[tuple[str, str], ...]
    attachments: tuple[str, ...]
    recipients: tuple[str, ...]
    opinion_date: str
    date: str  # the date the document carries: the officer report's, else the board's proposal's

    def header(self) -> str:
        """The header line of every page: municipality, registry number and date."""
        return " · ".join(
            x for x in (self.municipality, f"Dnr {self.diarienummer}" if self.diarienummer else "", self.date) if x
        )


def swedish_date(value: object) -> str:
    """2023-10-04 → "4 oktober 2023"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"  # type: ignore[attr-defined]


def title_line(motion: Motion) -> str:
    names = [f"{p.name} ({p.party})" if p.party else p.name for p in motion.proposers.all()]
    by = " och ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else "")
    return f"{motion.title} – svar på motion av {by}" if by else motion.title


def _sentence(motion: Motion, opinion: object | None) -> str:
    written = getattr(opinion, "decision_sentence", "") if opinion is not None else ""
    if written:
        return written
    return _SENTENCES.get(motion.recommendation, "") if motion.recommendation else ""  # type: ignore[call-overload]


def file_name(motion: Motion) -> str:
    """A download name people recognise: "KS-2023-512-kommunstyrelsens-forslag.pdf" (ASCII only)."""
    ident = motion.diarienummer or f"motion-{motion.pk}"
    stem = re.sub(r"[^A-Za-z0-9]+", "-", unicodedata.normalize("NFKD", ident).encode("ascii", "ignore").decode())
    return f"{stem.strip('-')}-kommunstyrelsens-forslag.pdf"


def _document_date(motion: Motion, opinion: object | None) -> str:
    board = [d.date for d in motion.decisions.all() if d.body == DecisionBody.BOARD]
    day = getattr(opinion, "date", None) or (max(board) if board else None)
    return swedish_date(day) if day else ""


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_SECTION_CHARS else text[:MAX_SECTION_CHARS].rstrip() + " […]"


def cache_key(motion: Motion) -> str:
    """Changes whenever anything the proposal shows changes (motion, opinion, attachments)."""
    opinion = getattr(motion, "opinion", None)
    parts = [
        motion.pk,
        motion.version,
        motion.municipality.version,
        opinion.version if opinion else 0,
        opinion.updated_at.timestamp() if opinion else 0,
        *(a.pk for a in motion.attachments.all()),
        *(a.title for a in motion.attachments.all()),
    ]
    return "proposal-pdf:" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def build(motion: Motion) -> ProposalDocument:
    """The proposal of a motion loaded with `selectors.motion_get` (no further queries)."""
    opinion = getattr(motion, "opinion", None)  # a missing reverse one-to-one is an AttributeError
    sections = tuple(Section(s.heading, _bounded(s.body)) for s in opinion.sections.all()) if opinion else ()
    signatories = tuple((s.name, s.title) for s in opinion.signatories.all()) if opinion else ()
    attachments = tuple(f"Bilaga {i}. {a.title}" for i, a in enumerate(motion.attachments.all(), start=1))
    return ProposalDocument(
        municipality=motion.municipality.name,
        diarienummer=motion.diarienummer,
        title=title_line(motion),
        heading=HEADING,
        decision_sentence=_sentence(motion, opinion),
        sections=sections,
        signatories=signatories,
        attachments=attachments,
        recipients=tuple(motion.recipients),
        opinion_date=opinion.date.isoformat() if opinion else "",
        date=_document_date(motion, opinion),
    )
