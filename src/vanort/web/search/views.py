"""The search page: one ranked list over every kind of record, filterable by kind."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vanort.core.errors import ApplicationError
from vanort.pages import page_url
from vanort.search import selectors as search


def search_page(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q") or ""
    kind = request.GET.get("typ") or ""
    kinds = dict(search.kinds())
    context = {"q": raw.strip()[:200], "kind": kind if kind in kinds else "", "kinds": kinds.items(), "results": []}
    try:
        answer = search.search_answer(raw, kinds=[kind] if kind in kinds else (), viewer=request.user)
    except ApplicationError as exc:
        context["error"] = exc.message
        return render(request, "web/search/search.html", context, status=400)
    context["results"] = [(r, kinds.get(r.type, r.type), page_url(r.target)) for r in answer.results]
    context["suggestion"] = answer.suggestion
    return render(request, "web/search/search.html", context)
