"""The done-criterion of issue 10 in real Chromium: a Ukrainian official posts a need in Ukrainian,
a Huddinge officer sees it matched to her Swedish offer with the reasons and the legal verdict,
accepts, and both follow it to delivery. The official works on a 390 px wide screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, _new_context, _watch
from tests.browser.helpers_browser import accessibility_problems, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def official_login(place_factory: Any) -> tuple[str, str, Any]:
    from vanort.accounts import services
    from vanort.accounts.models import Role

    place = place_factory(name="Тростянець", country="UA", kind="hromada")
    user = services.user_create(username="posadova-osoba", password=PASSWORD)
    services.membership_grant(user=user, municipality_id=place.pk, role=Role.PARTNER_OFFICIAL)
    return user.get_username(), PASSWORD, place


def _no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_need_in_ukrainian_is_matched_accepted_and_followed_to_delivery(
    browser: Any, site: str, page: Any, page_log: Any, officer_login: Any, official_login: Any
) -> None:
    officer_name, officer_password = officer_login
    official_name, official_password, _place = official_login

    # The Huddinge officer publishes her Swedish offer.
    log_in(page, officer_name, officer_password)
    page.goto("/samarbete/erbjudanden/nytt/")
    form = page.locator("main form")
    form.locator("#id_sector").select_option("emergency")
    form.locator("#id_form").select_option("equipment")
    form.locator("#id_title").fill("Begagnad brandbil")
    form.locator("#id_description").fill("Räddningstjänsten har en begagnad brandbil med pump som inte längre behövs.")
    form.locator("#id_quantity").fill("1")
    form.locator("#id_spare").check()
    form.get_by_role("button", name="Publicera").click()
    expect(page.locator("main")).to_contain_text("Erbjudandet är publicerat.")

    # The Ukrainian official, on a phone, logs in and lands in the Ukrainian interface.
    context = _new_context(browser, site, page_log, viewport={"width": 390, "height": 844})
    phone = context.new_page()
    _watch(phone, page_log)
    log_in(phone, official_name, official_password)
    expect(phone).to_have_url(re.compile(r"/uk/"))
    phone.goto("/uk/samarbete/behov/nytt/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Опублікувати потребу")
    assert accessibility_problems(phone) == []
    form = phone.locator("main form")
    form.locator("#id_sector").select_option("emergency")
    form.locator("#id_form").select_option("equipment")
    form.locator("#id_title").fill("Потрібен пожежний автомобіль")
    form.locator("#id_description").fill("Громаді потрібен пожежний автомобіль для місцевої пожежної охорони.")
    form.locator("#id_language").select_option("uk")
    form.locator("#id_urgency").select_option("critical")
    form.get_by_role("button", name="Опублікувати").click()
    expect(phone.locator("main")).to_contain_text("Потребу опубліковано.")
    assert _no_horizontal_scroll(phone)

    # The officer sees the match with its reasons and the legal verdict, and accepts it.
    page.goto("/samarbete/matchningar/")
    card = page.locator("section.match", has_text="Потрібен пожежний автомобіль")
    expect(card).to_contain_text("Begagnad brandbil")
    expect(card.locator("ul.reasons li").first).to_be_visible()
    expect(card.locator(".outcome")).to_have_text("tillåtet med villkor")
    expect(card).to_contain_text("brandbil")  # the Swedish key term beside the Ukrainian text
    assert accessibility_problems(page) == []
    card.get_by_role("button", name="Acceptera").click()
    expect(page.locator("main")).to_contain_text("Matchningen är accepterad och initiativet skapat.")
    initiative_url = page.url

    # Conditions are ticked off, the contribution approved (checked again), then delivery.
    while page.get_by_role("button", name="Bocka av").count():
        page.get_by_role("button", name="Bocka av").first.click()
        page.wait_for_load_state()
    page.get_by_label("Beslutsdatum").fill("2025-03-01")
    page.get_by_role("button", name="Besluta insatsen").click()
    expect(page.locator("main")).to_contain_text("Insatsen är beslutad.")
    for button in ("Överenskom", "Börja leverera", "Markera som levererat"):
        page.get_by_role("button", name=button).click()
        expect(page.locator("main")).to_contain_text("Initiativets läge är ändrat.")
    expect(page.locator(".state")).to_have_text("Levererat")
    assert accessibility_problems(page) == []

    # The official follows it from her notices to the delivered initiative, in Ukrainian.
    phone.goto("/uk/samarbete/notiser/")
    expect(phone.locator("ul.notices li")).to_have_count(4)
    phone.locator("ul.notices li a").first.click()
    expect(phone).to_have_url(re.compile(r"/uk/samarbete/initiativ/\d+/$"))
    assert phone.url.endswith(initiative_url.split("/", 3)[3])
    expect(phone.locator(".state")).to_have_text("Передано")
    assert _no_horizontal_scroll(phone)
    assert accessibility_problems(phone) == []
    context.close()
    assert page_log.problems() == []


def test_needs_board_filters_with_htmx_and_is_accessible(page: Any, page_log: Any, need_board: None) -> None:
    page.goto("/samarbete/behov/")
    assert accessibility_problems(page) == []
    page.locator("#id_urgency").select_option("low")
    expect(page.locator("#results")).not_to_contain_text("Пожежний")
    expect(page.locator("#results")).to_contain_text("Консультації")
    assert page_log.problems() == []


@pytest.fixture
def need_board(site: str) -> None:
    from vanort.cooperation.demo import load_demo

    load_demo()
