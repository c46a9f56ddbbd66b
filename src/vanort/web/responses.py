"""How every web view answers: a service's refusal as a form error, the status of a form page,
the forbidden page and one page of a long list. One copy for all domains' views."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vanort.core.errors import ApplicationError


def apply_error(form: Any, error: ApplicationError) -> None:
    """Show a service's refusal on the field it names (on the form when the form has no such field)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def form_status(*forms: Any) -> int:
    """400 when a submitted form has errors (so tests and tools see the refusal), else 200."""
    return 400 if any(f.is_bound and f.errors for f in forms) else 200


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "web/forbidden.html", status=403)


def page_of(request: HttpRequest, items: Any) -> Page[Any]:
    """The `?page=` page of `items`, `VANORT_PAGE_SIZE` to a page."""
    return Paginator(items, settings.VANORT_PAGE_SIZE).get_page(request.GET.get("page"))
