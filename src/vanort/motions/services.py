"""Writes for motions. Each service is atomic, keyword-only and checks permission first.

A state change is one service: it locks the motion row, checks the expected version and the
transition table (`states`), writes the new state with a conditional UPDATE on
(pk, state, version) and appends one `MotionEvent` — all in one transaction. Of two concurrent
transitions of the same version exactly one wins; the other gets `Conflict` and writes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vanort.core.bounds import day_error
from vanort.core.errors import Conflict, ValidationFailed
from vanort.core.locks import lock_series
from vanort.core.models import create_validated, refuse_unknown_fields, update_versioned, validate
from vanort.motions import selectors
from vanort.motions.document import MAX_SECTION_CHARS
from vanort.motions.files import attachment_type, clean_filename
from vanort.motions.labels import ACTION_LABELS
from vanort.motions.models import (
    Attachment,
    Committee,
    Decision,
    DecisionBody,
    Dispatch,
    Motion,
    MotionEvent,
    MotionState,
    OfficialOpinion,
    OpinionSection,
    Proposer,
    Referral,
    Signatory,
)
from vanort.motions.permissions import require_motion_handler, require_partnership_link
from vanort.motions.states import (
    MAX_LINES,
    UNDECIDED,
    Action,
    InputRefused,
    Outcome,
    State,
    TransitionNotAllowed,
    check_inputs,
    one_year_deadline,
    transition_for,
)
from vanort.registry.models import Partnership, Place, Source

_STALE = gettext_lazy("Motionen har ändrats av någon annan sedan du öppnade den. Ladda om och försök igen.")
OPINION_HEADINGS = (
    "Sammanfattning",
    "Beskrivning av ärendet",
    "Förvaltningens synpunkter",
    "Ekonomiska och juridiska konsekvenser",
)


@dataclass(frozen=True)
class ProposerIn:
    name: str
    party: str = ""


def _actor(user: Any) -> tuple[Any, str]:
    if getattr(user, "pk", None) is None:
        return None, "system"
    return user, user.get_username()


def _event(motion: Motion, *, user: Any, action: str, from_state: str, to_state: str, note: str = "") -> MotionEvent:
    actor, label = _actor(user)
    event = MotionEvent(
        motion=motion,
        actor=actor,
        actor_label=label,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note.strip(),
    )
    # The motion and the actor are records this request has read: checking that they exist
    # would cost a query each on every transition.
    validate(event, fields=_EVENT_CHECKED)
    event.save()
    return event


_EVENT_CHECKED = ("actor_label", "action", "from_state", "to_state", "note")


def _happened(day: date | None, field: str) -> None:
    """A date of something that has happened (an answer, a decision, a dispatch) is not in the future.

    Planned dates (a referral's answer-by date, the one-year deadline) are separate fields."""
    if day is not None and day > selectors.today():
        raise ValidationFailed(
            _("Datumet ligger i framtiden. Registrera det först när det har hänt."), field=field, code="future_date"
        )


def _clean_clauses(lines: Iterable[str], field: str) -> list[str]:
    cleaned = [c.strip() for c in lines if c and c.strip()]
    if len(cleaned) > MAX_LINES:
        raise ValidationFailed(_("Högst %(n)s rader.") % {"n": MAX_LINES}, field=field)
    return cleaned


def _check_lengths(field: str, values: Iterable[str], limit: int) -> None:
    """bulk_create skips model validation, so child rows are checked here."""
    if any(len(v.strip()) > limit for v in values):
        raise ValidationFailed(_("Högst %(n)s tecken.") % {"n": limit}, field=field)


#: More than any council has members (Stockholm: 101); each proposer is a row written in one statement.
MAX_PROPOSERS = 500


def _set_proposers(motion: Motion, proposers: Sequence[ProposerIn]) -> None:
    if not proposers or not all(p.name.strip() for p in proposers):
        raise ValidationFailed(_("Ange minst en förslagsställare med namn."), field="proposers")
    if len(proposers) > MAX_PROPOSERS:
        raise ValidationFailed(_("Högst %(n)s förslagsställare.") % {"n": MAX_PROPOSERS}, field="proposers")
    _check_lengths("proposers", [p.name for p in proposers], 200)
    _check_lengths("proposers", [p.party for p in proposers], 20)
    motion.proposers.all().delete()
    Proposer.objects.bulk_create(
        [
            Proposer(motion=motion, name=p.name.strip(), party=p.party.strip(), position=i)
            for i, p in enumerate(proposers)
        ]
    )


# --- the case ----------------------------------------------------------------------------


@transaction.atomic
def motion_create(
    *,
    user: Any,
    municipality: Place,
    title: str,
    filed_date: date,
    proposers: Sequence[ProposerIn],
    body: str = "",
    att_clauses: Iterable[str] = (),
    text: str = "",
    recipients: Iterable[str] = (),
    places: Iterable[Place] = (),
    partnerships: Iterable[Partnership] = (),
    source: Source | None = None,
    is_example: bool = False,
    diarie_prefix: str = "KS",
) -> Motion:
    """A new motion in state `draft`; the first event records its creation."""
    require_motion_handler(user, municipality.pk)
    partnerships = list(partnerships)
    require_partnership_link(user, partnerships)
    if not title.strip():
        raise ValidationFailed(_("Ange motionens rubrik."), field="title")
    _filed(filed_date)
    motion = Motion(
        municipality=municipality,
        title=title.strip(),
        filed_date=filed_date,
        body=body.strip(),
        att_clauses=_clean_clauses(att_clauses, "att_clauses"),
        text=text.strip(),
        recipients=_clean_clauses(recipients, "recipients"),
        source=source,
        is_example=is_example,
        diarie_prefix=diarie_prefix.strip() or "KS",
    )
    validate(motion)
    motion.save()
    _set_proposers(motion, proposers)
    motion.places.set(list(places))
    motion.partnerships.set(partnerships)
    _event(motion, user=user, action="create", from_state="", to_state=State.DRAFT)
    return motion


_EDITABLE = {"title", "filed_date", "body", "att_clauses", "text", "recipients"}


def _filed(filed_date: date) -> None:
    """A motion is filed on a real day that has come: not 0001, not 9999, not next year."""
    if day_error(filed_date):
        raise ValidationFailed(day_error(filed_date) or "", field="filed_date")
    _happened(filed_date, "filed_date")


@transaction.atomic
def motion_update(
    *,
    user: Any,
    motion: Motion,
    expected_version: int,
    proposers: Sequence[ProposerIn] | None = None,
    places: Iterable[Place] | None = None,
    partnerships: Iterable[Partnership] | None = None,
    **changes: Any,
) -> Motion:
    """Edit the motion's facts (not its state); refused once the council has decided."""
    require_motion_handler(user, motion.municipality_id)
    if partnerships is not None:
        partnerships = list(partnerships)
        linked = set(motion.partnerships.values_list("pk", flat=True))
        require_partnership_link(user, [p for p in partnerships if p.pk not in linked])
    refuse_unknown_fields(changes, _EDITABLE)
    if motion.state not in UNDECIDED:
        raise ValidationFailed(_("En beslutad motion kan inte ändras."), field="state")
    for name in ("att_clauses", "recipients"):
        if name in changes:
            changes[name] = _clean_clauses(changes[name], name)
    if "title" in changes and not str(changes["title"]).strip():
        raise ValidationFailed(_("Ange motionens rubrik."), field="title")
    if "filed_date" in changes:
        _filed(changes["filed_date"])
    update_versioned(motion, expected_version=expected_version, **changes)
    if proposers is not None:
        _set_proposers(motion, proposers)
    if places is not None:
        motion.places.set(list(places))
    if partnerships is not None:
        motion.partnerships.set(partnerships)
    return motion


# --- transitions ---------------------------------------------------------------------------


def _lock(motion: Motion, expected_version: int) -> Motion:
    locked = Motion.objects.select_for_update().get(pk=motion.pk)
    if locked.version != expected_version:
        raise Conflict(str(_STALE))
    return locked


def _transition(
    *,
    user: Any,
    motion: Motion,
    action: Action,
    expected_version: int,
    note: str = "",
    before: Callable[[Motion], dict[str, Any]] | None = None,
) -> Motion:
    """The shared body of every transition service (called inside its atomic block)."""
    require_motion_handler(user, motion.municipality_id)
    locked = _lock(motion, expected_version)
    try:
        transition = transition_for(action, locked.state)
    except TransitionNotAllowed as exc:
        raise ValidationFailed(
            _("Åtgärden ”%(action)s” är inte möjlig när motionen är i läget ”%(state)s”.")
            % {"action": action_label(action), "state": MotionState(locked.state).label},
            field="action",
            code="invalid_transition",
        ) from exc
    changes = before(locked) if before else {}
    for name, value in changes.items():  # the conditional UPDATE below skips model validation
        setattr(locked, name, value)
    validate(locked, fields=changes)  # what the action changes; the rest was checked when written
    from_state = locked.state
    rows = Motion.objects.filter(pk=locked.pk, state=from_state, version=expected_version).update(
        state=transition.target,
        version=expected_version + 1,
        updated_at=timezone.now(),
        **changes,
    )
    if rows != 1:
        raise Conflict(str(_STALE))
    _event(locked, user=user, action=action, from_state=from_state, to_state=transition.target, note=note)
    motion.refresh_from_db()
    return motion


#: The service of each action (registered by `_serves` on the service itself).
TRANSITION_SERVICES: dict[Action, Callable[..., Motion]] = {}


def _serves(action: Action) -> Callable[[Callable[..., Motion]], Callable[..., Motion]]:
    """Register the decorated function as the one service of `action`."""

    def register(service: Callable[..., Motion]) -> Callable[..., Motion]:
        TRANSITION_SERVICES[action] = service
        return service

    return register


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def _next_diarie_number(municipality_id: int, prefix: str, year: int) -> int:
    top = Motion.objects.filter(municipality_id=municipality_id, diarie_prefix=prefix, diarie_year=year).aggregate(
        n=Max("diarie_number")
    )["n"]
    return (top or 0) + 1


@_serves(Action.SUBMIT)
@transaction.atomic
def motion_submit(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(user=user, motion=motion, action=Action.SUBMIT, expected_version=expected_version, note=note)


@_serves(Action.REGISTER)
@transaction.atomic
def motion_register(
    *,
    user: Any,
    motion: Motion,
    expected_version: int,
    note: str = "",
    diarie_year: int | None = None,
    diarie_number: int | None = None,
) -> Motion:
    """Give the motion its diarienummer (next free number of the year unless one is given)."""

    def number(locked: Motion) -> dict[str, Any]:
        year = diarie_year or locked.filed_date.year
        # One registration at a time per series: the check below and the write see each other.
        lock_series("diarienummer", locked.municipality_id, locked.diarie_prefix, year)
        n = diarie_number or _next_diarie_number(locked.municipality_id, locked.diarie_prefix, year)
        taken = (
            Motion.objects.filter(
                municipality_id=locked.municipality_id,
                diarie_prefix=locked.diarie_prefix,
                diarie_year=year,
                diarie_number=n,
            )
            .exclude(pk=locked.pk)
            .exists()
        )
        if taken:
            raise ValidationFailed(_("Diarienumret används redan."), field="diarie_number")
        return {"diarie_year": year, "diarie_number": n}

    return _transition(
        user=user, motion=motion, action=Action.REGISTER, expected_version=expected_version, note=note, before=number
    )


@_serves(Action.RAISE)
@transaction.atomic
def motion_raise(*, user: Any, motion: Motion, expected_version: int, raised_on: date, note: str = "") -> Motion:
    """The motion is raised (väckt) in the council: the one-year clock starts."""

    def clock(locked: Motion) -> dict[str, Any]:
        if day_error(raised_on):
            raise ValidationFailed(day_error(raised_on) or "", field="raised_on")
        _happened(raised_on, "raised_on")
        if raised_on < locked.filed_date:
            raise ValidationFailed(_("En motion kan inte väckas innan den lämnats in."), field="raised_on")
        return {"raised_on": raised_on, "deadline": one_year_deadline(raised_on)}

    return _transition(
        user=user, motion=motion, action=Action.RAISE, expected_version=expected_version, note=note, before=clock
    )


@_serves(Action.START_PREPARATION)
@transaction.atomic
def motion_start_preparation(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(
        user=user, motion=motion, action=Action.START_PREPARATION, expected_version=expected_version, note=note
    )


@_serves(Action.COMPLETE_OPINION)
@transaction.atomic
def motion_complete_opinion(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    """The officials' opinion is ready: it must exist and every referral must be answered."""

    def ready(locked: Motion) -> dict[str, Any]:
        if not OfficialOpinion.objects.filter(motion=locked).exists():
            raise ValidationFailed(_("Skriv tjänsteutlåtandet först."), field="opinion")
        if locked.referrals.filter(answered_on__isnull=True).exists():
            raise ValidationFailed(_("Minst en remiss är ännu inte besvarad."), field="referrals")
        return {}

    return _transition(
        user=user,
        motion=motion,
        action=Action.COMPLETE_OPINION,
        expected_version=expected_version,
        note=note,
        before=ready,
    )


def _outcome(value: str, field: str) -> str:
    if value not in {o.value for o in Outcome}:
        raise ValidationFailed(
            _("Välj ett av förslagen bifall, delvis bifall, avslag, besvarad eller avskriven."), field=field
        )
    return value


@_serves(Action.PROPOSE)
@transaction.atomic
def motion_propose(
    *,
    user: Any,
    motion: Motion,
    expected_version: int,
    recommendation: str,
    note: str = "",
    board_date: date | None = None,
    paragraph: str = "",
) -> Motion:
    """The executive board's proposal to the council (sets `recommendation`)."""

    def propose(locked: Motion) -> dict[str, Any]:
        value = _outcome(recommendation, "recommendation")
        _happened(board_date, "board_date")
        if board_date is not None:
            create_validated(
                Decision,
                motion=locked,
                body=DecisionBody.BOARD,
                date=board_date,
                paragraph=paragraph.strip(),
                outcome=value,
            )
        return {"recommendation": value}

    return _transition(
        user=user, motion=motion, action=Action.PROPOSE, expected_version=expected_version, note=note, before=propose
    )


@_serves(Action.PUT_ON_AGENDA)
@transaction.atomic
def motion_put_on_agenda(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(
        user=user, motion=motion, action=Action.PUT_ON_AGENDA, expected_version=expected_version, note=note
    )


@_serves(Action.POSTPONE)
@transaction.atomic
def motion_postpone(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    """Bordläggning: the council postpones the matter to a later meeting."""
    return _transition(user=user, motion=motion, action=Action.POSTPONE, expected_version=expected_version, note=note)


@_serves(Action.RESUME)
@transaction.atomic
def motion_resume(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(user=user, motion=motion, action=Action.RESUME, expected_version=expected_version, note=note)


@_serves(Action.REFER_BACK)
@transaction.atomic
def motion_refer_back(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    """Återremiss: the council sends the matter back for further preparation instead of deciding."""
    return _transition(user=user, motion=motion, action=Action.REFER_BACK, expected_version=expected_version, note=note)


@_serves(Action.REPREPARE)
@transaction.atomic
def motion_reprepare(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(user=user, motion=motion, action=Action.REPREPARE, expected_version=expected_version, note=note)


@_serves(Action.DECIDE)
@transaction.atomic
def motion_decide(
    *,
    user: Any,
    motion: Motion,
    expected_version: int,
    outcome: str,
    decided_on: date,
    paragraph: str = "",
    note: str = "",
) -> Motion:
    """The council's decision: sets `outcome` and stops the one-year clock."""

    def decide(locked: Motion) -> dict[str, Any]:
        value = _outcome(outcome, "outcome")
        _happened(decided_on, "decided_on")
        if locked.raised_on and decided_on < locked.raised_on:
            raise ValidationFailed(_("Beslutet kan inte fattas innan motionen väcktes."), field="decided_on")
        create_validated(
            Decision,
            motion=locked,
            body=DecisionBody.COUNCIL,
            date=decided_on,
            paragraph=paragraph.strip(),
            outcome=value,
            note=note.strip(),
        )
        return {"outcome": value, "decided_on": decided_on}

    return _transition(
        user=user, motion=motion, action=Action.DECIDE, expected_version=expected_version, note=note, before=decide
    )


@_serves(Action.APPROVE_MINUTES)
@transaction.atomic
def motion_approve_minutes(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(
        user=user, motion=motion, action=Action.APPROVE_MINUTES, expected_version=expected_version, note=note
    )


@_serves(Action.DISPATCH)
@transaction.atomic
def motion_dispatch(
    *,
    user: Any,
    motion: Motion,
    expected_version: int,
    dispatched_on: date,
    recipients: Iterable[str] | None = None,
    note: str = "",
) -> Motion:
    """Send out the decision; "samtliga nämnder" expands to the municipality's committees."""

    def dispatch(locked: Motion) -> dict[str, Any]:
        _happened(dispatched_on, "dispatched_on")
        if locked.decided_on and dispatched_on < locked.decided_on:
            raise ValidationFailed(_("Beslutet kan inte skickas innan det fattades."), field="dispatched_on")
        spec = _clean_clauses(recipients if recipients is not None else locked.recipients, "recipients")
        expanded = selectors.expand_recipients(locked.municipality_id, spec)
        if (
            selectors.ALL_COMMITTEES in {r.casefold() for r in spec}
            and not selectors.committees_of(locked.municipality_id).exists()
        ):
            raise ValidationFailed(
                _(
                    "Kommunens nämnder är inte registrerade, så beslutet kan inte skickas till "
                    "”samtliga nämnder”. Registrera nämnderna först."
                ),
                field="recipients",
            )
        if not expanded:
            raise ValidationFailed(_("Ange vart beslutet ska skickas."), field="recipients")
        create_validated(Dispatch, motion=locked, date=dispatched_on, recipients=expanded)
        return {"recipients": spec}

    return _transition(
        user=user, motion=motion, action=Action.DISPATCH, expected_version=expected_version, note=note, before=dispatch
    )


@_serves(Action.CLOSE)
@transaction.atomic
def motion_close(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    return _transition(user=user, motion=motion, action=Action.CLOSE, expected_version=expected_version, note=note)


@_serves(Action.WITHDRAW)
@transaction.atomic
def motion_withdraw(*, user: Any, motion: Motion, expected_version: int, note: str = "") -> Motion:
    """The proposer withdraws (återtar) the motion; possible until the council has decided."""
    return _transition(user=user, motion=motion, action=Action.WITHDRAW, expected_version=expected_version, note=note)


#: What a person is told when an action's input is missing or not one the action takes (the web
#: form shows the same words on the same field).
INPUT_NEEDED = gettext_lazy("Uppgiften behövs för åtgärden.")
INPUT_NOT_TAKEN = gettext_lazy("Åtgärden tar inte emot den här uppgiften.")


def transition_inputs(action: Action, inputs: dict[str, Any]) -> dict[str, Any]:
    """The inputs given (None = not given), checked against the action's spec in `states.TRANSITIONS`."""
    given = {name: value for name, value in inputs.items() if value is not None}
    try:
        check_inputs(action, given)
    except InputRefused as exc:
        raise ValidationFailed(str(INPUT_NEEDED if exc.missing else INPUT_NOT_TAKEN), field=exc.name) from exc
    return given


def motion_transition(
    *, user: Any, motion: Motion, action: str, expected_version: int, note: str = "", **inputs: Any
) -> Motion:
    """Dispatch to the transition service named by `action` (for forms and the API)."""
    try:
        key = Action(action)
    except ValueError as exc:
        raise ValidationFailed(_("Okänd åtgärd."), field="action", code="invalid_transition") from exc
    require_motion_handler(user, motion.municipality_id)
    given = transition_inputs(key, inputs)
    return TRANSITION_SERVICES[key](user=user, motion=motion, expected_version=expected_version, note=note, **given)


# --- preparation: referrals, opinion, attachments -------------------------------------------

_PREPARING = {State.RAISED, State.IN_PREPARATION, State.REFERRED_BACK}
_OPINION_OPEN = {State.REGISTERED, State.RAISED, State.IN_PREPARATION, State.REFERRED_BACK, State.OPINION_READY}


def referrals_open(motion: Motion) -> bool:
    """Referrals are sent and answered while the motion is being prepared (never after the decision)."""
    return motion.state in _PREPARING


def opinion_open(motion: Motion) -> bool:
    return motion.state in _OPINION_OPEN


def _require_state(motion: Motion, states: set[State], message: str) -> None:
    if motion.state not in states:
        raise ValidationFailed(message, field="state")


#: Events that record preparation work; the motion's state does not change.
REFERRAL_SENT = "referral_sent"
REFERRAL_ANSWERED = "referral_answered"
OPINION_SAVED = "opinion_saved"


def _record(motion: Motion, *, user: Any, action: str, note: str = "") -> None:
    _event(motion, user=user, action=action, from_state=motion.state, to_state=motion.state, note=note)


def _committee_name(motion: Motion, committee: str) -> str:
    """The referral body as the municipality registered it (when it has registered its committees)."""
    name = committee.strip()
    if not name:
        raise ValidationFailed(_("Ange remissinstans."), field="committee")
    registered = selectors.committee_names(motion.municipality_id)
    if not registered:
        return name
    match = next((r for r in registered if r.casefold() == name.casefold()), None)
    if match is None:
        raise ValidationFailed(_("Välj en av kommunens nämnder."), field="committee", code="unknown_committee")
    return match


@transaction.atomic
def referral_create(*, user: Any, motion: Motion, committee: str, sent_on: date, due_on: date) -> Referral:
    """Send the motion on referral; `due_on` is planned, `sent_on` has happened."""
    require_motion_handler(user, motion.municipality_id)
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    _require_state(motion, _PREPARING, _("Remisser skickas under beredningen."))
    name = _committee_name(motion, committee)
    _happened(sent_on, "sent_on")
    if due_on < sent_on:
        raise ValidationFailed(_("Svarsdatum kan inte ligga före utskicket."), field="due_on")
    referral = Referral(motion=motion, committee=name, sent_on=sent_on, due_on=due_on)
    validate(referral)
    referral.save()
    _record(motion, user=user, action=REFERRAL_SENT, note=name)
    return referral


@transaction.atomic
def referral_answer(
    *, user: Any, referral: Referral, expected_version: int, answered_on: date, answer: str
) -> Referral:
    require_motion_handler(user, referral.motion.municipality_id)
    motion = Motion.objects.select_for_update().get(pk=referral.motion_id)
    _require_state(motion, _PREPARING, _("Remissvar registreras under beredningen."))
    if not answer.strip():
        raise ValidationFailed(_("Skriv in remissvaret."), field="answer")
    _happened(answered_on, "answered_on")
    if answered_on < referral.sent_on:
        raise ValidationFailed(_("Svaret kan inte komma före utskicket."), field="answered_on")
    update_versioned(referral, expected_version=expected_version, answered_on=answered_on, answer=answer.strip())
    _record(motion, user=user, action=REFERRAL_ANSWERED, note=referral.committee)
    return referral


@transaction.atomic
def opinion_save(
    *,
    user: Any,
    motion: Motion,
    date: date,
    sections: Sequence[tuple[str, str]],
    signatories: Sequence[tuple[str, str]],
    department: str = "Kommunstyrelsens förvaltning",
    decision_sentence: str = "",
    expected_version: int | None = None,
) -> OfficialOpinion:
    """Write (or rewrite) the officials' opinion: sections (heading, text) and signatories (name, title)."""
    require_motion_handler(user, motion.municipality_id)
    motion = Motion.objects.select_for_update().get(pk=motion.pk)  # parallel first saves: one creates
    _require_state(motion, _OPINION_OPEN, _("Tjänsteutlåtandet kan inte ändras efter kommunstyrelsens förslag."))
    _happened(date, "date")
    _check_lengths("sections", [h for h, _b in sections], 200)
    _check_lengths("sections", [b for _h, b in sections], MAX_SECTION_CHARS)
    _check_lengths("signatories", [n for n, _t in signatories] + [t for _n, t in signatories], 200)
    values = {
        "date": date,
        "department": department.strip() or "Kommunstyrelsens förvaltning",
        "decision_sentence": decision_sentence.strip(),
    }
    opinion = OfficialOpinion.objects.filter(motion=motion).first()
    if opinion is None:
        opinion = create_validated(OfficialOpinion, motion=motion, **values)
    else:
        if expected_version is None:  # rewriting needs the version it was based on: no silent overwrite
            raise ValidationFailed(_("Ange versionen av tjänsteutlåtandet som ändras."), field="version")
        update_versioned(opinion, expected_version=expected_version, **values)
    opinion.sections.all().delete()
    OpinionSection.objects.bulk_create(
        [
            OpinionSection(opinion=opinion, heading=h.strip(), body=b.strip(), position=i)
            for i, (h, b) in enumerate(sections)
            if h.strip() and b.strip()
        ]
    )
    opinion.signatories.all().delete()
    Signatory.objects.bulk_create(
        [
            Signatory(opinion=opinion, name=n.strip(), title=t.strip(), position=i)
            for i, (n, t) in enumerate(signatories)
            if n.strip()
        ]
    )
    _record(motion, user=user, action=OPINION_SAVED)
    return opinion


@transaction.atomic
def attachment_add(*, user: Any, motion: Motion, title: str, file: Any = None) -> Attachment:
    require_motion_handler(user, motion.municipality_id)
    if not title.strip():
        raise ValidationFailed(_("Ange bilagans rubrik."), field="title")
    position = (motion.attachments.aggregate(n=Max("position"))["n"] or 0) + 1
    attachment = Attachment(motion=motion, title=title.strip(), position=position)
    if file is not None:
        content_type, data = attachment_type(file.name or "", file.size or 0, file.read)
        attachment.filename = clean_filename(file.name) or "bilaga"
        attachment.content_type = content_type
        attachment.content = data
        attachment.size = len(data)
        attachment.checksum = hashlib.sha256(data).hexdigest()
    validate(attachment)
    attachment.save()
    return attachment


# --- committees ------------------------------------------------------------------------------


@transaction.atomic
def committee_upsert(
    *,
    user: Any,
    municipality: Place,
    name: str,
    is_committee: bool = True,
    position: int = 0,
    source: Source | None = None,
) -> Committee:
    require_motion_handler(user, municipality.pk)
    if not name.strip():
        raise ValidationFailed(_("Ange nämndens namn."), field="name")
    committee, _created = Committee.objects.update_or_create(
        municipality=municipality,
        name=name.strip(),
        defaults={"is_committee": is_committee, "position": position, "source": source},
    )
    return committee
