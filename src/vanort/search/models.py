"""The search index: one row per searchable record, kept by `vanort.search.index`.

The rows hold normalised terms (`vanort.search.text`), not the records' text; the database's
own full-text machinery indexes them: an FTS5 table on SQLite, a weighted `tsvector` (built
with `unaccent`) behind a GIN index on PostgreSQL. Both are filled by database triggers from
this table (migration 0002), so the index can never disagree with the rows.
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    snippet = models.CharField(max_length=300, blank=True)
    link_id = models.BigIntegerField(help_text="the record whose page a hit links to")
    title_terms = models.TextField()
    body_terms = models.TextField(blank=True)
    # Lets a provider order its results (newer motions first); higher is better.
    boost = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="uniq_search_document")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchTerm(models.Model):
    """Words of titles (folded), for "did you mean" suggestions when nothing is found."""

    term = models.CharField(max_length=60, unique=True)
    prefix = models.CharField(max_length=2, db_index=True)

    def __str__(self) -> str:
        return self.term


class SearchState(models.Model):
    """What each provider's source looked like at the last refresh (see index.refresh)."""

    provider = models.CharField(max_length=20, primary_key=True)
    stamp = models.CharField(max_length=200)
    refreshed_at = models.DateTimeField(auto_now=True)
    # When the stamp was read, the oldest other transaction still open had started then: its
    # rows may carry older times than the stamp's newest, so the next refresh looks back to it.
    floor = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.provider}: {self.stamp}"
