"""The about page (version, licence, attributions), the accessibility statement and the privacy notice."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about/about.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (lag (2018:1937) om tillgänglighet till digital offentlig service)."""
    return render(request, "web/about/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about/privacy.html")
