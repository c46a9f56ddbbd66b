"""Journeys for issue 12, in real Chromium: casework, registering with the place picker, the first visit,
partners' language, at phone width where people use phones, and one journey by keyboard only."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers_browser import PHONE, accessibility_problems, log_in, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "pw-Journey-123"


def _user(huddinge: Any, role: str, name: str) -> str:
    from vanort.accounts import services

    user = services.user_create(username=name, password=PASSWORD)
    services.membership_grant(user=user, municipality_id=huddinge.pk, role=role)
    return name


def _motion_in_preparation(huddinge: Any) -> Any:
    """A motion of Huddinge raised two months ago and now in preparation (set up through the services)."""
    from vanort.accounts import services as accounts
    from vanort.motions import services
    from vanort.motions.states import Action

    registrar = accounts.user_create(username="setup-registrar", password=PASSWORD)
    accounts.membership_grant(user=registrar, municipality_id=huddinge.pk, role="registrar")
    filed = date.today() - timedelta(days=60)
    motion = services.motion_create(
        user=registrar,
        municipality=huddinge,
        title="Vänort i Moldavien",
        filed_date=filed,
        proposers=[services.ProposerIn("Anna Andersson", "S")],
    )
    for action, inputs in (
        (Action.SUBMIT, {}),
        (Action.REGISTER, {}),
        (Action.RAISE, {"raised_on": filed}),
        (Action.START_PREPARATION, {}),
    ):
        motion = services.motion_transition(
            user=registrar, motion=motion, action=action, expected_version=motion.version, **inputs
        )
    return motion


def test_registrar_sends_a_referral_on_a_phone_and_sees_it_in_the_history(
    browser: Any, site: str, page_log: Any, huddinge: Any
) -> None:
    from tests.browser.conftest import _new_context, _watch

    name = _user(huddinge, "registrar", "registrator-telefon")
    motion = _motion_in_preparation(huddinge)
    context = _new_context(browser, site, page_log, viewport=PHONE)
    page = context.new_page()
    _watch(page, page_log)
    log_in(page, name, PASSWORD)
    page.goto(f"/motioner/{motion.pk}/")
    page.locator("summary", has_text="Skicka på remiss").click()
    form = page.locator("form[action$='/remisser/']")
    committee = form.get_by_label("Remissinstans")
    assert committee.evaluate("(el) => el.tagName") == "SELECT"  # the municipality's committees, not free text
    committee.select_option("Socialnämnden")
    form.get_by_label("Skickad").fill(date.today().isoformat())
    form.get_by_label("Svar senast").fill((date.today() + timedelta(days=30)).isoformat())
    form.get_by_role("button", name="Skicka på remiss").click()
    expect(page.locator("main")).to_contain_text("Remissen är registrerad.")
    history = page.locator("section[aria-labelledby='h-hist']")
    expect(history).to_contain_text("Skickad på remiss: Socialnämnden")
    expect(history).to_contain_text(name)
    assert sideways_overflow(page) == ""
    assert accessibility_problems(page) == []
    assert page_log.problems() == []
    context.close()


def test_the_board_proposal_form_makes_the_officer_choose(page: Any, page_log: Any, huddinge: Any) -> None:
    from vanort.motions import services
    from vanort.motions.states import Action

    name = _user(huddinge, "registrar", "registrator-forslag")
    motion = _motion_in_preparation(huddinge)
    user = motion.events.first().actor
    services.opinion_save(
        user=user, motion=motion, date=date.today(), sections=[("Sammanfattning", "Text")], signatories=[]
    )
    motion = services.motion_transition(
        user=user, motion=motion, action=Action.COMPLETE_OPINION, expected_version=motion.version
    )
    log_in(page, name, PASSWORD)
    page.goto(f"/motioner/{motion.pk}/")
    page.locator("summary", has_text="Kommunstyrelsens förslag").click()
    choice = page.get_by_role("combobox", name="Kommunstyrelsens förslag")
    expect(choice).to_have_value("")
    page.locator("form", has=choice).get_by_role("button").click()
    expect(page.locator("main details[open] .error").first).to_be_visible()
    motion.refresh_from_db()
    assert motion.recommendation == ""
    # The refused form answers 400 (which Chromium logs); nothing else may go wrong.
    assert [p for p in page_log.problems() if "status of 400" not in p] == []


def test_officer_registers_a_partnership_with_the_picker_and_an_activity_on_a_phone(
    browser: Any, site: str, page_log: Any, huddinge: Any
) -> None:
    from tests.browser.conftest import _new_context, _watch

    name = _user(huddinge, "case_officer", "handlaggare-telefon")
    context = _new_context(browser, site, page_log, viewport=PHONE)
    page = context.new_page()
    _watch(page, page_log)
    log_in(page, name, PASSWORD)
    page.goto("/partnerskap/ny/")
    form = page.locator("main form")
    expect(form.get_by_role("combobox", name="Kommun", exact=True)).to_have_value(str(huddinge.pk))  # own
    form.get_by_label("Partnerort").fill("тростян")  # any script, any case
    choice = form.get_by_role("radio", name=re.compile("Trostyanets"))
    expect(choice).to_be_visible()
    choice.check()
    form.get_by_label("Typ av samarbete").select_option("friendship_town")
    form.get_by_label("Start", exact=True).fill("mars 2024")
    form.get_by_role("button", name="Spara").click()
    expect(page.locator("main")).to_contain_text("Partnerskapet är registrerat.")
    expect(page.locator("main dl")).to_contain_text("mars 2024")
    assert sideways_overflow(page) == ""

    page.get_by_role("link", name="Registrera aktivitet").click()
    form = page.locator("main form")
    form.get_by_label("Rubrik").fill("Digitalt vänortsmöte")
    form.get_by_label("Datum eller period från").fill("12 mars 2025")
    form.get_by_label("Eller en ny arrangör").fill("Huddinge Ukrainaförening")
    form.get_by_role("button", name="Spara").click()
    expect(page).to_have_url(re.compile(r"/partnerskap/\d+/$"))
    activities = page.locator("ul.activities")
    expect(activities).to_contain_text("12 mars 2025")
    expect(activities).to_contain_text("Huddinge Ukrainaförening")
    assert accessibility_problems(page) == []
    assert page_log.problems() == []
    context.close()


def _tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element is focused, like a keyboard user moving through the page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def test_keyboard_only_log_in_and_register_an_activity(page: Any, page_log: Any, huddinge: Any) -> None:
    name = _user(huddinge, "case_officer", "handlaggare-tangentbord")
    page.goto("/logga-in/")
    _tab_to(page, "#id_username")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("header .account")).to_contain_text(name)

    page.goto("/")
    _tab_to(page, "a.button[href$='/aktiviteter/ny/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("aktivitet", ignore_case=True)
    _tab_to(page, "#id_title")
    page.keyboard.type("Studiebesök med tangentbord")
    _tab_to(page, "#id_start")
    page.keyboard.type("mars 2025")
    _tab_to(page, "main form button[type=submit]")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # focus is visible
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Aktiviteten är registrerad.")
    expect(page.locator("ul.activities")).to_contain_text("Studiebesök med tangentbord")
    assert page_log.problems() == []


def test_first_visit_on_a_phone_reaches_the_accessibility_statement(browser: Any, site: str, page_log: Any) -> None:
    from tests.browser.conftest import _new_context, _watch

    context = _new_context(browser, site, page_log, viewport=PHONE)
    page = context.new_page()
    _watch(page, page_log)
    page.goto("/")
    expect(page.get_by_role("heading", name="Vad är Vänort?")).to_be_visible()
    expect(page.locator(".starts")).to_contain_text("Registratorer och nämndsekreterare")
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/static/web/favicon.svg")
    assert page.request.get("/static/web/favicon.svg").ok
    page.locator("footer").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")
    expect(page.locator("main")).to_contain_text("2018:1937")
    assert sideways_overflow(page) == ""
    assert accessibility_problems(page) == []
    assert page_log.problems() == []
    context.close()


def test_ukrainian_partner_reads_place_names_in_ukrainian(page: Any, page_log: Any) -> None:
    from vanort.registry.models import Place

    trostyanets = Place.objects.get(name="Trostyanets")
    page.goto(f"/uk/orter/{trostyanets.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Тростянець")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    page.goto("/uk/partnerskap/")
    expect(page.locator("main table")).to_contain_text("Вантаа")
    expect(page.locator("main table")).to_contain_text("Фінляндія")
    page.goto("/uk/statistik/")
    expect(page.locator("main")).to_contain_text("272 муніципалітети")
    assert accessibility_problems(page) == []
    assert page_log.problems() == []
