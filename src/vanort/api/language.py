"""The API's language: ``?lang=`` (sv, en, uk), else the Accept-Language header, else Swedish.

The web's ``LocaleMiddleware`` gives every path without a language prefix the default language
(Swedish has no prefix), so for ``/api/`` this middleware, placed after it, activates the
request's own choice: error messages (Django i18n), verdicts and match explanations then come in
that language. Endpoints read it with ``django.utils.translation.get_language()``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from vanort.aid import LANGUAGES, normalise_lang


def accepted_language(header: str) -> str:
    """The first of sv/en/uk in an Accept-Language header, by quality; Swedish when none."""
    choices = []
    for position, item in enumerate(header.split(",")[:20]):
        tag, _, params = item.strip().partition(";")
        try:
            quality = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            quality = 0.0
        code = normalise_lang(tag)
        if quality > 0 and (code != "sv" or tag.strip().lower().startswith("sv")):
            choices.append((-quality, position, code))
    return min(choices)[2] if choices else "sv"


def request_language(request: HttpRequest) -> str:
    """``?lang=`` when it names sv/en/uk, else the Accept-Language header's choice."""
    asked = request.GET.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return accepted_language(request.headers.get("Accept-Language", ""))


class ApiLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers["Content-Language"] = language
        return response
