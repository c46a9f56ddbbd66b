"""Value types of the matching engine: what goes in (needs, offers) and what comes out (matches).

All types are frozen dataclasses; nothing here touches files, databases or Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Languages a need or offer text may be written in.
LANGUAGES: tuple[str, ...] = ("sv", "en", "uk")
#: Urgency levels of a need, from the least to the most urgent.
URGENCIES: tuple[str, ...] = ("low", "normal", "high", "critical")


@dataclass(frozen=True)
class NeedInput:
    """A partner place's need (text in sv, en or uk)."""

    id: str
    place: str
    country: str
    sector: str
    form: str
    title: str
    description: str
    language: str  # 'sv' | 'en' | 'uk'
    quantity: int | None = None
    urgency: str = "normal"  # 'low' | 'normal' | 'high' | 'critical'
    deadline: date | None = None


@dataclass(frozen=True)
class OfferInput:
    """A municipality's offer (usually Swedish text)."""

    id: str
    municipality_code: str
    sector: str
    form: str
    title: str
    description: str
    quantity: int | None = None
    spare: bool = False
    available_until: date | None = None
    language: str = "sv"


@dataclass(frozen=True)
class Reason:
    """Why a match was proposed: a stable code and its parameters; :func:`explain` renders it."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str, default: str = "") -> str:
        for key, value in self.params:
            if key == name:
                return value
        return default


@dataclass(frozen=True)
class MatchResult:
    """One offer proposed for one need: score in [0, 1], rank 1..top_k within the need."""

    need_id: str
    offer_id: str
    score: float
    rank: int
    reasons: tuple[Reason, ...]
    shared_terms: tuple[str, ...]  # concept ids
    legal_outcome: str | None = None  # what legal_check returned (None without a check)
