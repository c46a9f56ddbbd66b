"""Template helpers of the cooperation pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from vanort import aid

register = template.Library()


def _aid_lang() -> str:
    """The aid rules exist in Swedish and English; Ukrainian readers get English (as on the aid pages)."""
    return "sv" if (get_language() or "sv").startswith("sv") else "en"


@register.filter
def outcome_label(code: str) -> str:
    for outcome, text in aid.load_rulebook().outcome_labels.items():
        if outcome.value == code:
            return text.get(_aid_lang())
    return code or ""


@register.filter
def condition_text(condition: Any) -> str:
    return condition.text_sv if _aid_lang() == "sv" or not condition.text_en else condition.text_en


@register.filter
def explanation(verdict: dict[str, Any]) -> str:
    text = (verdict or {}).get("explanation") or {}
    return str(text.get(_aid_lang(), "")) if isinstance(text, dict) else ""


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
