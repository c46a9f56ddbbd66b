"""Shared fixtures of the aid tests: the shipped rule book and a builder of valid cases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from vanort.aid import RuleBook, load_rulebook

DAY = "2026-03-01"  # Ukraine: bilateral strategy in force

BASE_AID: dict[str, Any] = {
    "giver": "kommun",
    "recipient_country": "UA",
    "decision_date": DAY,
    "activity": "aid",
    "form": "equipment",
    "equipment_origin": "spare",
    "goods_type": "civil",
    "recipient_entity": "foreign_public",
    "use_verification_plan": True,
    "decision_body": "fullmaktige",
}


def make_case(**changes: Any) -> dict[str, Any]:
    """The base aid case (spare civil equipment to Ukraine) with changes; None drops a field."""
    case = {**BASE_AID, **changes}
    return {key: value for key, value in case.items() if value is not None}


@pytest.fixture(scope="session")
def rulebook() -> RuleBook:
    return load_rulebook()


@pytest.fixture
def case() -> Callable[..., dict[str, Any]]:
    return make_case
