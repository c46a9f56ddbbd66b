"""A copy of the whole test database, taken once and put back before a test, for tests that commit
(transactional tests, the live server): putting back a copy costs milliseconds where loading the
same data again through the services costs seconds. Every row, sequence and search index row is
put back as it was, so a test starts from exactly what the loaders wrote the first time.

SQLite (the in-memory test database): SQLite's online backup, into and out of a second in-memory
database. PostgreSQL: every table's rows in COPY's binary format and every sequence's position;
put back in one transaction with triggers and foreign key checks off (the rows are a consistent
copy and already hold what triggers computed).

Below: the SQLite test database's templates (a file per stage, made once and copied in), and the
put-back of the database as set up after a transactional test.
"""

from __future__ import annotations

import fcntl
import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import django
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

import vanort


class DatabaseCopy:
    """What the test database holds now; `restore()` makes it hold that again."""

    def __init__(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite)
        elif connection.vendor == "postgresql":
            self._tables, self._rows, self._sequences = _pg_take()
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
            raise NotImplementedError(connection.vendor)

    def restore(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite.backup(connection.connection)
        else:
            _pg_restore(self._tables, self._rows, self._sequences)
        ContentType.objects.clear_cache()  # ids as in the copy, not as a flush's post_migrate made them


def _pg_take() -> tuple[list[str], dict[str, bytes], list[tuple[str, int | None]]]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    quote = connection.ops.quote_name
    rows: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                rows[table] = b"".join(bytes(chunk) for chunk in copy)
        cursor.execute("SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences")
        sequences = [(name, last) for name, last in cursor.fetchall()]
    return tables, rows, sequences


def _pg_restore(tables: list[str], rows: dict[str, bytes], sequences: list[tuple[str, Any]]) -> None:
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers, no FK checks
        # DELETE, not TRUNCATE: a few hundred rows a table go faster than new files for every table
        for table in connection.introspection.django_table_names(only_existing=True, include_views=False):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - table names from introspection
        for table in tables:
            with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(rows[table])
        for name, last in sequences:
            if last is None:
                cursor.execute("SELECT setval(%s::regclass, 1, false)", [name])
            else:
                cursor.execute("SELECT setval(%s::regclass, %s, true)", [name, last])


# --- the migrated test database, made once -----------------------------------------------------

TEMPLATES = Path(__file__).resolve().parents[1] / "var" / "test-databases"
_MADE_FROM = [Path(__file__), *Path(__file__).parent.glob("**/conftest.py")]  # besides the apps' code


class SqliteTemplate:
    """The in-memory SQLite test database as the migrations and the reference data loader left it
    ("migrated"), or as other loaders then left it (the browser tests' site data), kept in a file
    and copied into the test database instead of loading again (seconds per xdist worker; for
    migrating, most of it Django rendering model states). The file is named after a hash of
    everything it was made from — every installed app's migrations, the project's source and data
    files, this module, the conftests that load, the Django and SQLite versions, and `made_from`
    (e.g. the day, for data stamped with the time they were loaded) — so any change makes a new
    one, built as before. `make lint` checks the migrations themselves."""

    def __init__(self, name: str = "migrated", *, made_from: str = "", directory: Path = TEMPLATES) -> None:
        self.directory = directory
        self.name = name
        self.path = directory / f"{name}-{_made_from_hash(made_from)}.sqlite3"

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One xdist worker builds the template while the other waits for it, then copies it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with (self.directory / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def instead_of_migrate(self) -> Iterator[None]:
        """Within: Django's `migrate` of a test database copies the template in instead; every other
        step of creating the test database (its name, its connection) is Django's own."""
        from django.core import management

        call_command = management.call_command

        def copy_or_call(name: str, *args: Any, **options: Any) -> Any:
            if name != "migrate":
                return call_command(name, *args, **options)
            self.restore()
            return None

        management.call_command = copy_or_call
        try:
            yield
        finally:
            management.call_command = call_command

    def restore(self) -> None:
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as template:
            template.backup(connection.connection)
        ContentType.objects.clear_cache()  # ids as in the template

    def save(self) -> None:
        """Keep what the test database holds now as the template (and drop the outdated ones)."""
        partial = self.path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        with closing(sqlite3.connect(partial)) as copy:
            connection.connection.backup(copy)
        partial.replace(self.path)
        for old in self.directory.glob(f"{self.name}-*.sqlite3"):
            if old != self.path:
                old.unlink(missing_ok=True)


def is_in_memory_sqlite() -> bool:
    from django.conf import settings

    database = settings.DATABASES["default"]
    return bool(database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get("NAME"))


def _made_from_hash(made_from: str) -> str:
    from django.apps import apps

    digest = hashlib.sha256(f"django {django.get_version()} sqlite {sqlite3.sqlite_version} {made_from}".encode())
    files = {*_MADE_FROM, *_files(Path(vanort.__file__).parent)}
    for app in apps.get_app_configs():
        files.update(_files(Path(app.path) / "migrations"))
    for path in sorted(files):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


@contextmanager
def instead_of_flush(copy: DatabaseCopy) -> Iterator[None]:
    """Within: after a transactional test the copy is put back, where Django would empty the
    database (and the next test needing the reference data would load them again): the next test
    starts from the database every test of the run starts from."""
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = lambda test_case: copy.restore()  # type: ignore[method-assign]
    try:
        yield
    finally:
        TransactionTestCase._fixture_teardown = flush  # type: ignore[method-assign]
