"""Keeping the search index true.

The index is derived data. Rather than asking every domain service to remember it (the
domains sit below search and must not import it) or relying on signals, `refresh()` runs
before each search: each provider reports a cheap stamp of its source (row count, highest id,
latest `updated_at`); when a stamp differs from the stored one, only the records changed since
are described again. `rebuild()` re-describes everything (`vanort setup` runs it; so can an
operator after bulk loads that bypass the services). See docs/decisions/search-index.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from vanort.names import fold
from vanort.search.models import SearchDocument, SearchState, SearchTerm
from vanort.search.providers import PROVIDERS, Provider

WRITE_BATCH = 1000


def _stamp_text(stamp: tuple[Any, ...]) -> str:
    return json.dumps(list(stamp), default=str)[:200]


def _store(provider: Provider, ids: Iterable[int] | None) -> int:
    """(Re)write the index rows of `ids` (all when None); rows of vanished records go too."""
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


def stamps() -> dict[str, tuple[Any, ...]]:
    """Every provider's stamp, in one query."""
    parts = [(kind, len(p.stamp)) for kind, p in PROVIDERS.items()]
    sql = "SELECT " + ", ".join(f"({expr})" for p in PROVIDERS.values() for expr in p.stamp)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        values = list(cursor.fetchone())
    out, at = {}, 0
    for kind, n in parts:
        out[kind] = tuple(
            0 if v is None and i < 2 else ("" if v is None else v) for i, v in enumerate(values[at : at + n])
        )
        at += n
    return out


LOCK = "_lock"


def _stale(kinds: Iterable[str]) -> tuple[dict[str, tuple[Any, ...]], dict[str, str], list[str]]:
    states = {s.provider: s.stamp for s in SearchState.objects.exclude(provider=LOCK)}
    current = stamps()
    return current, states, [k for k in kinds if states.get(k) != _stamp_text(current[k])]


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
        current, states, stale = _stale(wanted)
        for kind in stale:
            provider = PROVIDERS[kind]
            old = tuple(json.loads(states[kind])) if kind in states else ()
            touched[kind] = _store(provider, provider.changed(old, current[kind]) if old else None)
            SearchState.objects.update_or_create(provider=kind, defaults={"stamp": _stamp_text(current[kind])})
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
