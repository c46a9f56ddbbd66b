"""Who may change a municipality's motions: its registrars and case officers, and administrators."""

from __future__ import annotations

from collections.abc import Iterable
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
        raise PermissionDenied(_("Bara kommunens registratorer och handläggare får hantera dess motioner."))


def require_partnership_link(user: Any, partnerships: Iterable[Any]) -> None:
    """Linking a partnership to a motion needs rights over the partnership's municipality too:
    the user handles the motions of one of its two places (a Botkyrka officer may not tie
    Huddinge's twin town to a Botkyrka motion, though nothing of Huddinge's changes)."""
    for partnership in partnerships:
        if not (can_handle_motions(user, partnership.place_a_id) or can_handle_motions(user, partnership.place_b_id)):
            raise PermissionDenied(_("Du får bara koppla partnerskap som din egen kommun är part i."))
