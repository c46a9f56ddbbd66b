"""A Huddinge officer on a phone creates an initiative and withdraws an offer after confirming;
the new pages fit 390 px in Swedish, English and Ukrainian and pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers_browser import PHONE, accessibility_problems, log_in, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Any, url: str) -> list[str]:
    problems = []
    for prefix in ("", "/en", "/uk"):
        response = page.goto(prefix + url)
        assert response is not None
        assert response.ok, f"{prefix}{url}: HTTP {response.status}"
        if problem := sideways_overflow(page):
            problems.append(f"{prefix}{url}: {problem}")
    return problems


def test_officer_creates_an_initiative_on_a_phone(page: Any, page_log: Any, officer_login: Any) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, *officer_login)
    assert _fits(page, "/samarbete/initiativ/nytt/") == []
    page.goto("/samarbete/initiativ/")
    page.locator("main").get_by_role("link", name="Nytt initiativ").click()
    assert accessibility_problems(page) == []
    form = page.locator("main form")
    form.locator("#id_title").fill("Digitala verktyg i skolan")
    form.locator("#id_description").fill("Erfarenhetsutbyte mellan skolledare.")
    form.get_by_role("button", name="Skapa initiativet").click()
    expect(page.locator("main")).to_contain_text("Initiativet är skapat.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitala verktyg i skolan")
    assert page_log.problems() == []


def test_officer_withdraws_an_offer_after_confirming_on_a_phone(
    page: Any, page_log: Any, officer_login: Any, huddinge: Any
) -> None:
    from django.contrib.auth import get_user_model

    from vanort.cooperation.models import Offer
    from vanort.cooperation.services import offer_publish

    offer = offer_publish(
        user=get_user_model().objects.get(username=officer_login[0]),
        municipality=huddinge,
        sector="education",
        form="equipment",
        title="Skolbänkar",
        description="Tjugo skolbänkar i gott skick.",
        quantity=20,
        compute=False,
    )
    page.set_viewport_size(PHONE)
    log_in(page, *officer_login)
    assert _fits(page, f"/samarbete/erbjudanden/{offer.pk}/aterta/") == []
    page.goto(f"/samarbete/erbjudanden/{offer.pk}/")
    page.locator("main").get_by_role("link", name="Återta erbjudandet").click()
    assert accessibility_problems(page) == []
    assert Offer.objects.get(pk=offer.pk).status == "published"
    page.locator("main form").get_by_role("button", name="Återta erbjudandet").click()
    expect(page.locator("main")).to_contain_text("Erbjudandet är återtaget.")
    assert Offer.objects.get(pk=offer.pk).status == "withdrawn"
    assert page_log.problems() == []
