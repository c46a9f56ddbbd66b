"""A verdict as a document a committee can act on, in the reader's language (sv, en, uk).

One builder for the web page, the print view and the PDF: words instead of codes (outcome, aid
status, the questions and answers of the case), the law's name and paragraph for each citation,
the aid-status row's source as a citation with its date, and — once, in plain words — whether
paragraph numbers are unverified. A "not permitted" verdict lists its reasons, not conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanort import aid
from vanort.legal.selectors import current_rulebook
from vanort.registry.selectors import country_list

QUESTIONS = {
    "giver": gettext_lazy("Vem ger stödet?"),
    "owner_authorised": gettext_lazy(
        "Har ägaren (kommunen eller regionen) beslutat att bolaget eller förbundet får lämna bistånd?"
    ),
    "recipient_country": gettext_lazy("Mottagarland"),
    "decision_date": gettext_lazy("Beslutsdatum"),
    "activity": gettext_lazy("Vad gäller det?"),
    "form": gettext_lazy("Vilken form har stödet?"),
    "fin_purpose": gettext_lazy("Vad ska pengarna användas till?"),
    "linked_equipment_permitted": gettext_lazy("Är den donation som pengarna hör till själv tillåten?"),
    "equipment_origin": gettext_lazy("Var kommer utrustningen från?"),
    "disaster": gettext_lazy(
        "Är landet i behov av katastrofhjälp (krig, återuppbyggnad efter krig, naturkatastrof, nödläge)?"
    ),
    "goods_type": gettext_lazy("Vilken sorts varor?"),
    "recipient_entity": gettext_lazy("Vem tar emot stödet?"),
    "use_verification_plan": gettext_lazy("Finns en plan för att följa upp att stödet används som avsett?"),
    "decision_body": gettext_lazy("Vem fattar beslutet?"),
}

ANSWERS: dict[Any, Any] = {
    "kommun": gettext_lazy("Kommunen"),
    "region": gettext_lazy("Regionen"),
    "kommunalt_bolag": gettext_lazy("Ett kommunalt bolag"),
    "kommunalforbund": gettext_lazy("Ett kommunalförbund"),
    "aid": gettext_lazy("Bistånd: stöd till partnern"),
    "twinning_exchange": gettext_lazy("Vänortsutbyte med nytta för kommunen själv"),
    "service_export": gettext_lazy("Tjänsteexport på affärsmässiga villkor"),
    "equipment": gettext_lazy("Utrustning"),
    "advice": gettext_lazy("Rådgivning"),
    "training": gettext_lazy("Utbildning"),
    "other_in_kind": gettext_lazy("Annat stöd i natura"),
    "financial": gettext_lazy("Pengar"),
    "training_advice_costs": gettext_lazy("Kostnader för utbildning och rådgivning"),
    "transport_setup": gettext_lazy("Transport och iordningställande av skänkt utrustning"),
    "commissioning_personnel": gettext_lazy("Personal som tar skänkt utrustning i bruk"),
    "other": gettext_lazy("Annat"),
    "spare": gettext_lazy("Kommunen behöver den inte längre"),
    "in_use": gettext_lazy("Den används i verksamheten"),
    "purchased_for_donation": gettext_lazy("Den köps in för att skänkas"),
    "civil": gettext_lazy("Civila varor"),
    "dual_use": gettext_lazy("Produkter med dubbla användningsområden"),
    "military": gettext_lazy("Militära varor"),
    "foreign_public": gettext_lazy("En offentlig aktör i landet, t.ex. en kommun"),
    "international_aid_org": gettext_lazy("En internationell biståndsorganisation"),
    "ngo_channel": gettext_lazy("En ideell organisation som förmedlar stödet"),
    "private": gettext_lazy("En privat aktör"),
    "fullmaktige": gettext_lazy("Fullmäktige"),
    "styrelse_or_namnd": gettext_lazy("Styrelse eller nämnd"),
    "delegate": gettext_lazy("Delegat"),
    "bolagsstyrelse": gettext_lazy("Bolagsstyrelse"),
    "none": gettext_lazy("Inget beslut ännu"),
    True: gettext_lazy("Ja"),
    False: gettext_lazy("Nej"),
}

#: Checklist items that are not a rule's condition, by their stored Swedish text: the one a
#: contribution gets when its verdict needs legal review (``cooperation.services``).
_CHECKLIST_ITEMS = {
    "Juridisk granskning är gjord och dokumenterad.": gettext_lazy("Juridisk granskning är gjord och dokumenterad."),
}

_NEGATIVE = {aid.Outcome.NOT_PERMITTED.value, aid.Outcome.NOT_PERMITTED_WITHOUT_GOVERNMENT_PERMISSION.value}
_TONE = {
    "permitted": "ok",
    "permitted_with_conditions": "ok",
    "needs_legal_review": "review",
    "not_permitted_without_government_permission": "no",
    "not_permitted": "no",
}


@dataclass(frozen=True)
class Reason:
    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class VerdictDocument:
    lang: str
    outcome_label: str
    tone: str  # ok / review / no: for styling only, never shown
    negative: bool
    reasons: tuple[Reason, ...]
    conditions: tuple[str, ...]
    citations: tuple[str, ...]
    unverified_note: str
    country: str
    decision_date: str
    status_label: str
    status_basis: str  # the table's own note, in ``lang`` (an edited row's note as written, in English)
    status_texts_lang: str  # the language of status_basis and status_source
    status_period: str
    status_source: str
    status_checked_at: str
    facts: tuple[tuple[str, str], ...]
    rules_version: str


def _country_name(code: str, lang: str) -> str:
    country = country_list().filter(code=code).first()
    return country.name_for(lang) if country is not None else code


def _answer(name: str, value: Any, lang: str) -> str:
    if name == "recipient_country":
        return _country_name(str(value), lang)
    if name == "decision_date":
        return str(value)
    label = ANSWERS.get(value)
    return str(label) if label is not None else str(value)


def _rules(rulebook: aid.RuleBook, ids: list[str]) -> list[aid.Rule]:
    found = []
    for rule_id in ids:
        try:
            found.append(rulebook.rule(rule_id))
        except KeyError:  # a rule of an older rules version: leave it out of the words, keep the id stored
            continue
    return found


def _status_row(verdict: dict[str, Any], day: str, rulebook: aid.RuleBook, lang: str) -> dict[str, str]:
    status = verdict.get("aid_status") or {}
    key = status.get("status", aid.NO_ROW_STATUS)
    label = rulebook.status_labels.get(key)
    country = str(status.get("country", ""))
    period = ""
    try:
        decision_day = date.fromisoformat(day)
    except ValueError:
        decision_day = None
    for row in rulebook.status_table.get(country, ()):
        if decision_day is not None and row.covers(decision_day) and row.status is not None and row.status.value == key:
            start = row.valid_from.isoformat() if row.valid_from else "…"
            end = row.valid_to.isoformat() if row.valid_to else "…"
            period = f"{start} – {end}"
            break
    source = rulebook.table_text(str(status.get("source", ""))).get(lang)
    if key == aid.NO_ROW_STATUS or source == "country_aid_status.csv":
        source = _("Vänorts landtabell över svenskt statligt bistånd")
    basis = str(status.get("basis", ""))
    return {
        "label": label.get(lang) if label is not None else key,
        "basis": rulebook.table_text(basis).get(lang),
        "texts_lang": lang if rulebook.has_table_text(basis) else "en",
        "period": period,
        "source": source,
        "checked_at": str(status.get("checked_at", "")),
    }


def verdict_document(
    verdict: dict[str, Any], case: dict[str, Any], *, lang: str, rulebook: aid.RuleBook | None = None
) -> VerdictDocument:
    """The verdict (JSON shape of LEGAL_RULES.md) and its case as words in ``lang``."""
    lang = aid.normalise_lang(lang)
    book = rulebook or current_rulebook()
    with translation.override(lang):
        rules = _rules(book, list(verdict.get("rules", [])))
        outcome = str(verdict.get("outcome", ""))
        negative = outcome in _NEGATIVE
        deciding = [rule for rule in rules if rule.outcome.value == outcome] if negative else rules
        reasons = tuple(
            Reason(rule.text.get(lang), tuple(book.citation(c).get(lang) for c in rule.citations)) for rule in deciding
        )
        conditions = () if negative else tuple(dict.fromkeys(c.get(lang) for rule in rules for c in rule.conditions))
        citations = tuple(dict.fromkeys(book.citation(c).get(lang) for rule in deciding for c in rule.citations))
        unverified = any(not rule.verified for rule in deciding)
        note = (
            _(
                "Paragrafnumren i 5 kap. lagen (2009:47) är inte kontrollerade mot den gällande lagtexten: "
                "hänvisningarna bygger på den tidigare lagen och ska bekräftas av en jurist."
            )
            if unverified
            else ""
        )
        labels = book.outcome_labels
        label = next((t.get(lang) for o, t in labels.items() if o.value == outcome), outcome)
        decision_date = str(case.get("decision_date") or date.today().isoformat())
        row = _status_row(verdict, decision_date, book, lang)
        facts = tuple(
            (str(QUESTIONS[name]), _answer(name, case[name], lang))
            for name in aid.FIELDS
            if name in case and case[name] is not None
        )
        country_code = str((verdict.get("aid_status") or {}).get("country", case.get("recipient_country", "")))
        return VerdictDocument(
            lang=lang,
            outcome_label=label,
            tone=_TONE.get(outcome, "review"),
            negative=negative,
            reasons=reasons,
            conditions=conditions,
            citations=citations,
            unverified_note=note,
            country=_country_name(country_code, lang) if country_code else "",
            decision_date=decision_date,
            status_label=row["label"],
            status_basis=row["basis"],
            status_texts_lang=row["texts_lang"],
            status_period=row["period"],
            status_source=row["source"],
            status_checked_at=row["checked_at"],
            facts=facts,
            rules_version=str(verdict.get("rules_version", "")),
        )


def condition_text(text_sv: str, text_en: str, *, lang: str) -> str:
    """A stored condition (a contribution's checklist item, kept in Swedish and English) in ``lang``.

    The rule book has every condition in sv, en and uk, so a Ukrainian reader gets Ukrainian; a
    condition of an older rules version that the book no longer has reads in English (or Swedish).
    """
    lang = aid.normalise_lang(lang)
    if lang == "sv":
        return text_sv
    found = aid.load_rulebook().condition(text_sv)
    if found is not None:
        return found.get(lang)
    item = _CHECKLIST_ITEMS.get(text_sv)
    if item is not None:
        with translation.override(lang):
            return str(item)
    return text_en or text_sv
