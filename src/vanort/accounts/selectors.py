"""Reads for accounts: who may act where."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from vanort.accounts.models import ApiToken, Membership, Role, hash_token


def user_municipality_ids(user: Any, *, role: Role | None = None) -> frozenset[int]:
    """The municipalities (Place ids) where the user holds `role` (any role if None)."""
    memberships = _memberships(user)
    return frozenset(m for m, r in memberships if role is None or r == role)


def _memberships(user: Any) -> frozenset[tuple[int, str]]:
    """(municipality, role) pairs of the user, read once per request (kept on the user object,
    which Django makes per request): permission checks ask for several roles."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_vanort_memberships", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("municipality_id", "role"))
        user._vanort_memberships = cached
    return cached


def is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_superuser", False))


#: How exactly `ApiToken.last_used_at` is kept.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


def user_for_token(raw: str) -> Any | None:
    try:
        token = ApiToken.objects.select_related("user").get(key_hash=hash_token(raw), revoked=False)
    except ApiToken.DoesNotExist:
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_RESOLUTION:
        # At most one write per token and minute: a write on every request made every API read
        # a disk flush and made concurrent requests with one token queue on the same row.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
