"""Who may change a municipality's motions: its registrars and case officers, and administrators."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vanort.accounts.models import Role
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.errors import PermissionDenied


def can_handle_motions(user: Any, municipality_id: int) -> bool:
    if is_admin(user):
        return True
    return municipality_id in (
        user_municipality_ids(user, role=Role.REGISTRAR) | user_municipality_ids(user, role=Role.CASE_OFFICER)
    )


def require_motion_handler(user: Any, municipality_id: int) -> None:
    if not can_handle_motions(user, municipality_id):
        raise PermissionDenied(
            _("Bara kommunens registratorer och handläggare får hantera dess motioner.")
        )
