"""`GET /api/search?q=TEXT` → {"results": [{type, title, url, snippet}]}."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from vanort.api.auth import viewer
from vanort.search import selectors as site_search

router = Router(tags=["search"])


class ResultOut(Schema):
    type: str
    title: str
    url: str
    snippet: str


class SearchOut(Schema):
    results: list[ResultOut]


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, q: str = "") -> Any:
    return {"results": [r.__dict__ for r in site_search.search(q, viewer=viewer(request))]}
