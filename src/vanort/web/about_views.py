"""The about page: what Vänort is, its version, its licence and the attributions its data needs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")
