"""Telling both sides: a notice in the app and an e-mail (Django's mail backend), sent on commit.

The notice stores a kind and parameters; its text is rendered in the reader's language when shown.
E-mails go in the recipient's interface language: Ukrainian for partner officials, else Swedish.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from vanort.accounts.models import Membership, Role
from vanort.cooperation.models import Initiative, InitiativeState, Need, Notification, Offer

MESSAGES = {
    "match_accepted": _(
        "%(municipality)s har accepterat matchningen ”%(offer)s” för behovet ”%(need)s”. "
        "Initiativet ”%(initiative)s” är skapat."
    ),
    "initiative_state": _("Initiativet ”%(initiative)s” är nu i läget ”%(state)s”."),
}


def render(kind: str, params: dict[str, Any]) -> str:
    """The notice's text in the active language."""
    template = MESSAGES.get(kind)
    if template is None:
        return kind
    values = dict(params)
    if "state" in values:
        values["state"] = (
            str(InitiativeState(values["state"]).label)
            if values["state"] in InitiativeState.values
            else values["state"]
        )
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)


def _recipients(initiative: Initiative) -> list[tuple[Any, str]]:
    """(user, language) of both sides: the municipality's case officers and the partner places' officials."""
    partner_ids = list(initiative.partner_places.values_list("pk", flat=True))
    memberships = Membership.objects.select_related("user").filter(
        role=Role.CASE_OFFICER, municipality_id=initiative.municipality_id
    ) | Membership.objects.select_related("user").filter(role=Role.PARTNER_OFFICIAL, municipality_id__in=partner_ids)
    seen: dict[int, tuple[Any, str]] = {}
    for m in memberships:
        lang = "uk" if m.role == Role.PARTNER_OFFICIAL else "sv"
        if m.user.is_active and m.user_id not in seen:
            seen[m.user_id] = (m.user, lang)
    return list(seen.values())


def _send(initiative: Initiative, kind: str, params: dict[str, Any]) -> None:
    with translation.override("sv"):
        url = reverse("web:initiative_detail", kwargs={"pk": initiative.pk})
    base = getattr(settings, "VANORT_BASE_URL", "").rstrip("/")
    mails = []
    for user, lang in _recipients(initiative):
        Notification.objects.create(user=user, kind=kind, params=params, url=url)
        if user.email:
            with translation.override(lang):
                subject = str(_("Vänort: %(initiative)s") % {"initiative": initiative.title})[:200]
                link = base + reverse("web:initiative_detail", kwargs={"pk": initiative.pk})
                body = render(kind, params) + "\n\n" + link
            mails.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    if mails:
        transaction.on_commit(lambda: send_mass_mail(tuple(mails), fail_silently=True))


def match_accepted(*, initiative: Initiative, need: Need, offer: Offer, by: Any) -> None:
    _send(
        initiative,
        "match_accepted",
        {
            "municipality": offer.municipality.name,
            "offer": offer.title,
            "need": need.title,
            "initiative": initiative.title,
        },
    )


def initiative_changed(*, initiative: Initiative, state: str, by: Any) -> None:
    _send(initiative, "initiative_state", {"initiative": initiative.title, "state": state})
