"""The about page (version, licence, attributions), the accessibility statement, the privacy notice
and the health check (version and whether the database answers)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from vanort import __version__
from vanort.ops.checks import OK, check_database


def healthz(request: HttpRequest) -> JsonResponse:
    if check_database().level != OK:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "version": __version__})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about/about.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (lag (2018:1937) om tillgänglighet till digital offentlig service)."""
    return render(request, "web/about/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about/privacy.html")
