"""Value types of the aid check: enums for every input field, the case, the rule book, the verdict.

All types are immutable (frozen dataclasses, ``StrEnum``). The engine takes an :class:`AidCase`
and a :class:`RuleBook` and returns a :class:`Verdict`; nothing here touches files or Django.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Giver(StrEnum):
    KOMMUN = "kommun"
    REGION = "region"
    KOMMUNALT_BOLAG = "kommunalt_bolag"
    KOMMUNALFORBUND = "kommunalforbund"


class Activity(StrEnum):
    AID = "aid"
    TWINNING_EXCHANGE = "twinning_exchange"
    SERVICE_EXPORT = "service_export"


class Form(StrEnum):
    EQUIPMENT = "equipment"
    ADVICE = "advice"
    TRAINING = "training"
    OTHER_IN_KIND = "other_in_kind"
    FINANCIAL = "financial"


class FinPurpose(StrEnum):
    TRAINING_ADVICE_COSTS = "training_advice_costs"
    TRANSPORT_SETUP = "transport_setup"
    COMMISSIONING_PERSONNEL = "commissioning_personnel"
    OTHER = "other"


class EquipmentOrigin(StrEnum):
    SPARE = "spare"
    IN_USE = "in_use"
    PURCHASED_FOR_DONATION = "purchased_for_donation"


class GoodsType(StrEnum):
    CIVIL = "civil"
    DUAL_USE = "dual_use"
    MILITARY = "military"


class RecipientEntity(StrEnum):
    FOREIGN_PUBLIC = "foreign_public"
    INTERNATIONAL_AID_ORG = "international_aid_org"
    NGO_CHANNEL = "ngo_channel"
    PRIVATE = "private"


class DecisionBody(StrEnum):
    FULLMAKTIGE = "fullmaktige"
    STYRELSE_OR_NAMND = "styrelse_or_namnd"
    DELEGATE = "delegate"
    BOLAGSSTYRELSE = "bolagsstyrelse"
    NONE = "none"


class AidStatusKind(StrEnum):
    """Status of a country in the dated aid-status table."""

    BILATERAL_STRATEGY = "bilateral_strategy"
    REGIONAL_STRATEGY_ONLY = "regional_strategy_only"
    HUMANITARIAN_ONLY = "humanitarian_only"
    PAUSED = "paused"
    PHASE_OUT = "phase_out"
    NONE = "none"


class RecipientAid(StrEnum):
    """What the aid status means for the decision table (the derived fact ``recipient_aid``)."""

    RECEIVES = "receives"
    DOES_NOT_RECEIVE = "does_not_receive"
    UNCERTAIN = "uncertain"


class StatusRow(StrEnum):
    """How the aid-status table answered for the decision date (the derived fact ``status_row``).

    ``found``: a row of the country covers the date; ``none_for_date``: the country has rows but
    none covers the date (before the first, after the last, in a gap); ``country_not_listed``:
    the country has no row at all (not known to receive aid).
    """

    FOUND = "found"
    NONE_FOR_DATE = "none_for_date"
    COUNTRY_NOT_LISTED = "country_not_listed"


#: ``aid_status.status`` in the verdict when no row covers the decision date.
NO_ROW_STATUS = "no_row"


class Outcome(StrEnum):
    PERMITTED = "permitted"
    PERMITTED_WITH_CONDITIONS = "permitted_with_conditions"
    NEEDS_LEGAL_REVIEW = "needs_legal_review"
    NOT_PERMITTED_WITHOUT_GOVERNMENT_PERMISSION = "not_permitted_without_government_permission"
    NOT_PERMITTED = "not_permitted"


#: Outcomes from the most permissive to the most restrictive; the verdict is the maximum.
OUTCOME_ORDER: tuple[Outcome, ...] = (
    Outcome.PERMITTED,
    Outcome.PERMITTED_WITH_CONDITIONS,
    Outcome.NEEDS_LEGAL_REVIEW,
    Outcome.NOT_PERMITTED_WITHOUT_GOVERNMENT_PERMISSION,
    Outcome.NOT_PERMITTED,
)
OUTCOME_RANK: dict[Outcome, int] = {outcome: rank for rank, outcome in enumerate(OUTCOME_ORDER)}


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the project's catalogue (``make messages``); an interface translates it."""
    return message


