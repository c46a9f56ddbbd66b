"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against pytest-django's live server.

One browser per xdist worker (session scope); one fresh context per test. Every request that does
not go to the live server is blocked and recorded, so a test also proves the page (and axe-core,
which is injected from the bundled file) fetches nothing from the network.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.helpers_browser import no_browser
from tests.helpers_db import DatabaseCopy, SqliteTemplate, is_in_memory_sqlite

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
PASSWORD = "pw-Browser-123"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium for this worker's browser tests, which run after all its other tests (root conftest)."""
    if not CHROMIUM.exists():
        no_browser(f"{CHROMIUM} is missing: install Debian's chromium (never `playwright install`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright's sync API keeps an event loop running in this thread from here on, and Django
        # refuses ORM calls while one runs: allowed for the browser tests only, until they are done.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        try:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
        finally:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@dataclass
class PageLog:
    """What went wrong in the browser while a test ran."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"uncaught JS error: {m}" for m in self.page_errors),
            *(f"request outside the live server (blocked): {u}" for u in self.blocked_requests),
            *(f"HTTP error: {u}" for u in self.failed_responses),
        ]

    def clear(self) -> None:
        for items in (self.console_errors, self.page_errors, self.blocked_requests, self.failed_responses):
            items.clear()


_SITE_DATA: list[DatabaseCopy] = []  # this worker's copy of the database with the site data loaded


@pytest.fixture(scope="session")
def _put_back_instead_of_flush(django_db_setup: None) -> Iterator[None]:
    """After a transactional test Django empties the database (a TRUNCATE of every table: seconds on
    PostgreSQL), and the next browser test would load the site data again. Browser tests run last
    in a worker (root conftest), so from the first one on, the copy of the site data is put back
    instead: what every browser test starts from, in milliseconds. (After the database set-up,
    which on SQLite puts its template back instead of emptying: that is the fallback here.)"""
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def put_back(test_case: TransactionTestCase) -> None:
        if _SITE_DATA:
            _SITE_DATA[0].restore()
        else:  # the site data were never loaded (the first test failed before): empty as usual
            flush(test_case)

    TransactionTestCase._fixture_teardown = put_back  # type: ignore[method-assign]
    yield
    TransactionTestCase._fixture_teardown = flush  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _site_data(_put_back_instead_of_flush: None, transactional_db: None) -> None:
    """The Huddinge demo, its demo motion and the aid country table, before any other fixture of a
    browser test runs: loaded (on SQLite: copied from the day's template) by the first browser test
    of this worker, which keeps a copy of the database; after each browser test the copy is put
    back, so the next one starts from it."""
    if _SITE_DATA:
        return
    if not is_in_memory_sqlite():
        _load_site_data()
    else:  # loaded once a day (their rows carry the time they were loaded), copied in otherwise
        template = SqliteTemplate("site-data", made_from=date.today().isoformat())
        with template.locked():
            if template.exists():
                template.restore()
            else:
                _load_site_data()
                template.save()
    _SITE_DATA.append(DatabaseCopy())


def _load_site_data() -> None:
    from vanort.legal.services import status_table_seed
    from vanort.motions.demo import load_demo as load_motions_demo
    from vanort.registry.demo import load_demo
    from vanort.registry.models import Place
    from vanort.registry.reference import reference_load

    if not Place.objects.filter(code="0126", country_id="SE").exists():
        reference_load()
    load_demo()
    status_table_seed()
    load_motions_demo()


@pytest.fixture
def site(live_server: Any, _site_data: None) -> str:
    """The live server with the Huddinge demo, its demo motion and the aid country table loaded."""
    return str(live_server.url)


def _new_context(browser: Any, base_url: str, log: PageLog, **kwargs: Any) -> Any:
    context = browser.new_context(base_url=base_url, locale="sv-SE", **kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    origin = urlsplit(base_url).netloc

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == origin:
            route.continue_()
        else:
            log.blocked_requests.append(url)
            route.abort()

    # Only requests to another host come to Python: Chromium matches the pattern itself, so the live
    # server's own pages and files load without a round trip through the test for every request.
    context.route(re.compile(rf"^(?!(data|blob):)(?![a-z][a-z0-9+.-]*://{re.escape(origin)}(?:[/?#]|$))"), guard)
    return context


def _watch(page: Any, log: PageLog) -> None:
    page.on("console", lambda m: log.console_errors.append(f"{m.text} @ {page.url}") if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(f"{e} @ {page.url}"))
    page.on("response", lambda r: log.failed_responses.append(f"{r.status} {r.url}") if r.status >= 500 else None)


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: Any, site: str, page_log: PageLog) -> Iterator[Any]:
    context = _new_context(browser, site, page_log)
    page = context.new_page()
    _watch(page, page_log)
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser: Any, site: str, page_log: PageLog) -> Iterator[Any]:
    context = _new_context(browser, site, page_log, java_script_enabled=False)
    page = context.new_page()
    _watch(page, page_log)
    yield page
    context.close()


@pytest.fixture
def officer_login(huddinge: Any) -> tuple[str, str]:
    """A Huddinge case officer with a password the test knows: (username, password)."""
    from vanort.accounts import services
    from vanort.accounts.models import Role

    user = services.user_create(username="handlaggare-browser", password=PASSWORD)
    services.membership_grant(user=user, municipality_id=huddinge.pk, role=Role.CASE_OFFICER)
    return user.get_username(), PASSWORD
