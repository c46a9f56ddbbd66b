"""Screenshots of the main pages at desktop and phone width, for the README (docs/screenshots/).

`VANORT_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_browser_screenshots.py` writes them
into docs/screenshots/; otherwise they go to a temporary directory and the test only checks that each page
renders without errors and without scrolling sideways on the phone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers_browser import PHONE, sideways_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
FULL_PAGE = {"start", "partnerships", "start-uk"}


def _pages() -> dict[str, str]:
    from vanort.motions.models import Motion
    from vanort.registry.models import Partnership

    vanda = Partnership.objects.get(place_b__name="Vanda").pk
    motion = Motion.objects.values_list("pk", flat=True).get()
    return {
        "start": "/",
        "partnership": f"/partnerskap/{vanda}/",
        "partnerships": "/partnerskap/",
        "motion": f"/motioner/{motion}/",
        "deadlines": "/motioner/bevakning/",
        "start-uk": "/uk/",
    }


def test_main_pages_screenshots(page: Any, page_log: Any, tmp_path: Path) -> None:
    target = DOCS if os.environ.get("VANORT_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        for name, url in _pages().items():
            page.goto(url)
            if width_name == "phone":
                assert sideways_overflow(page) == "", url
            path = target / f"{name}-{width_name}.png"
            page.screenshot(path=str(path), full_page=width_name == "desktop" and name in FULL_PAGE)
            written.append(path)
    assert all(p.stat().st_size > 5_000 for p in written)
    assert not page_log.problems(), page_log.problems()
