"""Frozen value types returned by the loaders."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class LocalizedText(Mapping[str, str]):
    """An immutable, hashable mapping language code -> text (``labels["sv"]``)."""

    entries: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> LocalizedText:
        return cls(tuple(texts.items()))

    def __getitem__(self, lang: str) -> str:
        for key, text in self.entries:
            if key == lang:
                return text
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def in_lang(self, lang: str, fallback: str = "sv") -> str:
        """The text in ``lang``, else in ``fallback``."""
        return self.get(lang) or self[fallback]


@dataclass(frozen=True)
class Country:
    code: str
    name_sv: str
    name_en: str
    name_uk: str
    iso_assigned: bool = True  # False for user-assigned codes such as XK (Kosovo)

    def name(self, lang: str) -> str:
        """The name in ``lang`` ("sv", "en" or "uk"); Swedish for other languages."""
        return {"en": self.name_en, "uk": self.name_uk}.get(lang, self.name_sv)


@dataclass(frozen=True)
class Municipality:
    """A Swedish kommun: SCB 4-digit code, short and official name, 2-digit county code."""

    code: str
    name: str
    official_name: str
    county_code: str


@dataclass(frozen=True)
class Region:
    """A Swedish region/län: 2-digit SCB county code."""

    code: str
    name: str
    official_name: str
    county_name: str


@dataclass(frozen=True)
class UaOblast:
    """A first-level unit of Ukraine (oblast, autonomous republic or city with special status)."""

    code: str  # ISO 3166-2:UA, e.g. "UA-59"
    name_uk: str
    name_en: str
    name_sv: str
    kind: str  # "oblast" | "autonomous_republic" | "city_special_status"
    katottg: str | None


@dataclass(frozen=True)
class Term:
    """A fixed code with labels (sv/en/uk) and a description (sv/en)."""

    code: str
    labels: LocalizedText
    description: LocalizedText

    def label(self, lang: str) -> str:
        return self.labels.in_lang(lang)


@dataclass(frozen=True)
class Sector(Term):
    """An area/sector of cooperation (DESIGN.md §5)."""


@dataclass(frozen=True)
class Form(Term):
    """A form of contribution (DESIGN.md §5)."""
