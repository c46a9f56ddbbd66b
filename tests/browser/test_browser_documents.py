"""Document pages in real Chromium: the review page and the upload job page pass axe-core
with no CSP or JS error, and the job page follows the job by htmx polling (no inline script)
until the review is ready."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers_browser import accessibility_problems, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-Secret-123"  # tests/conftest.py's user_factory
SEED = Path(__file__).resolve().parent.parent / "documents" / "seed_000.txt"


def _problems(page: Any, page_log: Any, url: str) -> list[str]:
    response = page.goto(url)
    found = [] if response and response.ok else [f"HTTP {response.status if response else '?'}"]
    return found + accessibility_problems(page) + page_log.problems()


def test_review_and_job_pages_are_accessible_and_the_job_page_follows_the_job(
    page: Any, page_log: Any, admin_user: Any, huddinge: Any
) -> None:
    from vanort.core.system import SYSTEM
    from vanort.documents import services
    from vanort.documents.models import ImportJob

    document, _ = services.document_import(
        user=SYSTEM, data=SEED.read_bytes(), filename="seed.txt", municipality=huddinge
    )
    job = ImportJob.objects.create(
        municipality=huddinge,
        uploaded_by=admin_user,
        filename="seed-kopia.txt",
        content=SEED.read_bytes() + b"\n",
        checksum="b" * 64,
    )
    log_in(page, admin_user.get_username(), PASSWORD)
    assert _problems(page, page_log, f"/dokument/{document.pk}/") == []
    assert _problems(page, page_log, f"/dokument/jobb/{job.pk}/") == []
    page.locator("#job-status", has_text="I kö").wait_for()
    services.import_job_run(job.pk)  # the worker finishes while the page is open
    job.refresh_from_db()
    page.wait_for_url(f"**/dokument/{job.document_id}/", timeout=15_000)
    assert page_log.problems() == []
