"""Template helpers of the cooperation pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from vanort import aid
from vanort.cooperation.models import InitiativeState
from vanort.legal import document as legal_document

register = template.Library()


def _aid_lang() -> str:
    """The reader's language for the aid rulebook's texts (sv, en or uk: outcome labels exist in all three)."""
    return aid.normalise_lang(get_language() or "sv")


@register.filter
def outcome_label(code: str) -> str:
    for outcome, text in aid.load_rulebook().outcome_labels.items():
        if outcome.value == code:
            return text.get(_aid_lang())
    return code or ""


@register.filter
def condition_text(condition: Any) -> str:
    """A contribution's checklist item in the reader's language (Ukrainian from the rule book)."""
    return legal_document.condition_text(condition.text_sv, condition.text_en, lang=_aid_lang())


@register.filter
def explanation(verdict: dict[str, Any]) -> str:
    """Why the verdict came out as it did, in the reader's language: the texts of its rules, without rule ids.

    Built from the current rulebook (it has sv, en and uk texts) rather than from the stored explanation,
    which names the rules by id and, in verdicts stored before Ukrainian texts existed, has no uk.
    """
    book = aid.load_rulebook()
    lang = _aid_lang()
    texts = []
    for rule_id in (verdict or {}).get("rules") or []:
        try:
            texts.append(book.rule(str(rule_id)).text.get(lang))
        except KeyError:
            continue
    return " ".join(texts)


@register.filter
def state_label(code: str) -> str:
    """An initiative state code (``in_delivery``) as its translated label; never the code itself."""
    try:
        return str(InitiativeState(code).label)
    except ValueError:
        return ""


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def answer_label(value: Any) -> str:
    """An aid-case answer (e.g. a recipient type) in the reader's words, never its code."""
    from vanort.legal.document import ANSWERS

    return str(ANSWERS.get(value, value))
