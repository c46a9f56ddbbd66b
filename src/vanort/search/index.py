"""Keeping the search index true.

The index is derived data. The domains sit below search and must not import it, so search
watches their writes itself: every saved, deleted or re-linked row of an app that feeds a
provider (`providers.WATCHED`) marks those kinds as changed, and when the writing transaction
commits, `refresh()` describes again only the records changed since (each provider's cheap
stamp: row count, highest id, latest `updated_at`). So the request or job that wrote pays for
the update, right after its commit, and a search request never rebuilds anything: it only
catches up with writes of its own still-open transaction (`refresh_pending`). `rebuild()`
re-describes everything (`vanort setup` runs `refresh()`; restore and bulk loads that bypass
the models run them). See docs/decisions/0004-search-index.md.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from vanort.names import fold
from vanort.search.models import SearchDocument, SearchState, SearchTerm
from vanort.search.providers import PROVIDERS, WATCHED, Provider

WRITE_BATCH = 1000
# Between the application taking a row's time and the database seeing the write, and between
# the two machines' clocks (NTP keeps them within milliseconds).
MARGIN = timedelta(milliseconds=100)
log = logging.getLogger(__name__)


def _stamp_text(stamp: tuple[Any, ...]) -> str:
    return json.dumps(list(stamp), default=str)[:200]


def _store(provider: Provider, ids: Iterable[int] | None) -> int:
    """(Re)write the index rows of `ids` (all when None); rows of vanished records go too.
    Titles and snippets are described in the source language, whoever's request or command
    refreshes (a Ukrainian reader's edit, an English-speaking command, the server's thread)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _store_described(provider, ids)


def _store_described(provider: Provider, ids: Iterable[int] | None) -> int:
    kind = provider.kind
    if ids is None:
        SearchDocument.objects.filter(kind=kind).delete()
    else:
        ids = list(ids)
        if not ids:
            return 0
        for i in range(0, len(ids), WRITE_BATCH):
            SearchDocument.objects.filter(kind=kind, object_id__in=ids[i : i + WRITE_BATCH]).delete()
    written = 0
    batch: list[SearchDocument] = []
    terms: set[str] = set()
    for doc in provider.documents(ids):
        batch.append(SearchDocument(**doc.row(kind)))
        terms.update(w for w in re.findall(r"\w+", fold(doc.title)) if 3 <= len(w) <= 60)
        if len(batch) >= WRITE_BATCH:
            SearchDocument.objects.bulk_create(batch)
            written += len(batch)
            batch.clear()
    SearchDocument.objects.bulk_create(batch)
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, prefix=t[:2]) for t in sorted(terms)], ignore_conflicts=True, batch_size=WRITE_BATCH
    )
    return written + len(batch)


def stamps(kinds: Iterable[str] | None = None) -> dict[str, tuple[Any, ...]]:
    """The stamps of `kinds` (every provider's by default), in one query."""
    chosen = {kind: PROVIDERS[kind] for kind in (kinds or PROVIDERS)}
    exprs = [expr for p in chosen.values() for expr in p.stamp]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"({expr})" for expr in exprs))
        values = iter(cursor.fetchone())
    # An empty table: no count or id is 0 (they are compared as numbers), no timestamp is "".
    empty = [0 if "COUNT(" in expr or "MAX(id)" in expr else "" for expr in exprs]
    out, at = {}, 0
    for kind, p in chosen.items():
        out[kind] = tuple(empty[at + i] if (v := next(values)) is None else v for i in range(len(p.stamp)))
        at += len(p.stamp)
    return out


LOCK = "_lock"


def _stale(kinds: Iterable[str]) -> tuple[dict[str, tuple[Any, ...]], dict[str, SearchState], list[str]]:
    kinds = list(kinds)
    states = {s.provider: s for s in SearchState.objects.filter(provider__in=kinds)}
    current = stamps(kinds)
    return current, states, [k for k in kinds if k not in states or states[k].stamp != _stamp_text(current[k])]


def _floor() -> datetime | None:
    """Read before the stamps: a transaction still open now began at or after the returned
    time (PostgreSQL: the start of the oldest other open transaction that has written, else
    now), so every row it writes — committed after the stamps are read, perhaps with times
    older than their newest — is looked for by the next refresh. Reads (no transaction id) do
    not count: a floor held back by them would have every refresh describe again whatever was
    written meanwhile. None on SQLite, whose IMMEDIATE transactions write one at a time, so
    their times follow their commits."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(MIN(xact_start), statement_timestamp()) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        return cursor.fetchone()[0] - MARGIN


def refresh(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Bring the index up to date with the records; two small queries when nothing changed.

    Writers queue on the lock row (a row lock on PostgreSQL, the write lock on SQLite) and look
    again once they hold it, so concurrent searches never describe the same records twice."""
    wanted = list(kinds or PROVIDERS)
    _current, _states, stale = _stale(wanted)
    if not stale:
        return {}
    touched: dict[str, int] = {}
    with transaction.atomic():
        if not SearchState.objects.filter(provider=LOCK).update(stamp="held"):
            # the lock row is made by a migration; a flushed database (tests, a wiped table) makes it again
            SearchState.objects.get_or_create(provider=LOCK, defaults={"stamp": "held"})
            SearchState.objects.filter(provider=LOCK).update(stamp="held")
        floor = _floor()
        current, states, stale = _stale(wanted)
        for kind in stale:
            provider = PROVIDERS[kind]
            state = states.get(kind)
            old = tuple(json.loads(state.stamp)) if state else ()
            ids = provider.changed(old, current[kind], state.floor) if state else None
            touched[kind] = _store(provider, ids)
            SearchState.objects.update_or_create(
                provider=kind, defaults={"stamp": _stamp_text(current[kind]), "floor": floor}
            )
    return touched


