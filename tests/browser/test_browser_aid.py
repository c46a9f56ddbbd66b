"""The aid verdict as a document in real Chromium: no internal codes, the reader's language,
focus and scroll on the verdict after "show", a phone's 390 px, saving and the PDF."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.helpers_browser import PHONE, accessibility_problems, log_in, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRE_ENGINE = {
    "giver": "kommun",
    "recipient_country": "UA",
    "decision_date": "2026-03-01",
    "activity": "aid",
    "form": "equipment",
    "equipment_origin": "spare",
    "goods_type": "civil",
    "recipient_entity": "foreign_public",
    "use_verification_plan": "true",
    "decision_body": "styrelse_or_namnd",
}
INTERNAL = re.compile(
    r"bilateral_strategy|permitted_with_conditions|needs_legal_review|not_permitted|OV-[A-Z]|\bR\d+[a-z]?\b"
    r"|equipment_origin|use_verification_plan|LEGAL_RULES|country_aid_status|\bUA\b|\bTrue\b"
)
PREFIX = {"sv": "", "en": "/en", "uk": "/uk"}
EXPECTED = {
    "sv": ("tillåtet med villkor", "5 kap. 4 § lagen (2009:47) om vissa kommunala befogenheter", "Ukraina"),
    "en": ("permitted with conditions", "Chapter 5, Section 4, Act on Certain Municipal Powers", "Ukraine"),
    "uk": ("дозволено за умов", "глава 5, § 4 Закону Швеції", "Україна"),
}


def _open_case(page: Any, lang: str, **changes: str) -> None:
    page.goto(f"{PREFIX[lang]}/stod/?{urlencode({**FIRE_ENGINE, **changes})}")


def _show(page: Any) -> None:
    """Press "show" by keyboard, as a person without a mouse would."""
    page.locator("button[name=visa]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["sv", "en", "uk"])
def test_verdict_after_show_takes_focus_in_the_readers_language_on_a_phone(page: Any, page_log: Any, lang: str) -> None:
    page.set_viewport_size(PHONE)
    _open_case(page, lang)

    _show(page)

    heading = page.locator("#aid-result-h")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    outcome, law, country = EXPECTED[lang]
    result = page.locator("#aid-result")
    expect(heading).to_contain_text(outcome)
    expect(result).to_contain_text(law)
    expect(result).to_contain_text(country)
    text = result.inner_text()
    assert INTERNAL.findall(text) == []
    assert sideways_overflow(page) == ""
    assert accessibility_problems(page) == []
    assert page_log.problems() == []


def test_not_permitted_verdict_lists_reasons_and_screen_readers_get_it(page: Any, page_log: Any) -> None:
    _open_case(page, "sv", goods_type="military")

    _show(page)

    result = page.locator("#aid-result")
    expect(page.locator("#aid-result-h")).to_be_focused()
    expect(page.get_by_role("region", name=re.compile("Bedömning: inte tillåtet"))).to_be_visible()
    expect(result.get_by_role("heading", name="Skäl")).to_be_visible()
    expect(result.get_by_role("heading", name="Villkor")).to_have_count(0)
    expect(result).to_contain_text("Krigsmateriel kan inte lämnas som kommunalt bistånd.")
    assert result.get_attribute("aria-live") == "polite"
    assert page_log.problems() == []


def test_a_date_no_row_covers_says_so_in_words(page: Any, page_log: Any) -> None:
    _open_case(page, "en", decision_date="2028-03-01")

    _show(page)

    result = page.locator("#aid-result")
    expect(page.locator("#aid-result-h")).to_contain_text("needs legal review")
    expect(result).to_contain_text("No aid-status row covers this date; check the table.")
    assert INTERNAL.findall(result.inner_text()) == []
    assert page_log.problems() == []


def test_officer_saves_an_unpublished_assessment_and_downloads_its_pdf(
    page: Any, page_log: Any, officer_login: Any
) -> None:
    log_in(page, *officer_login)
    page.set_viewport_size(PHONE)
    _open_case(page, "sv")
    publish = page.get_by_label(re.compile("Publicera bedömningen"))
    expect(publish).not_to_be_checked()

    page.get_by_label("Rubrik för bedömningen").fill("Begagnad brandbil till Trostianets")
    page.get_by_role("button", name="Spara", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Begagnad brandbil till Trostianets")
    expect(page.locator("main")).to_contain_text("Inte publicerad")
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    assert INTERNAL.findall(page.locator("article").inner_text()) == []
    assert sideways_overflow(page) == ""
    assert accessibility_problems(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    assert re.fullmatch(r"stodbedomning-\d+-sv\.pdf", download.value.suggested_filename)
    assert page_log.problems() == []
