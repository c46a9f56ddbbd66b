"""API authentication: a bearer token, or the browser session (with CSRF); then the permission.

Write endpoints check permission *before* their body is validated, so an unauthorised caller
gets 403 (or 404 for a record that does not exist) and learns nothing from a 422 about the
payload. django-ninja validates the body before the view runs but after authentication, so the
permission check is a *guard* run by the authentication step: ``write_auth(guard)`` where
``guard(user, record_id)`` raises ``PermissionDenied``/``NotFound`` (``record_id`` is the one id
in the path, or ``None`` for a path without one). The services check permission again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from vanort.accounts.selectors import is_admin, user_for_token, user_municipality_ids
from vanort.core.errors import PermissionDenied

#: ``guard(user, record id from the path or None)``; raises PermissionDenied / NotFound.
Guard = Callable[[Any, int | None], None]


def _path_id(request: HttpRequest) -> int | None:
    match = getattr(request, "resolver_match", None)
    values = list((match.kwargs if match else {}).values())
    if len(values) != 1 or not str(values[0]).isdigit():
        return None
    return int(values[0])


def _run_guard(guard: Guard | None, request: HttpRequest, user: Any) -> None:
    if guard is not None:
        guard(user, _path_id(request))


def any_role(user: Any, _record_id: int | None) -> None:
    """The guard of a write whose record is named in the body: the caller may write somewhere."""
    if not (is_admin(user) or user_municipality_ids(user)):
        raise PermissionDenied(_("Ditt konto har ingen roll som får ändra uppgifter."))


def record_guard(load: Callable[[int], Any], require: Callable[[Any, Any], None]) -> Guard:
    """A guard that loads the path's record (``load`` raises NotFound) and asks ``require(user, it)``."""

    def guard(user: Any, record_id: int | None) -> None:
        if record_id is not None:
            require(user, load(record_id))

    return guard


class TokenAuth(HttpBearer):
    def __init__(self, guard: Guard | None = None) -> None:
        super().__init__()
        self.guard = guard

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
            request._vanort_viewer = user  # type: ignore[attr-defined]
            _run_guard(self.guard, request, user)
        return user


class LoggedInSessionAuth(SessionAuth):
    """The browser session, CSRF-checked only when someone is logged in: an anonymous write
    is unauthenticated (401 with the JSON body), not a CSRF failure (403)."""

    def __init__(self, guard: Guard | None = None) -> None:
        super().__init__(csrf=True)
        self.guard = guard

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        result = super().__call__(request)
        if result:
            _run_guard(self.guard, request, result)
        return result


def write_auth(guard: Guard | None = None) -> list[Any]:
    """A token or a logged-in session, then ``guard`` before the body is read."""
    return [TokenAuth(guard), LoggedInSessionAuth(guard)]


#: Signed in, no permission guard (reads for the parties, e.g. their matches).
WRITE_AUTH = write_auth()


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