def rebuild() -> dict[str, int]:
    with transaction.atomic():
        SearchState.objects.exclude(provider=LOCK).delete()
        SearchTerm.objects.all().delete()
        return {kind: _store(p, None) for kind, p in PROVIDERS.items()} | _mark_all()


def _mark_all() -> dict[str, int]:
    for kind, stamp in stamps().items():
        SearchState.objects.update_or_create(provider=kind, defaults={"stamp": _stamp_text(stamp)})
    return {}


# --- refreshing after the writing transaction commits ----------------------------------

_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_paused: ContextVar[bool] = ContextVar("search_index_paused", default=False)


class _Pending:
    """The kinds changed by the current transaction, refreshed once when it commits."""

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.__qualname__ = "search.index.refresh"  # Django names the callback when it fails

    def __call__(self) -> None:
        if _background.enabled:
            _background.submit(self.kinds)
        else:
            refresh(self.kinds)


class Background:
    """The server's refresher: one thread per process that refreshes, in its own connection,
    the kinds that committed writes changed. A request that wrote returns at once, and writes
    that arrive while a refresh runs are taken together in the next one, so 50 users editing
    at once cost a few refreshes, not one each queued on the lock row (issue 8, load test).
    A search may then lag the commit by the time one refresh takes; `refresh` itself stays
    the one way to bring the index up to date."""

    def __init__(self) -> None:
        self.enabled = False
        self._wanted: set[str] = set()
        self._busy = False
        self._pid = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Condition()

    def submit(self, kinds: Iterable[str]) -> None:
        """Refresh `kinds` soon. The thread starts with the first submission in each process
        (`vanort serve` forks its servers, and threads do not survive a fork)."""
        with self._lock:
            if self._pid != os.getpid():
                self._pid, self._wanted, self._busy, self._stopping = os.getpid(), set(), False, False
                self._thread = threading.Thread(target=self._run, name="search-index-refresh", daemon=True)
                self._thread.start()
            self._wanted.update(kinds)
            self._lock.notify()

    def wait_idle(self, timeout: float) -> bool:
        """Whether everything submitted has been refreshed within `timeout` seconds."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._wanted and not self._busy, timeout)

    def stop(self, timeout: float) -> None:
        """Finish what was submitted, close the thread's connection and end the thread."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._wanted or self._stopping)
                if not self._wanted:
                    connection.close()
                    return
                kinds, self._wanted, self._busy = self._wanted, set(), True
            try:
                refresh(kinds)  # in this thread's own connection, kept open between refreshes
            except Exception:  # logged; the next refresh catches up, as stamps compare with the last refresh
                log.exception("search index refresh failed for %s", sorted(kinds))
                connection.close()  # a broken connection is opened again by the next refresh
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()


_background = Background()


def refresh_in_background() -> None:
    """`vanort serve`: from now on, refresh after commits in a refresher thread of each server
    process (see `Background`). Pending kinds die with a stopped process, so the server first
    catches up with anything a previous one left unrefreshed."""
    refresh()
    _background.enabled = True


def _registered(conn: Any) -> _Pending | None:
    """The connection's pending refresh, if its callback still waits for a commit (a rolled
    back savepoint or a commit that already ran removes it)."""
    if not conn.in_atomic_block:
        return None
    for entry in conn.run_on_commit:
        if isinstance(entry[1], _Pending):
            return entry[1]
    return None


def _kinds_of_table(table: str) -> tuple[str, ...]:
    return WATCHED.get(table.split("_", 1)[0], ())


def schedule(kinds: Iterable[str], conn: Any = connection) -> None:
    """Refresh `kinds` once the current transaction commits (at once outside a transaction)."""
    if _paused.get() or _migrating:
        return
    pending = _registered(conn)
    if pending is None:
        pending = _Pending()
        pending.kinds.update(kinds)
        # robust: a failing refresh is logged and must not turn a committed edit into an error
        transaction.on_commit(pending, using=conn.alias, robust=True)
    else:
        pending.kinds.update(kinds)


@contextmanager
def paused() -> Iterator[None]:
    """Writes inside schedule no refresh: for a caller that rebuilds the index afterwards (restore)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


_migrating = False


def migrating(sender: Any, **kwargs: Any) -> None:
    """pre_migrate receiver: writes of data migrations schedule no refresh (the index's own
    tables may not exist yet); `vanort setup` refreshes once after migrating."""
    global _migrating
    _migrating = True


def migrated(sender: Any, **kwargs: Any) -> None:
    """post_migrate receiver."""
    global _migrating
    _migrating = False


def refresh_pending() -> None:
    """Before a search: the index entries of this transaction's own uncommitted writes (a
    script or a test that writes and searches in one transaction); nothing otherwise."""
    pending = _registered(connection)
    if pending is not None:
        refresh(pending.kinds)


def watch_writes(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    """Database execute wrapper: an INSERT, UPDATE or DELETE on a table of a watched app inside
    a transaction (services, bulk_create, queryset.update) schedules a refresh at commit. Writes
    in autocommit are seen by `record_changed` (the signals fire after the statement)."""
    result = execute(sql, params, many, context)
    conn = context["connection"]
    if conn.in_atomic_block and (found := _WRITE.match(sql)) and (kinds := _kinds_of_table(found.group(1))):
        schedule(kinds, conn)
    return result


def install_watch(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def record_changed(sender: Any, **kwargs: Any) -> None:
    """post_save / post_delete / m2m_changed receiver (writes in autocommit)."""
    if kwargs.get("raw") or sender._meta.apps is not apps:  # fixtures, historical models in migrations
        return
    kinds = _kinds_of_table(sender._meta.db_table)
    if kinds and kwargs.get("action", "post_").startswith("post_"):
        schedule(kinds)
