"""Site search over places, partnerships, activities, motions and documents (one ranked list).

One function used by the web page and by `GET /api/search`. The query becomes groups of word
forms (`text.query_groups`); SQLite answers with FTS5 (bm25, titles weighted 10:1), PostgreSQL
with a weighted tsvector (`ts_rank`, titles A, bodies B). Each kind adds its prior (`boost`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from vanort.core.errors import ValidationFailed
from vanort.names import fold
from vanort.search import index
from vanort.search.models import SearchTerm
from vanort.search.providers import PROVIDERS
from vanort.search.text import MAX_QUERY_CHARS, query_groups

LIMIT = 50
# Ranking is exact within the first CANDIDATES matches; a one-word query matching most of a
# national register ("vänort") is answered from a bounded set rather than ranking 100k rows.
CANDIDATES = 3000
MAX_INPUT_CHARS = 1000


@dataclass(frozen=True)
class Target:
    """The record whose page shows a hit, by kind ("place", "motion", ...) and id. Search names
    records, not pages: the interfaces turn a target into a link (`vanort.pages.page_url`)."""

    kind: str
    key: int


@dataclass(frozen=True)
class Result:
    type: str
    title: str
    target: Target
    snippet: str


@dataclass(frozen=True)
class Answer:
    results: list[Result]
    suggestion: str = ""


def check_query(q: str) -> str:
    """The query to search for; refuses input no person types (API 422, web 400)."""
    if "\x00" in q:
        raise ValidationFailed(_("Sökfrågan innehåller ett NUL-tecken."), field="q", code="invalid_query")
    if len(q) > MAX_INPUT_CHARS:
        raise ValidationFailed(
            _("Sökfrågan är längre än %(n)s tecken.") % {"n": MAX_INPUT_CHARS}, field="q", code="invalid_query"
        )
    return q.strip()[:MAX_QUERY_CHARS]


def _prefixes(group: list[str]) -> list[str]:
    """The forms of a word to match as prefixes, without those another form already covers
    ("benchst" covers "benchstad"): the same matches, and the database merges fewer term lists
    (a common long prefix costs SQLite a merge of every posting; issue 11)."""
    shortest_first = sorted(set(group), key=len)
    kept: list[str] = []
    for form in shortest_first:
        if not any(form.startswith(k) for k in kept):
            kept.append(form)
    return kept


def _fts5(groups: list[list[str]]) -> str:
    return " AND ".join(
        "{title_terms body_terms} : (" + " OR ".join(f'"{t}"*' for t in _prefixes(g)) + ")" for g in groups
    )


def _tsquery(groups: list[list[str]]) -> str:
    return " & ".join("(" + " | ".join(f"'{t}':*" for t in _prefixes(g)) + ")" for g in groups)


def _rows(groups: list[list[str]], kinds: Sequence[str], limit: int) -> list[tuple[Any, ...]]:
    """(kind, object_id, title, snippet), best first. Only placeholders are formatted into the SQL."""
    marks = ",".join(["%s"] * len(kinds))
    if connection.vendor == "postgresql":
        # The tsquery is a FROM item, made once: written into the WHERE it was remade for every
        # row a sequential scan read, and the planner, taking the matches as spread evenly, read
        # the table in order until it had CANDIDATES of them — 120 ms for "vanort" when the
        # partnerships lay at the end of the table. Now the GIN index finds the matches wherever
        # they lie (issue 11).
        sql = (
            "SELECT kind, link_id, title, snippet, object_id FROM ("  # noqa: S608 - `marks` is only placeholders
            " SELECT d.kind, d.link_id, d.title, d.snippet, d.object_id, d.vector, d.boost, q"
            " FROM search_searchdocument d, to_tsquery('simple', unaccent(%s)) q"
            f" WHERE d.vector @@ q AND d.kind IN ({marks}) LIMIT %s) c"
            " ORDER BY ts_rank(vector, q) + boost DESC, object_id DESC LIMIT %s"
        )
        params: list[Any] = [_tsquery(groups), *kinds, CANDIDATES, limit]
    else:
        kind_filter = (
            "" if set(kinds) >= set(PROVIDERS) else "kind : (" + " OR ".join(f'"{k}"' for k in kinds) + ") AND "
        )
        sql = (
            "SELECT d.kind, d.link_id, d.title, d.snippet, d.object_id FROM ("
            " SELECT rowid AS id, bm25(search_fts, 0.0, 10.0, 1.0) AS score FROM search_fts"
            " WHERE search_fts MATCH %s LIMIT %s) c"
            " JOIN search_searchdocument d ON d.id = c.id"
            " ORDER BY c.score - d.boost, d.object_id DESC LIMIT %s"
        )
        params = [kind_filter + _fts5(groups), CANDIDATES, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def suggest(q: str) -> str:
    """A spelling that would find something: each unknown word replaced by the closest title word."""
    out = []
    changed = False
    for word in re.findall(r"\w+", fold(q)):
        if len(word) < 3:
            out.append(word)
            continue
        candidates = list(SearchTerm.objects.filter(prefix=word[:2]).values_list("term", flat=True)[:5000])
        if word in candidates:
            out.append(word)
            continue
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.7)
        out.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(out) if changed else ""


def search_answer(q: str, *, kinds: Sequence[str] = (), limit: int = LIMIT, viewer: Any = None) -> Answer:
    """Ranked results the viewer may see; with none, a suggested spelling."""
    q = check_query(q)
    groups = query_groups(q)
    if not groups:
        return Answer([])
    wanted = [k for k in (kinds or PROVIDERS) if k in PROVIDERS]
    if not wanted:
        return Answer([])
    index.refresh_pending()
    rows = _rows(groups, wanted, limit * 2)
    hidden: set[tuple[str, int]] = set()
    for kind, provider in PROVIDERS.items():
        ids = [oid for k, _link, _title, _snippet, oid in rows if k == kind]
        if provider.visible is not None and ids:
            seen = provider.visible(ids, viewer)
            hidden |= {(kind, i) for i in ids if i not in seen}
    shown = [row for row in rows if (row[0], row[4]) not in hidden][:limit]
    better: dict[tuple[str, int], str] = {}
    for kind, provider in PROVIDERS.items():
        ids = [oid for k, _link, _title, _snippet, oid in shown if k == kind]
        if provider.snippets is not None and ids:
            better |= {(kind, i): text for i, text in provider.snippets(ids, q).items()}
    results = [
        Result(kind, title, Target(PROVIDERS[kind].target, link), better.get((kind, oid), snippet))
        for kind, link, title, snippet, oid in shown
    ]
    return Answer(results, "" if results else suggest(q))


def search(q: str, *, limit: int = LIMIT, viewer: Any = None, kinds: Sequence[str] = ()) -> list[Result]:
    return search_answer(q, kinds=kinds, limit=limit, viewer=viewer).results


def kinds() -> list[tuple[str, Any]]:
    return [(k, p.label) for k, p in PROVIDERS.items()]
