"""SQLite: prefix indexes for prefixes of 2 to 8 characters (were 2 to 4).

A query word is matched as a prefix ("trostyan" finds "trostyanets"). FTS5 answers a prefix of a
length it keeps an index for from one stored list; any other prefix it answers by merging the
lists of every term that begins with it, which for a common word of a national register
("benchstad" in 100,000 partnership titles) took 250 ms (issue 11). The table is made again with
the longer prefix indexes and filled from search_searchdocument (its content table); the triggers
that keep it in step address it by name and stay. PostgreSQL's GIN index needs nothing.
"""

from django.db import migrations


def _fts(prefix: str) -> list[str]:
    return [
        "DROP TABLE IF EXISTS search_fts",
        "CREATE VIRTUAL TABLE search_fts USING fts5(kind, title_terms, body_terms, content='search_searchdocument', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='{prefix}')",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchstate_floor")]

    operations = [migrations.RunPython(_run(_fts("2 3 4 5 6 7 8")), _run(_fts("2 3 4")))]
