"""Where a record's page is in the web app: one table from a record kind to the web URL name.

Search (and any other lower layer) names a record by `Target(kind, key)` and knows no URL; the web
pages and the API's `url` fields both link through `page_url`. The table sits below the interfaces
(web and API may import it; they never import each other) and above everything else (import-linter).
"""

from __future__ import annotations

from django.urls import reverse

from vanort.search.selectors import Target

#: Record kind → the web URL name of its page (the page takes the record's id).
PAGES = {
    "place": "web:place_detail",
    "partnership": "web:partnership_detail",
    "motion": "web:motion_detail",
    "document": "web:document_detail",
    "need": "web:need_detail",
    "offer": "web:offer_detail",
}


def page_url(target: Target) -> str:
    """The path of the target's page ("/orter/12/")."""
    return reverse(PAGES[target.kind], args=[target.key])
