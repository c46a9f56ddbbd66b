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


def require_apply(user: Any, municipality_id: int | None) -> None:
    if is_admin(user):
        return
    if municipality_id is None or municipality_id not in user_municipality_ids(user):
        raise PermissionDenied(_("Du får bara läsa in dokument till din egen kommuns register."))
