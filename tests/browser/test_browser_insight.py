"""Statistics, open data and search pages in real Chromium: accessible, and no sideways
scrolling on a 390 px wide phone screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers_browser import accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/statistik/", "/statistik/?ort=0126", "/data/", "/sok/?q=vanort", "/sok/?q=Trostionets", "/en/statistik/"]


@pytest.mark.parametrize("url", PAGES)
def test_page_fits_a_phone_and_is_accessible(page: Any, page_log: Any, url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(url)
    assert response is not None
    assert response.ok
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 390px"
    assert accessibility_problems(page) == []
    assert page_log.problems() == []


def test_chart_tables_open_for_keyboard_users(page: Any) -> None:
    page.goto("/statistik/")
    summary = page.locator("main details summary").first  # the header menu is a <details> too
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details[open] table").first.is_visible()
