"""API authentication: a bearer token, or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from vanort.accounts.selectors import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
            request._vanort_viewer = user  # type: ignore[attr-defined]
        return user


class LoggedInSessionAuth(SessionAuth):
    """The browser session, CSRF-checked only when someone is logged in: an anonymous write
    is unauthenticated (401 with the JSON body), not a CSRF failure (403)."""

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)


WRITE_AUTH = [TokenAuth(), LoggedInSessionAuth(csrf=True)]


def viewer(request: HttpRequest) -> Any:
    """Who is reading: public endpoints take no auth, but a token or session widens what the
    reader sees (e.g. a registrar's own drafts). Decided once per request: the token lookup is
    a query, and one user object keeps its cached memberships for the whole request."""
    if hasattr(request, "_vanort_viewer"):
        return request._vanort_viewer
    user = None
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = user_for_token(header[7:].strip())
    if user is None:
        user = getattr(request, "user", None)
    request._vanort_viewer = user  # type: ignore[attr-defined]
    return user
