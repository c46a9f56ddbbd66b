"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from vanort import __version__


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "home_municipality_code": settings.VANORT_HOME_MUNICIPALITY,
        "vanort_version": __version__,
        "contact_email": settings.VANORT_CONTACT_EMAIL,
    }
