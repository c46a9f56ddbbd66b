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
    return _nul_path(value, "") is not None


def _nul_path(value: Any, where: str) -> str | None:
    """Where in a JSON value a NUL character is ("title", "sections.0.body"; "" for the top)."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if _nul_in(key):
                return path
            found = _nul_path(item, path)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_path(item, f"{where}.{index}" if where else str(index))
            if found is not None:
                return found
    return None


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
            except RecursionError as exc:
                raise _TooDeep from exc
            except ValueError:
                return None  # not JSON: the endpoint answers that itself
            return _nul_path(payload, "")
        if request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            for name, values in request.POST.lists():
                if _nul_in(name) or _nul_in(values):
                    return name
            for name, file in request.FILES.items():
                if _nul_in(file.name):
                    return name
    return None


class _TooDeep(Exception):
    """A JSON body nested deeper than Python's parser goes: no person or client sends that."""


class RejectNulMiddleware:
    """NUL characters are never valid text (PostgreSQL cannot even store them): refuse the
    request with 400 before any view or query sees it — query string, form fields, file names
    and JSON strings alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            field = _nul_field(request)
        except _TooDeep:
            body = {"code": "invalid_json", "message": str(_("JSON-innehållet är för djupt nästlat.")), "field": None}
            return JsonResponse(body, status=400)
        if field is None:
            return self.get_response(request)
        message = _("Texten innehåller ett otillåtet tecken (NUL).")
        if request.path.startswith(("/api/", "/data/")):
            body = {"code": "invalid_character", "message": str(message), "field": field or None}
            return JsonResponse(body, status=400)
        return render(request, "web/bad_request.html", {"message": message}, status=400)
