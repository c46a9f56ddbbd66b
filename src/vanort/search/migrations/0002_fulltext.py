"""Full-text machinery per database, filled by triggers from search_searchdocument.

SQLite: an external-content FTS5 table (kind, title and body columns; titles weighted in bm25 at query time).
PostgreSQL: the `unaccent` extension, a weighted tsvector column (title A, body B) set by a
trigger, and a GIN index on it.
"""

from django.db import migrations

# The row `index.refresh` updates first, so that two requests never rebuild the same rows at once.
LOCK_ROW = "INSERT INTO search_searchstate (provider, stamp, refreshed_at) VALUES ('_lock', '', CURRENT_TIMESTAMP)"

SQLITE_UP = [
    LOCK_ROW,
    "CREATE VIRTUAL TABLE search_fts USING fts5(kind, title_terms, body_terms, content='search_searchdocument', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, kind, title_terms, body_terms) VALUES (new.id, new.kind, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, kind, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.kind, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, kind, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.kind, old.title_terms, old.body_terms); "
    "INSERT INTO search_fts(rowid, kind, title_terms, body_terms) VALUES (new.id, new.kind, new.title_terms, new.body_terms); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    LOCK_ROW,
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE FUNCTION search_document_vector() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.vector := setweight(to_tsvector('simple', unaccent(NEW.title_terms)), 'A') || "
    "setweight(to_tsvector('simple', unaccent(NEW.body_terms)), 'B'); RETURN NEW; END $$",
    "CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE ON search_searchdocument "
    "FOR EACH ROW EXECUTE FUNCTION search_document_vector()",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
