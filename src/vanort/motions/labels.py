"""Swedish labels (translatable) for the workflow's actions; the codes live in `states`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from vanort.motions.states import Action

ACTION_LABELS = {
    Action.SUBMIT: _("Lämna in"),
    Action.REGISTER: _("Registrera (ge diarienummer)"),
    Action.RAISE: _("Väckt i fullmäktige"),
    Action.START_PREPARATION: _("Börja beredningen"),
    Action.COMPLETE_OPINION: _("Tjänsteutlåtandet är klart"),
    Action.PROPOSE: _("Kommunstyrelsens förslag"),
    Action.PUT_ON_AGENDA: _("Sätt på fullmäktiges dagordning"),
    Action.POSTPONE: _("Bordlägg"),
    Action.RESUME: _("Åter på dagordningen"),
    Action.REFER_BACK: _("Återremittera"),
    Action.REPREPARE: _("Bered på nytt"),
    Action.DECIDE: _("Fullmäktige beslutar"),
    Action.APPROVE_MINUTES: _("Protokollet justerat"),
    Action.DISPATCH: _("Expediera beslutet"),
    Action.CLOSE: _("Avsluta ärendet"),
    Action.WITHDRAW: _("Återta motionen"),
    "create": _("Skapad"),
}

#: Events that record work on the case without changing its state.
EVENT_LABELS = {
    "referral_sent": _("Skickad på remiss"),
    "referral_answered": _("Remissvar registrerat"),
    "opinion_saved": _("Tjänsteutlåtandet sparat"),
}


def event_label(action: str) -> str:
    """The history's word for an event (an action of the workflow or a recorded step)."""
    return str(EVENT_LABELS.get(action) or ACTION_LABELS.get(action) or action)