#: What an :class:`AidInputError` says, by its ``kind``: msgids of the project's catalogue
#: (Swedish, with ``%(value)s``), translated by the web, the API and ``vanort aid-check``.
INPUT_MESSAGES: dict[str, str] = {
    "not_object": gettext_noop("Fallet ska vara ett JSON-objekt med fälten i LEGAL_RULES.md."),
    "unknown_field": gettext_noop("Okänt fält."),
    "unknown_value": gettext_noop("Okänt värde %(value)s."),
    "unknown_country": gettext_noop("Okänd landskod %(value)s (ISO 3166-1 alfa-2, t.ex. UA)."),
    "bad_date": gettext_noop("Ogiltigt datum %(value)s (skriv ÅÅÅÅ-MM-DD)."),
    "missing": gettext_noop("Svaret behövs för det här fallet."),
    "invalid": gettext_noop("Ogiltigt värde."),
}


class AidInputError(ValueError):
    """Invalid input; ``field`` names the offending field (or ``case`` for the whole input).

    ``message`` is an English detail for developers; ``kind`` (``not_object``, ``unknown_field``,
    ``unknown_value``, ``unknown_country``, ``bad_date``, ``missing``) and ``value`` (the input
    as shown) let an interface say it in the reader's language (:meth:`said`).
    """

    def __init__(self, field: str, message: str, *, kind: str = "invalid", value: str = "") -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.kind = kind
        self.value = value

    def said(self, gettext: Callable[[str], str]) -> str:
        """The message in the language of ``gettext`` (a translation of the project's catalogue)."""
        text = gettext(INPUT_MESSAGES.get(self.kind, INPUT_MESSAGES["invalid"]))
        return text % {"value": self.value} if "%(value)s" in text else text


class RuleBookError(ValueError):
    """The rules or aid-status data file is inconsistent; the message names file and place."""


#: Languages of the rule texts; the first is the default (Swedish).
LANGUAGES: tuple[str, ...] = ("sv", "en", "uk")


