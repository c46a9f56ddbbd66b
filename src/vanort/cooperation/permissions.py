"""Who may do what in cooperation.

- A Swedish municipality's case officers publish its offers, accept or reject matches for its
  offers, and run its initiatives (contributions, conditions, transitions).
- A partner official (role `partner_official`) publishes the needs of her own place and may
  confirm delivery of an initiative that names her place as a partner.
- Administrators may do everything. Everyone reads published needs and offers.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vanort.accounts.models import Role
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.errors import PermissionDenied


def officer_places(user: Any) -> frozenset[int]:
    return user_municipality_ids(user, role=Role.CASE_OFFICER)


def partner_places(user: Any) -> frozenset[int]:
    return user_municipality_ids(user, role=Role.PARTNER_OFFICIAL)


def is_partner_official(user: Any) -> bool:
    return bool(partner_places(user))


def can_act_for_municipality(user: Any, municipality_id: int) -> bool:
    return is_admin(user) or municipality_id in officer_places(user)


def can_act_for_partner(user: Any, place_id: int) -> bool:
    return is_admin(user) or place_id in partner_places(user)


def require_municipality(user: Any, municipality_id: int) -> None:
    if not can_act_for_municipality(user, municipality_id):
        raise PermissionDenied(_("Bara kommunens handläggare får göra detta."))


def require_partner(user: Any, place_id: int) -> None:
    if not can_act_for_partner(user, place_id):
        raise PermissionDenied(_("Bara partnerortens egna tjänstepersoner får publicera dess behov."))


def can_follow_initiative(user: Any, municipality_id: int, partner_ids: set[int]) -> bool:
    """May see the initiative's working details (conditions, notices): either side."""
    return can_act_for_municipality(user, municipality_id) or bool(partner_ids & partner_places(user))


def require_initiative_side(user: Any, municipality_id: int, partner_ids: set[int]) -> None:
    if not can_follow_initiative(user, municipality_id, partner_ids):
        raise PermissionDenied(_("Bara initiativets parter får göra detta."))
