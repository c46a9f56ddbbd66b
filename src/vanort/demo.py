"""`vanort load-demo`: the seed's demo data across domains, plus local demo accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

DEMO_PASSWORD = "vanort-demo"  # noqa: S105 - documented local demo accounts only


def _demo_users() -> int:
    """Local demo accounts, only where local mode is on (VANORT_LOCAL=1; never in production)."""
    if not settings.VANORT_LOCAL:
        return 0
    from django.contrib.auth import get_user_model

    from vanort.accounts import services as accounts
    from vanort.accounts.models import Role
    from vanort.cooperation.demo import partner_place
    from vanort.registry.selectors import place_by_code

    huddinge = place_by_code(settings.VANORT_HOME_MUNICIPALITY)
    trostyanets = partner_place()
    user_model = get_user_model()
    created = 0
    for username, role, superuser, place in [
        ("admin", None, True, huddinge),
        ("handlaggare", Role.CASE_OFFICER, False, huddinge),
        ("registrator", Role.REGISTRAR, False, huddinge),
        ("trostianets", Role.PARTNER_OFFICIAL, False, trostyanets),
    ]:
        if place is None:
            continue
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = accounts.user_create(username=username, password=DEMO_PASSWORD, is_superuser=superuser)
            created += 1
        if role is not None:
            accounts.membership_grant(user=user, municipality_id=place.pk, role=role)
    return created


@transaction.atomic
def load_all_demo() -> dict[str, int]:
    from vanort.cooperation.demo import load_demo as load_cooperation_demo
    from vanort.motions.demo import load_demo as load_motions_demo
    from vanort.registry.demo import load_demo

    summary = load_demo()
    summary.update(load_motions_demo())
    summary.update(load_cooperation_demo())
    summary["demo_users_created"] = _demo_users()
    return summary
