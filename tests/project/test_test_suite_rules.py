"""Rules of the test suite itself: cheap password hashing everywhere, Django's async-safety check on
outside the browser tests, and CI failing (never skipping) the browser tests without Chromium."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers_browser import no_browser

ROOT = Path(__file__).resolve().parents[2]


def test_the_whole_suite_hashes_passwords_cheaply() -> None:
    from django.contrib.auth.hashers import get_hasher

    assert get_hasher().algorithm == "md5"


def test_django_async_safety_check_is_on_outside_the_browser_tests() -> None:
    assert "DJANGO_ALLOW_ASYNC_UNSAFE" not in os.environ


def test_ci_script_tells_the_tests_they_run_in_ci() -> None:
    assert re.search(r"^export CI=true\b", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.MULTILINE)


@pytest.mark.parametrize(
    ("ci", "outcome"),
    [
        ("true", pytest.fail.Exception),
        ("1", pytest.fail.Exception),
        ("", pytest.skip.Exception),
        ("false", pytest.skip.Exception),
    ],
)
def test_missing_chromium_fails_in_ci_and_skips_elsewhere(ci: str, outcome: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        no_browser("no chromium")
