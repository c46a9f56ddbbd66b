"""A contribution's checklist of conditions reads in the reader's language: its conditions are
stored in Swedish and English, and a Ukrainian reader gets the rule book's Ukrainian text."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from vanort import aid
from vanort.legal.document import condition_text

pytestmark = pytest.mark.django_db


def _viewer(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _conditions(initiative: Any) -> list[Any]:
    return list(initiative.contributions.get().conditions.all())


def _texts(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_ukrainian_initiative_page_shows_ukrainian_conditions(accepted: Any, partner_official: Any) -> None:
    initiative, _match = accepted
    conditions = _conditions(initiative)
    assert conditions
    page = _texts(_viewer(partner_official).get(f"/uk/samarbete/initiativ/{initiative.pk}/").content.decode())
    book = aid.load_rulebook()
    for condition in conditions:
        found = book.condition(condition.text_sv)
        expected = found.uk if found is not None else "Юридичну оцінку проведено й задокументовано."
        assert expected in page, condition.text_sv
        assert condition.text_sv not in page
        assert condition.text_en not in page


def test_the_api_gives_conditions_in_ukrainian(accepted: Any, partner_official: Any) -> None:
    initiative, _match = accepted
    body = _viewer(partner_official).get(f"/api/initiatives/{initiative.pk}?lang=uk").json()
    texts = [c["text"] for contribution in body["contributions"] for c in contribution["conditions"]]
    assert texts
    assert all(any("\u0400" <= char <= "\u04ff" for char in text) for text in texts), texts


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Juridisk granskning är gjord och dokumenterad."),
        ("en", "A legal review has been made and documented."),
        ("uk", "Юридичну оцінку проведено й задокументовано."),
    ],
)
def test_the_legal_review_item_reads_in_each_language(lang: str, expected: str) -> None:
    stored = ("Juridisk granskning är gjord och dokumenterad.", "A legal review has been made and documented.")
    assert condition_text(*stored, lang=lang) == expected


def test_a_condition_the_rule_book_no_longer_has_reads_in_english() -> None:
    assert condition_text("Gammalt villkor.", "Old condition.", lang="uk") == "Old condition."
    assert condition_text("Gammalt villkor.", "Old condition.", lang="sv") == "Gammalt villkor."
