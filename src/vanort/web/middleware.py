"""Security headers (a CSP without inline script, and friends); NUL characters refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
# The Django admin and the API docs ship inline style attributes; scripts stay 'self' only.
_CSP_LENIENT_STYLE = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        lenient = request.path.startswith(("/admin/", "/api/docs"))
        response.headers.setdefault("Content-Security-Policy", _CSP_LENIENT_STYLE if lenient else _CSP)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


def _nul_in(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_nul_in(v) for v in value)
    return False


def _nul_field(request: HttpRequest) -> str | None:
    """The first input of the request that carries a NUL character ("" for the path or body)."""
    if "\x00" in request.path:
        return ""
    for name, values in request.GET.lists():
        if _nul_in(name) or _nul_in(values):
            return name
    if request.method in {"POST", "PUT", "PATCH"}:
        if request.content_type == "application/json":
            try:
                payload = json.loads(request.body or b"null")
            except ValueError:
                return None  # not JSON: the endpoint answers that itself
            return "" if _nul_in(payload) else None
        if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            for name, values in request.POST.lists():
                if _nul_in(name) or _nul_in(values):
                    return name
            for name, file in request.FILES.items():
                if _nul_in(file.name):
                    return name
    return None


class RejectNulMiddleware:
    """NUL characters are never valid text (PostgreSQL cannot even store them): refuse the
    request with 400 before any view or query sees it — query string, form fields, file names
    and JSON strings alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _nul_field(request)
        if field is None:
            return self.get_response(request)
        message = _("Texten innehåller ett otillåtet tecken (NUL).")
        if request.path.startswith("/api/"):
            body = {"code": "invalid_character", "message": str(message), "field": field or None}
            return JsonResponse(body, status=400)
        return render(request, "web/bad_request.html", {"message": message}, status=400)
