"""`vanort check`: a deployment self-test, one line per check.

A failure (`FAIL`) makes the command exit 1: the database does not answer or lacks
migrations or reference data, the secret key is a known default, DEBUG is on in production,
a path the app writes to is not writable. A warning (`WARN`) is printed but does not fail:
HTTPS settings off, static files not collected, Tesseract or its Swedish model missing.

"Production" means neither DEBUG nor VANORT_LOCAL is on; in local mode the production-only
checks are warnings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

OK, WARN, FAIL = "ok", "WARN", "FAIL"
#: Secret keys that are public (this repository's development key, Django's placeholder).
_KNOWN_KEYS = {"dev-only-insecure-key-never-use-in-production", "change-me", "changeme", "secret"}
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver", "::1"}


@dataclass(frozen=True)
class Check:
    name: str
    level: str
    message: str

    def line(self) -> str:
        return f"{self.level:<4}  {self.name}: {self.message}"


def _local_mode() -> bool:
    return settings.DEBUG or os.environ.get("VANORT_LOCAL", "").strip().lower() in {"1", "true", "yes", "on"}


def _production_level() -> str:
    return WARN if _local_mode() else FAIL


def check_database(using: str = DEFAULT_DB_ALIAS) -> Check:
    connection = connections[using]
    settings_dict = connection.settings_dict
    where = settings_dict.get("NAME") or ""
    if connection.vendor != "sqlite":
        where = f"{settings_dict.get('HOST') or 'localhost'}:{settings_dict.get('PORT') or ''}/{where}"
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "not reachable"; report it, don't crash
        return Check("database", FAIL, f"{connection.vendor} at {where} does not answer ({str(exc).splitlines()[0]})")
    return Check("database", OK, f"{connection.vendor} at {where} answers")


def check_migrations(using: str = DEFAULT_DB_ALIAS) -> Check:
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[using])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # database unreachable: already reported by check_database
        return Check("migrations", FAIL, f"cannot be read ({str(exc).splitlines()[0]})")
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:3]) + ("…" if len(plan) > 3 else "")
        return Check("migrations", FAIL, f"{len(plan)} not applied ({names}); run 'vanort setup'")
    return Check("migrations", OK, "all applied")


def check_reference_data() -> Check:
    from vanort.legal.selectors import status_rows
    from vanort.registry.reference import reference_counts

    try:
        counts = reference_counts()
        counts["aid_status_rows"] = status_rows().count()
    except Exception as exc:  # tables missing: reported by check_migrations
        return Check("reference data", FAIL, f"cannot be read ({str(exc).splitlines()[0]})")
    empty = [name for name, count in counts.items() if not count]
    if empty:
        return Check("reference data", FAIL, f"missing: {', '.join(empty)}; run 'vanort setup'")
    return Check("reference data", OK, ", ".join(f"{k} {v}" for k, v in counts.items()))


def check_secret_key() -> Check:
    key = settings.SECRET_KEY
    if key in _KNOWN_KEYS or key.startswith("django-insecure"):
        return Check("SECRET_KEY", _production_level(), "is a known default; set a long random SECRET_KEY")
    if len(key) < 50 or len(set(key)) < 5:
        return Check("SECRET_KEY", _production_level(), "is short or repetitive; use 50+ random characters")
    return Check("SECRET_KEY", OK, "set from the environment")


def check_debug() -> Check:
    if settings.DEBUG:
        return Check("DEBUG", _production_level(), "is on; never run with DEBUG=1 in production")
    return Check("DEBUG", OK, "off")


def check_https() -> Check:
    if not getattr(settings, "SESSION_COOKIE_SECURE", False) or not getattr(settings, "CSRF_COOKIE_SECURE", False):
        return Check(
            "HTTPS", WARN, "secure cookies, HSTS and the HTTPS redirect are off; set VANORT_HTTPS=1 behind TLS"
        )
    hosts = set(settings.ALLOWED_HOSTS)
    if hosts <= _LOCAL_HOSTS or "*" in hosts:
        return Check("HTTPS", WARN, "on, but ALLOWED_HOSTS names no public host name")
    return Check(
        "HTTPS", OK, f"secure cookies, HSTS {settings.SECURE_HSTS_SECONDS} s, hosts {', '.join(sorted(hosts))}"
    )


def check_static_files() -> Check:
    from django.contrib.staticfiles.finders import get_finders

    root = Path(settings.STATIC_ROOT)
    missing = 0
    total = 0
    for finder in get_finders():
        for path, _storage in finder.list([]):
            total += 1
            if not (root / path).is_file():
                missing += 1
    if missing:
        return Check(
            "static files",
            WARN,
            f"{missing} of {total} not collected in {root}; run "
            "'DJANGO_SETTINGS_MODULE=vanort.config.settings django-admin collectstatic --noinput'",
        )
    return Check("static files", OK, f"{total} collected in {root}")


def check_tesseract() -> Check:
    binary = shutil.which("tesseract")
    if binary is None:
        return Check(
            "tesseract", WARN, "not installed; scanned documents cannot be read (apt install tesseract-ocr-swe)"
        )
    try:
        listed = subprocess.run(  # noqa: S603 - the tesseract found on PATH, fixed arguments
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return Check("tesseract", WARN, f"{binary} does not run ({exc})")
    languages = {line.strip() for line in listed.stdout.splitlines()[1:] if line.strip()}
    if "swe" not in languages:
        return Check("tesseract", WARN, "the Swedish model is missing (apt install tesseract-ocr-swe)")
    return Check("tesseract", OK, f"{binary} with {', '.join(sorted(languages & {'swe', 'ukr', 'eng'}))}")


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".vanort-check-"):
            pass
    except OSError:
        return False
    return True


def check_writable_paths() -> Check:
    paths = {"media": Path(settings.MEDIA_ROOT), "static": Path(settings.STATIC_ROOT)}
    database = settings.DATABASES[DEFAULT_DB_ALIAS]
    if database["ENGINE"].endswith("sqlite3") and str(database["NAME"]) != ":memory:":
        paths["database directory"] = Path(database["NAME"]).parent
    bad = [f"{name} ({path})" for name, path in paths.items() if not _writable(path)]
    if bad:
        return Check("writable paths", FAIL, f"not writable: {', '.join(bad)}")
    return Check("writable paths", OK, ", ".join(str(p) for p in paths.values()))


CHECKS: list[Callable[[], Check]] = [
    check_database,
    check_migrations,
    check_reference_data,
    check_secret_key,
    check_debug,
    check_https,
    check_static_files,
    check_tesseract,
    check_writable_paths,
]


def run_checks() -> list[Check]:
    return [check() for check in CHECKS]
