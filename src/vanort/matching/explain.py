"""Plain-language explanations of a match in Swedish, English or Ukrainian.

Each :class:`Reason` code has one sentence template per language; parameters that are codes
(sectors, forms, concepts, outcomes) are shown with their labels in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable

from vanort.matching.lexicon import default_lexicon
from vanort.matching.types import LANGUAGES, MatchResult, Reason
from vanort.refdata import forms, sectors

TEMPLATES: dict[str, dict[str, str]] = {
    "shared_terms": {
        "sv": "Behovet och erbjudandet handlar om samma sak: {concepts}.",
        "en": "The need and the offer are about the same things: {concepts}.",
        "uk": "Потреба і пропозиція стосуються того самого: {concepts}.",
    },
    "similar_words": {
        "sv": "Texterna har liknande ord (namn eller lånord).",
        "en": "The texts share similar words (names or loanwords).",
        "uk": "У текстах є схожі слова (назви або запозичення).",
    },
    "same_sector": {
        "sv": "Samma område: {sector}.",
        "en": "Same sector: {sector}.",
        "uk": "Та сама сфера: {sector}.",
    },
    "neighbour_sector": {
        "sv": "Närliggande områden: behovet gäller {need_sector}, erbjudandet {offer_sector}.",
        "en": "Neighbouring sectors: the need is filed under {need_sector}, the offer under {offer_sector}.",
        "uk": "Суміжні сфери: потреба належить до сфери «{need_sector}», пропозиція — «{offer_sector}».",
    },
    "other_sector": {
        "sv": "Olika områden ({need_sector} och {offer_sector}), men texterna stämmer överens.",
        "en": "Different sectors ({need_sector} and {offer_sector}), but the texts agree.",
        "uk": "Різні сфери («{need_sector}» і «{offer_sector}»), але тексти збігаються.",
    },
    "same_form": {
        "sv": "Samma form av stöd: {form}.",
        "en": "Same form of support: {form}.",
        "uk": "Та сама форма підтримки: {form}.",
    },
    "compatible_form": {
        "sv": "Formerna passar ihop: behovet gäller {need_form}, erbjudandet {offer_form}.",
        "en": "The forms fit together: the need asks for {need_form}, the offer gives {offer_form}.",
        "uk": "Форми підтримки сумісні: потреба — «{need_form}», пропозиція — «{offer_form}».",
    },
    "quantity_covers": {
        "sv": "Antalet räcker: {offer} erbjuds, {need} behövs.",
        "en": "The quantity is enough: {offer} offered, {need} needed.",
        "uk": "Кількості достатньо: пропонується {offer}, потрібно {need}.",
    },
    "quantity_partial": {
        "sv": "Erbjudandet täcker en del av behovet: {offer} av {need}.",
        "en": "The offer covers part of the need: {offer} of {need}.",
        "uk": "Пропозиція покриває частину потреби: {offer} з {need}.",
    },
    "available_until": {
        "sv": "Erbjudandet gäller till och med {until}.",
        "en": "The offer is available until {until}.",
        "uk": "Пропозиція дійсна до {until}.",
    },
    "available_before_deadline": {
        "sv": "Obs: erbjudandet gäller bara till {until}, före behovets sista dag {deadline}.",
        "en": "Note: the offer ends on {until}, before the need's deadline {deadline}.",
        "uk": "Увага: пропозиція дійсна лише до {until}, раніше за термін потреби {deadline}.",
    },
    "spare": {
        "sv": "Utrustningen behövs inte längre i kommunens verksamhet och kan lämnas direkt.",
        "en": "The equipment is no longer needed by the municipality and can be handed over now.",
        "uk": "Обладнання більше не потрібне громаді-донору і може бути передане одразу.",
    },
    "urgent": {
        "sv": "Behovet är brådskande ({urgency}).",
        "en": "The need is urgent ({urgency}).",
        "uk": "Потреба термінова ({urgency}).",
    },
    "legal_outcome": {
        "sv": "Rättslig bedömning enligt lag (2009:47) 5 kap.: {outcome}.",
        "en": "Legal check under Act (2009:47) ch. 5: {outcome}.",
        "uk": "Юридична перевірка за законом Швеції (2009:47), розділ 5: {outcome}.",
    },
}

URGENCY_LABELS: dict[str, dict[str, str]] = {
    "low": {"sv": "låg", "en": "low", "uk": "низька"},
    "normal": {"sv": "normal", "en": "normal", "uk": "звичайна"},
    "high": {"sv": "hög", "en": "high", "uk": "висока"},
    "critical": {"sv": "kritisk", "en": "critical", "uk": "критична"},
}

OUTCOME_LABELS: dict[str, dict[str, str]] = {
    "permitted": {"sv": "tillåtet", "en": "permitted", "uk": "дозволено"},
    "permitted_with_conditions": {
        "sv": "tillåtet med villkor",
        "en": "permitted with conditions",
        "uk": "дозволено за умов",
    },
    "needs_legal_review": {
        "sv": "kräver juridisk granskning",
        "en": "needs legal review",
        "uk": "потребує юридичної перевірки",
    },
    "not_permitted_without_government_permission": {
        "sv": "inte tillåtet utan regeringens tillstånd",
        "en": "not permitted without government permission",
        "uk": "не дозволено без дозволу уряду Швеції",
    },
    "not_permitted": {"sv": "inte tillåtet", "en": "not permitted", "uk": "не дозволено"},
}


def _sector(code: str, lang: str) -> str:
    for sector in sectors():
        if sector.code == code:
            return sector.labels.get(lang) or sector.labels.get("en") or code
    return code


def _form(code: str, lang: str) -> str:
    for form in forms():
        if form.code == code:
            label = form.labels.get(lang) or form.labels.get("en") or code
            return label[:1].lower() + label[1:]
    return code


def _concepts(value: str, lang: str) -> str:
    lexicon = default_lexicon()
    return ", ".join(lexicon.label(c, lang) for c in value.split(",") if c)


def _plain(value: str, lang: str) -> str:
    return value


_RENDER: dict[str, Callable[[str, str], str]] = {
    "sector": _sector,
    "need_sector": _sector,
    "offer_sector": _sector,
    "form": _form,
    "need_form": _form,
    "offer_form": _form,
    "concepts": _concepts,
    "urgency": lambda v, lang: URGENCY_LABELS.get(v, {}).get(lang, v),
    "outcome": lambda v, lang: OUTCOME_LABELS.get(v, {}).get(lang, v),
}


def explain_reason(reason: Reason, lang: str) -> str:
    """One sentence for one reason; an unknown code is shown as the code itself."""
    if lang not in LANGUAGES:
        lang = "en"
    templates = TEMPLATES.get(reason.code)
    if templates is None:
        return reason.code
    values = {key: _RENDER.get(key, _plain)(value, lang) for key, value in reason.params}
    try:
        return templates[lang].format(**values)
    except KeyError:
        return reason.code


def explain(result: MatchResult, lang: str) -> list[str]:
    """The reasons of a match as plain sentences in ``lang`` ('sv', 'en' or 'uk'; else English)."""
    return [explain_reason(reason, lang) for reason in result.reasons]
