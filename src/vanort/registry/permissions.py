"""Who may change which register records.

A case officer edits only her own municipality's records: a partnership one of whose places
is her municipality, an activity of her municipality, her municipality's place record.
Administrators edit everything. Everyone reads public records.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vanort.accounts.models import Role
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.errors import PermissionDenied


def can_edit_places(user: Any, place_ids: set[int]) -> bool:
    if is_admin(user):
        return True
    return bool(place_ids & user_municipality_ids(user, role=Role.CASE_OFFICER))


def require_edit(user: Any, place_ids: set[int]) -> None:
    if not can_edit_places(user, place_ids):
        raise PermissionDenied(_("Du får bara ändra uppgifter för din egen kommun."))
