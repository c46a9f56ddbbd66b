"""`vanort check`: one line per check; failures exit 1, warnings do not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vanort.ops import checks

_STRONG_KEY = "k3y-" + "".join(chr(ord("a") + i % 26) for i in range(60))


@pytest.fixture
def production(settings: Any, monkeypatch: Any, tmp_path: Path) -> Any:
    """A production configuration: local mode off, DEBUG off, a strong key, writable paths."""
    monkeypatch.delenv("VANORT_LOCAL", raising=False)
    settings.DEBUG = False
    settings.SECRET_KEY = _STRONG_KEY
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    return settings


@pytest.fixture
def set_up(reference_data: None) -> None:
    from vanort.legal.services import status_table_seed

    status_table_seed()


def _levels() -> dict[str, str]:
    return {c.name: c.level for c in checks.run_checks()}


@pytest.mark.django_db
def test_a_set_up_database_passes(production: Any, set_up: None) -> None:
    levels = _levels()
    assert {k: levels[k] for k in ("database", "migrations", "reference data", "SECRET_KEY", "DEBUG")} == dict.fromkeys(
        ("database", "migrations", "reference data", "SECRET_KEY", "DEBUG"), "ok"
    )
    assert checks.FAIL not in levels.values()


@pytest.mark.django_db
def test_missing_reference_data_fails(production: Any) -> None:
    result = checks.check_reference_data()
    assert result.level == checks.FAIL
    assert "vanort setup" in result.message


@pytest.mark.parametrize("key", ["dev-only-insecure-key-never-use-in-production", "django-insecure-abc", "short"])
def test_a_default_or_weak_secret_key_fails_in_production(production: Any, key: str) -> None:
    production.SECRET_KEY = key
    assert checks.check_secret_key().level == checks.FAIL


def test_a_default_secret_key_only_warns_in_local_mode(production: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("VANORT_LOCAL", "1")
    production.SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
    assert checks.check_secret_key().level == checks.WARN


def test_debug_on_fails_in_production(production: Any, monkeypatch: Any) -> None:
    assert checks.check_debug().level == checks.OK
    monkeypatch.setattr(checks, "_local_mode", lambda: False)
    production.DEBUG = True
    assert checks.check_debug().level == checks.FAIL


def test_https_settings(production: Any) -> None:
    production.SESSION_COOKIE_SECURE = production.CSRF_COOKIE_SECURE = False
    assert checks.check_https().level == checks.WARN
    production.SESSION_COOKIE_SECURE = production.CSRF_COOKIE_SECURE = True
    production.SECURE_HSTS_SECONDS = 31536000
    production.ALLOWED_HOSTS = ["127.0.0.1"]
    assert checks.check_https().level == checks.WARN
    production.ALLOWED_HOSTS = ["vanort.huddinge.se"]
    assert checks.check_https().level == checks.OK


def test_static_files_must_be_collected(production: Any) -> None:
    from django.core.management import call_command

    assert checks.check_static_files().level == checks.WARN
    call_command("collectstatic", interactive=False, verbosity=0)
    assert checks.check_static_files().level == checks.OK


def test_missing_tesseract_only_warns(monkeypatch: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = checks.check_tesseract()
    assert result.level == checks.WARN
    assert "tesseract" in result.message


def test_tesseract_without_swedish_warns(monkeypatch: Any, tmp_path: Path) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages (1):'\necho eng\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = checks.check_tesseract()
    assert result.level == checks.WARN
    assert "swe" in result.message


def test_unwritable_media_directory_fails(production: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    production.MEDIA_ROOT = blocker / "media"
    result = checks.check_writable_paths()
    assert result.level == checks.FAIL
    assert "media" in result.message


def test_unreachable_database_fails_every_database_check(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "VANORT_LOCAL": "1",
        "VANORT_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere?connect_timeout=2",
    }
    done = subprocess.run(
        [sys.executable, "-m", "vanort", "check"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(checks.CHECKS)
    assert lines[0].startswith("FAIL  database: postgresql at 127.0.0.1:1/nowhere does not answer")
    assert lines[1].startswith("FAIL  migrations:")
    assert lines[2].startswith("FAIL  reference data:")


@pytest.mark.django_db
def test_cli_prints_one_line_per_check_and_exits_1_on_a_failure(production: Any, capsys: Any) -> None:
    from vanort.cli import main

    production.SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
    assert main(["check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(checks.CHECKS)
    assert any(line.startswith("FAIL  SECRET_KEY:") for line in lines)


@pytest.mark.django_db
def test_cli_exits_0_with_only_warnings(production: Any, set_up: None, capsys: Any) -> None:
    from vanort.cli import main

    assert main(["check"]) == 0
    assert "FAIL" not in capsys.readouterr().out
