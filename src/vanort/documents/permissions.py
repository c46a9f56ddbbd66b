"""Who may import and review documents, and apply them to a municipality's records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.errors import PermissionDenied


def can_import(user: Any) -> bool:
    return is_admin(user) or bool(user_municipality_ids(user))


def require_import(user: Any) -> None:
    if not can_import(user):
        raise PermissionDenied(_("Du behöver en roll i en kommun för att läsa in dokument."))


def can_apply(user: Any, municipality_id: int | None) -> bool:
    return is_admin(user) or (municipality_id is not None and municipality_id in user_municipality_ids(user))


def require_apply(user: Any, municipality_id: int | None) -> None:
    if not can_apply(user, municipality_id):
        raise PermissionDenied(_("Du får bara läsa in dokument till din egen kommuns register."))


def can_review(user: Any, municipality_id: int | None) -> bool:
    """Reviewing belongs to the document's municipality (every document has one)."""
    return can_apply(user, municipality_id)
