"""A copy of the whole test database, taken once and put back before a test, for tests that commit
(transactional tests, the live server): putting back a copy costs milliseconds where loading the
same data again through the services costs seconds. Every row, sequence and search index row is
put back as it was, so a test starts from exactly what the loaders wrote the first time.

SQLite (the in-memory test database): SQLite's online backup, into and out of a second in-memory
database. PostgreSQL: every table's rows in COPY's binary format and every sequence's position;
put back in one transaction with triggers and foreign key checks off (the rows are a consistent
copy and already hold what triggers computed).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction


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
