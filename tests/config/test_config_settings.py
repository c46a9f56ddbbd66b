"""Settings come from the environment; production never runs on the development key."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "VANORT_LOCAL", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import vanort.config.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        env={**clean, "PYTHONPATH": str(SRC), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _import_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_secret_key_from_environment_is_enough():
    assert _import_settings(SECRET_KEY="x" * 50).returncode == 0


def test_database_url_selects_postgresql():
    result = _import_settings(SECRET_KEY="x" * 50, DATABASE_URL="postgres://postgres@127.0.0.1:5432/test")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def _local_flag(value: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "VANORT_LOCAL"}}
    result = subprocess.run(
        [sys.executable, "-c", "import vanort.config.settings as s; print(s.VANORT_LOCAL)"],
        env={**clean, "PYTHONPATH": str(SRC), "SECRET_KEY": "k" * 50, "VANORT_LOCAL": value},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip()


def test_local_mode_is_read_one_way():
    assert [_local_flag(v) for v in ("1", "true", "0", "", "no")] == ["True", "True", "False", "False", "False"]


def test_production_refuses_a_published_default_key():
    for key in ("dev-only-insecure-key-never-use-in-production", "django-insecure-abc123", "changeme"):
        result = _import_settings(SECRET_KEY=key)
        assert result.returncode != 0, key
        assert "published default key" in result.stderr


def test_local_run_may_use_the_development_key():
    assert _import_settings(VANORT_LOCAL="1").returncode == 0
