"""Swedish labels (translatable) for the workflow's actions; the codes live in `states`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanort.motions.states import Action

ACTION_LABELS = {  # buttons: imperatives, in the "action" context (they share words with the states)
    Action.SUBMIT: pgettext_lazy("action", "Lämna in"),
    Action.REGISTER: pgettext_lazy("action", "Registrera (ge diarienummer)"),
    Action.RAISE: pgettext_lazy("action", "Registrera att motionen väckts"),
    Action.START_PREPARATION: pgettext_lazy("action", "Börja beredningen"),
    Action.COMPLETE_OPINION: pgettext_lazy("action", "Markera tjänsteutlåtandet som klart"),
    Action.PROPOSE: pgettext_lazy("action", "Registrera kommunstyrelsens förslag"),
    Action.PUT_ON_AGENDA: pgettext_lazy("action", "Sätt på fullmäktiges dagordning"),
    Action.POSTPONE: pgettext_lazy("action", "Bordlägg"),
    Action.RESUME: pgettext_lazy("action", "Sätt åter på dagordningen"),
    Action.REFER_BACK: pgettext_lazy("action", "Återremittera"),
    Action.REPREPARE: pgettext_lazy("action", "Bered på nytt"),
    Action.DECIDE: pgettext_lazy("action", "Registrera fullmäktiges beslut"),
    Action.APPROVE_MINUTES: pgettext_lazy("action", "Registrera justerat protokoll"),
    Action.DISPATCH: pgettext_lazy("action", "Expediera beslutet"),
    Action.CLOSE: pgettext_lazy("action", "Avsluta ärendet"),
    Action.WITHDRAW: pgettext_lazy("action", "Återta motionen"),
    "create": _("Skapad"),
}

#: What the history says happened (past tense), for events that are not a state change.
EVENT_LABELS = {
    "create": _("Skapad"),
    "referral_sent": _("Skickad på remiss"),
    "referral_answered": _("Remissvar registrerat"),
    "opinion_saved": _("Tjänsteutlåtandet sparat"),
}


def event_label(action: str, to_state_label: str = "") -> str:
    """The history's word for an event: a recorded step, or the state a transition led to."""
    return str(EVENT_LABELS.get(action) or to_state_label or ACTION_LABELS.get(action) or action)
