"""Phones: no main page scrolls sideways at 390 px, in Swedish, English and Ukrainian."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers_browser import PHONE, sideways_overflow
from tests.browser.test_browser_pages import PAGES, _motion_pk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_pages() -> dict[str, str]:
    pages = {name: target() if callable(target) else target for name, target in PAGES.items()}
    pages = {name: url for name, url in pages.items() if not name.endswith(("-en", "-uk"))}
    motion = _motion_pk()
    pages |= {
        "motions": "/motioner/",
        "motion-detail": f"/motioner/{motion}/",
        "motion-proposal": f"/motioner/{motion}/forslag/",
        "deadlines": "/motioner/bevakning/",
        "documents": "/dokument/",
    }
    return pages


def test_no_main_page_scrolls_sideways_on_a_phone(page: Any, page_log: Any) -> None:
    page.set_viewport_size(PHONE)
    failures = []
    for name, url in phone_pages().items():
        for prefix in ("", "/en", "/uk"):
            target = prefix + url
            response = page.goto(target)
            assert response is not None, target
            assert response.ok, f"{target}: HTTP {response.status}"
            if problem := sideways_overflow(page):
                failures.append(f"{name} {target}: {problem}")
    assert not failures, "\n".join(failures)
    assert not page_log.problems(), page_log.problems()


def test_menu_collapses_on_a_phone_and_opens_without_inline_script(page: Any, page_log: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu_link = page.locator("header nav").get_by_role("link", name="Partnerskap")
    assert not menu_link.is_visible()
    page.locator("header nav summary").click()
    menu_link.wait_for(state="visible")
    menu_link.click()
    page.wait_for_url("**/partnerskap/")
    assert not page_log.problems(), page_log.problems()


def test_menu_is_open_on_a_desktop(page: Any, page_log: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    assert page.locator("header nav").get_by_role("link", name="Partnerskap").is_visible()
    assert not page.locator("header nav summary").is_visible()


def test_timeline_on_a_phone_shows_every_decade_at_a_readable_size(page: Any, page_log: Any) -> None:
    """QA: the wide picture scrolled inside its box on a phone, so only the 1940s–60s showed and
    later partnerships looked like empty rows. Phones get the picture with names above bars."""
    page.set_viewport_size(PHONE)
    page.goto("/")
    svg = page.locator("figure.timeline svg:visible")
    expect(svg).to_have_count(1)
    drawn = svg.evaluate("(el) => el.getBoundingClientRect().width / el.viewBox.baseVal.width")
    assert drawn >= 0.9, f"the timeline is drawn at {drawn:.0%} of its size: labels too small to read"
    figure = page.locator("figure.timeline")
    assert figure.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the picture scrolls inside its box"
    latest = svg.locator("text", has_text=re.compile(r"^20[12]0$")).last
    assert latest.evaluate("(el) => el.getBoundingClientRect().right <= window.innerWidth")
    assert sideways_overflow(page) == ""


def test_wide_table_scrolls_in_its_own_box_and_takes_keyboard_focus(page: Any, page_log: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/stod/lander/")
    table = page.locator("main table").first
    assert table.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert table.get_attribute("tabindex") == "0"
    assert sideways_overflow(page) == ""
