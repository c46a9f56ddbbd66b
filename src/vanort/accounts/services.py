"""Writes for accounts: users, memberships, tokens."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from vanort.accounts.models import ApiToken, Membership, Role, hash_token


@transaction.atomic
def user_create(*, username: str, password: str, is_superuser: bool = False) -> AbstractBaseUser:
    model = get_user_model()
    if is_superuser:
        return model.objects.create_superuser(username=username, password=password, email="")
    return model.objects.create_user(username=username, password=password)


@transaction.atomic
def membership_grant(*, user: AbstractBaseUser, municipality_id: int, role: Role) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, municipality_id=municipality_id, role=role)
    return membership


@transaction.atomic
def api_token_create(*, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its raw key; the raw key is not stored and cannot be shown again."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:8])
    return token, raw
