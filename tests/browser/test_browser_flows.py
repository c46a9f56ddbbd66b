"""What people do in the browser: log in and register, filter with and without JavaScript,
walk the guided aid form, switch language; and the CSP really blocks inline script."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.helpers_browser import accessibility_problems, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _mark_document(page: Any) -> None:
    """A flag that survives htmx swaps but not a full page load."""
    page.evaluate("window.__sameDocument = true")


def _same_document(page: Any) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


def test_case_officer_logs_in_and_registers_a_partnership(page: Any, page_log: Any, officer_login: Any) -> None:
    username, password = officer_login
    log_in(page, username, password)

    page.get_by_role("link", name="Registrera partnerskap").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt partnerskap")
    assert accessibility_problems(page) == []
    form = page.locator("main form")
    form.get_by_role("combobox", name="Kommun", exact=True).select_option(index=1)
    form.get_by_label("Ny ort: namn").fill("Kuressaare")
    form.get_by_label("Ny ort: land").select_option("EE")
    form.get_by_label("Ny ort: typ").select_option(label="Stad")
    form.get_by_role("combobox", name="Typ av samarbete").select_option(label="Vänort")
    form.get_by_label("Start", exact=True).fill("1940-talet")
    form.get_by_label("Kultur", exact=True).check()
    form.get_by_label("Utbildning och skola").check()
    form.get_by_role("button", name="Spara").click()

    expect(page).to_have_url(re.compile(r"/partnerskap/\d+/$"))
    expect(page.locator("main")).to_contain_text("Partnerskapet är registrerat.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kuressaare")
    expect(page.locator("main")).to_contain_text("Kultur")
    assert accessibility_problems(page) == []

    page.goto("/")
    bar = page.locator("figure.timeline svg:visible a", has_text="Kuressaare")
    expect(bar).to_have_count(1)
    expect(bar).to_have_attribute("aria-label", re.compile(r"^Kuressaare: Vänort 194"))
    assert page_log.problems() == []


def _ended_count() -> int:
    from vanort.registry import selectors

    return selectors.partnership_list(selectors.PartnershipFilters(status="ended")).count()


def test_partnership_filter_updates_results_in_place_with_htmx(page: Any, page_log: Any) -> None:
    page.goto("/partnerskap/")
    summary = page.locator("#results > p").first
    before = summary.inner_text()
    _mark_document(page)

    page.get_by_label("Status").select_option(label="Avslutat")

    expect(page).to_have_url(re.compile(r"[?&]status=ended(&|$)"))
    expect(summary).not_to_have_text(before)
    expect(summary).to_have_text(f"{_ended_count()} partnerskap")
    expect(page.locator("#results tbody tr")).to_have_count(_ended_count())
    assert _same_document(page), "the filter reloaded the whole page instead of swapping #results"
    assert page_log.problems() == []


def test_partnership_filter_works_without_javascript(nojs_page: Any, page_log: Any) -> None:
    page = nojs_page
    page.goto("/partnerskap/")
    before = page.locator("#results > p").first.inner_text()
    page.get_by_label("Status").select_option(label="Avslutat")
    page.get_by_role("button", name="Filtrera").click()

    expect(page).to_have_url(re.compile(r"[?&]status=ended(&|$)"))
    summary = page.locator("#results > p").first
    expect(summary).not_to_have_text(before)
    expect(summary).to_have_text(f"{_ended_count()} partnerskap")
    assert page_log.problems() == []


def _after_htmx_settles(page: Any, action: Any) -> None:
    """Do something that makes htmx swap content, and wait until the swap has settled."""
    page.evaluate(
        """() => { window.__htmxSettled = new Promise((resolve, reject) => {
            document.addEventListener("htmx:afterSettle", () => resolve(true), {once: true});
            setTimeout(() => reject(new Error("htmx did not swap within 5 s")), 5000);
        }); }"""
    )
    action()
    page.evaluate("() => window.__htmxSettled")


def _answer(page: Any, question: str, answer: str) -> None:
    """Tick an answer to the question (a fieldset with its legend) and wait for the next form."""
    _after_htmx_settles(page, page.get_by_role("group", name=question).get_by_label(answer, exact=True).check)
    expect(page.get_by_role("group", name=question).get_by_label(answer, exact=True)).to_be_checked()


def test_guided_aid_form_reveals_questions_step_by_step(page: Any, page_log: Any) -> None:
    page.goto("/stod/")
    _mark_document(page)
    page.evaluate("document.getElementById('aid-result').__sameLiveRegion = true")
    fin_purpose = page.get_by_role("group", name="Vad ska pengarna användas till?")
    origin = page.get_by_role("group", name="Var kommer utrustningen från?")
    result = page.locator("#aid-result")

    _answer(page, "Vem ger stödet?", "Kommunen")
    _after_htmx_settles(page, lambda: page.get_by_label("Mottagarland").select_option("UA"))
    expect(page).to_have_url(re.compile(r"recipient_country=UA"))
    _answer(page, "Vad gäller det?", "Bistånd: stöd till partnern")
    expect(fin_purpose).to_have_count(0)

    _answer(page, "Vilken form har stödet?", "Pengar")
    expect(fin_purpose).to_be_visible()
    expect(origin).to_have_count(0)

    _answer(page, "Vilken form har stödet?", "Utrustning")
    expect(origin).to_be_visible()
    expect(fin_purpose).to_have_count(0)
    _answer(page, "Var kommer utrustningen från?", "Kommunen behöver den inte längre")
    _answer(page, "Vilken sorts varor?", "Civila varor")
    _answer(page, "Vem tar emot stödet?", "En offentlig aktör i landet, t.ex. en kommun")
    _answer(page, "Finns en plan för att följa upp att stödet används som avsett?", "Ja")
    expect(result).not_to_contain_text("tillåtet med villkor")
    _answer(page, "Vem fattar beslutet?", "Styrelse eller nämnd")

    expect(result).to_contain_text("tillåtet med villkor")
    expect(page).to_have_url(re.compile(r"decision_body=styrelse_or_namnd"))
    assert _same_document(page), "the guided form reloaded the page instead of swapping it with htmx"
    # Screen readers announce changes inside a live region, not a live region that is replaced.
    assert page.evaluate("document.getElementById('aid-result').__sameLiveRegion === true")
    expect(page.get_by_role("group", name="Vem fattar beslutet?").get_by_label("Styrelse eller nämnd")).to_be_focused()
    assert accessibility_problems(page) == []
    assert page_log.problems() == []


UI_STRINGS = ["Partnerskap", "Orter", "Aktiviteter", "Statistik", "Sök", "Logga in", "Hoppa till innehållet"]


def _english_mo_files() -> list[Path]:
    from django.conf import settings

    import vanort

    roots = [Path(p) for p in settings.LOCALE_PATHS] + [Path(vanort.__file__).parent]
    return [mo for root in roots for mo in root.glob("**/locale/en/LC_MESSAGES/django.mo")] + [
        mo for root in roots if (mo := root / "en" / "LC_MESSAGES" / "django.mo").exists()
    ]


def _english_ui_strings() -> list[str]:
    from django.utils import translation

    with translation.override("en"):
        return [english for sv in UI_STRINGS if (english := translation.gettext(sv)) != sv]


def test_language_select_switches_to_english(page: Any, page_log: Any) -> None:
    page.goto("/partnerskap/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    page.get_by_label("Språk").select_option("en")

    expect(page).to_have_url(re.compile(r"/en/partnerskap/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    if _english_mo_files():  # until English is translated, only the language switch itself is checked
        english = _english_ui_strings()
        assert english, f"English catalogues {_english_mo_files()} translate none of {UI_STRINGS}"
        expect(page.locator("body")).to_contain_text(english[0])
    assert page_log.problems() == []


def test_csp_blocks_inline_script_and_the_violation_is_seen(page: Any, page_log: Any) -> None:
    """The detector in the page tests works: an injected inline script is refused and logged."""
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__inlineRan = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.__inlineRan === true") is False
    for _ in range(20):
        if page_log.console_errors:
            break
        page.wait_for_timeout(50)
    assert any("Content Security Policy" in m for m in page_log.console_errors), page_log.console_errors


def test_a_request_to_another_host_is_blocked_and_recorded(page: Any, page_log: Any) -> None:
    """The network guard of the browser tests works: a request that leaves the live server is refused
    and recorded (and so fails the test that made it); the live server's own requests are not."""
    page.goto("/")
    assert page_log.blocked_requests == []
    with pytest.raises(PlaywrightError):
        page.goto("http://example.invalid/outside")
    assert page_log.blocked_requests == ["http://example.invalid/outside"]
