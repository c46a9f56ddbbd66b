"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from vanort import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "home_municipality_code": settings.VANORT_HOME_MUNICIPALITY,
        "vanort_version": __version__,
        "contact_email": settings.VANORT_CONTACT_EMAIL,
        # Place names in the reader's language, read once per page and only if the page shows places.
        "place_names": SimpleLazyObject(lambda: _place_names()),
    }


def _place_names() -> dict[int, str]:
    from vanort.registry.selectors import place_names

    return place_names(get_language() or "sv")