def normalise_lang(lang: str | None) -> str:
    """``sv``/``en``/``uk`` from a language tag (``en-GB``, ``uk``); anything else: Swedish."""
    base = (lang or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return base if base in LANGUAGES else "sv"


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Swedish, English and Ukrainian."""

    sv: str
    en: str
    uk: str

    def get(self, lang: str) -> str:
        code = normalise_lang(lang)
        return self.uk if code == "uk" else self.en if code == "en" else self.sv

    def to_dict(self) -> dict[str, str]:
        return {"sv": self.sv, "en": self.en, "uk": self.uk}


@dataclass(frozen=True, slots=True)
class AidCase:
    """One proposed contribution, validated. ``None`` means "not asked / not applicable"."""

    giver: Giver
    recipient_country: str
    decision_date: date
    activity: Activity
    owner_authorised: bool | None = None
    form: Form | None = None
    fin_purpose: FinPurpose | None = None
    linked_equipment_permitted: bool | None = None
    equipment_origin: EquipmentOrigin | None = None
    disaster: bool | None = None
    goods_type: GoodsType | None = None
    recipient_entity: RecipientEntity | None = None
    use_verification_plan: bool | None = None
    decision_body: DecisionBody | None = None


@dataclass(frozen=True, slots=True)
class AidStatus:
    """One row of the aid-status table; ``valid_from``/``valid_to`` inclusive, ``None`` = open.

    The engine also answers with a made-up row when the table has none for the date: then
    ``row`` says why and ``status`` is ``None`` (no row covers the date) or ``none`` (the country
    is not listed at all).
    """

    country: str
    status: AidStatusKind | None
    basis: str
    valid_from: date | None
    valid_to: date | None
    source: str
    checked_at: str
    row: StatusRow = StatusRow.FOUND

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def to_dict(self, basis: str | None = None, source: str | None = None) -> dict[str, str]:
        """The row as JSON; ``basis``/``source`` replace the table's own (English) texts."""
        return {
            "country": self.country,
            "status": self.status.value if self.status is not None else NO_ROW_STATUS,
            "basis": self.basis if basis is None else basis,
            "source": self.source if source is None else source,
            "checked_at": self.checked_at,
        }


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the decision table or one override, as read from ``rules.yaml``.

    ``when`` is a tuple of alternatives (any may match); each alternative is a tuple of
    ``(fact, allowed values)`` pairs that must all hold.
    """

    id: str
    kind: str  # "rule" or "override"
    when: tuple[tuple[tuple[str, frozenset[Any]], ...], ...]
    outcome: Outcome
    text: Text
    conditions: tuple[Text, ...]
    citations: tuple[str, ...]
    basis: str
    verified: bool


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The rules and the aid-status table of one version, ready for the engine."""

    version: str
    source: str
    as_of: str
    rules: tuple[Rule, ...]
    outcome_labels: dict[Outcome, Text]
    status_labels: dict[str, Text]
    citation_texts: dict[str, Text]
    status_table: dict[str, tuple[AidStatus, ...]]
    known_countries: frozenset[str]
    table_checked_at: str
    # Compiled form and memo, filled by the engine; excluded from equality and repr.
    compiled: Any = field(default=None, compare=False, repr=False)
    #: a citation's marker of assumed numbering ("(antagen numrering)") per language
    assumed_marks: dict[str, Text] = field(default_factory=dict)
    #: the country table's notes and sources (kept in English) per language, by the text as written
    table_texts: dict[str, Text] = field(default_factory=dict)

    def citation(self, citation: str) -> Text:
        """How ``citation`` reads in a document; unknown citations (edited tables) as written."""
        text = self.citation_texts.get(citation)
        return text if text is not None else Text(sv=citation, en=citation, uk=citation)

    def citation_line(self, citation: str) -> Text:
        """``citation`` in a verdict: Swedish as written (the legal form); in English and
        Ukrainian its reading in that language, with the marker of an assumed number translated."""
        text = self.citation(citation)
        marks = [mark for key, mark in self.assumed_marks.items() if citation.endswith(key)]
        if citation not in self.citation_texts:
            return text
        en, uk = text.en, text.uk
        if marks:
            en, uk = f"{en} {marks[0].en}", f"{uk} {marks[0].uk}"
        return Text(sv=citation, en=en, uk=uk)

    def table_text(self, text: str) -> Text:
        """A note or source of the country table in sv/en/uk; an edited one as written."""
        found = self.table_texts.get(text) or next(
            (t for t in self.table_texts.values() if text in (t.sv, t.uk)), None
        )  # a stored verdict may carry the note already in Swedish or Ukrainian
        return found if found is not None else Text(sv=text, en=text, uk=text)

    def has_table_text(self, text: str) -> bool:
        return self.table_text(text) != Text(sv=text, en=text, uk=text)

    def condition(self, text: str) -> Text | None:
        """The condition of a rule that reads ``text`` in any language (a checklist item stored
        in Swedish or English), so it can be shown in another; ``None`` if no rule has it."""
        for rule in self.rules:
            for condition in rule.conditions:
                if text in (condition.sv, condition.en, condition.uk):
                    return condition
        return None

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    rules: tuple[str, ...]
    conditions: tuple[Text, ...]
    citations: tuple[str, ...]
    aid_status: AidStatus
    explanation: Text
    rules_version: str
    unverified: tuple[str, ...]
    #: per citation, its line in sv/en/uk (``RuleBook.citation_line``); the status row's note and source
    citation_lines: tuple[Text, ...] = ()
    status_basis: Text | None = None
    status_source: Text | None = None

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        """The verdict in the JSON shape of LEGAL_RULES.md, every text in ``lang`` (sv/en/uk):
        conditions, citations and the aid status's basis and source (the keys stay the same).

        ``explanation`` carries every language (``sv``, ``en``, ``uk``) whatever ``lang`` is.
        """
        citations = [line.get(lang) for line in self.citation_lines] or list(self.citations)
        return {
            "outcome": self.outcome.value,
            "rules": list(self.rules),
            "conditions": [condition.get(lang) for condition in self.conditions],
            "citations": citations,
            "aid_status": self.aid_status.to_dict(
                basis=self.status_basis.get(lang) if self.status_basis else None,
                source=self.status_source.get(lang) if self.status_source else None,
            ),
            "explanation": self.explanation.to_dict(),
            "rules_version": self.rules_version,
            "unverified": list(self.unverified),
        }
