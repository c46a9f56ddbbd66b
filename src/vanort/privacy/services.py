"""Writes: erasure of one person's data where the law allows it (GDPR art. 17)."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.db import transaction

from vanort.privacy.policy import ERASABLE_NAME_FIELDS, ERASABLE_TEXT_FIELDS, ERASED_MARK


@transaction.atomic
def account_erase(*, user: Any) -> dict[str, int]:
    """Anonymise an account instead of deleting it.

    Case events and decisions keep a link to whoever acted (they are public records), so the
    row stays and only what identifies the person goes: names, e-mail, the username (replaced by
    a pseudonym), the password, memberships and API tokens.
    """
    from vanort.accounts.models import ApiToken, Membership

    tokens, _ = ApiToken.objects.filter(user=user).delete()
    memberships, _ = Membership.objects.filter(user=user).delete()
    user.username = f"raderad-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return {"api_tokens": tokens, "memberships": memberships, "accounts": 1}


@transaction.atomic
def named_person_erase(*, name: str) -> dict[str, int]:
    """Blank a person's name where it is not part of a public record."""
    counts: dict[str, int] = {}
    for label, field in ERASABLE_NAME_FIELDS:
        model = apps.get_model(label)
        counts[f"{label}.{field}"] = model._default_manager.filter(**{f"{field}__iexact": name}).update(**{field: ""})
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    for label, field in ERASABLE_TEXT_FIELDS:
        model = apps.get_model(label)
        rows = list(model._default_manager.select_for_update().filter(**{f"{field}__icontains": name}))
        for obj in rows:
            model._default_manager.filter(pk=obj.pk).update(**{field: pattern.sub(ERASED_MARK, getattr(obj, field))})
        counts[f"{label}.{field}"] = len(rows)
    return counts
