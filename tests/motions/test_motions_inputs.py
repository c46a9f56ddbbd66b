"""One spec of each action's inputs (`states.TRANSITIONS`): the service, the API schema and the web
form take exactly those inputs, and a missing or unknown one is refused the same way in all three."""

from __future__ import annotations

import inspect
from datetime import date
from html import unescape
from typing import Any

import pytest
from django.test import Client

from vanort.accounts.services import api_token_create
from vanort.core.errors import ValidationFailed
from vanort.motions import services
from vanort.motions.models import Motion, MotionEvent
from vanort.motions.states import TRANSITIONS, Action, State, all_inputs

#: Every transition takes these besides its inputs.
COMMON = {"user", "motion", "expected_version", "note"}
#: The JSON keys of a transition request (DESIGN.md §5: the API contract; they must not change).
API_KEYS = {
    "action",
    "version",
    "note",
    "raised_on",
    "recommendation",
    "board_date",
    "paragraph",
    "outcome",
    "decided_on",
    "diarie_year",
    "diarie_number",
    "dispatched_on",
    "recipients",
}


def _keyword_parameters(action: Action) -> dict[str, inspect.Parameter]:
    signature = inspect.signature(services.TRANSITION_SERVICES[action])
    return {n: p for n, p in signature.parameters.items() if p.kind == p.KEYWORD_ONLY and n not in COMMON}


@pytest.mark.parametrize("action", list(Action))
def test_each_action_spec_matches_what_its_service_accepts(action: Action) -> None:
    params = _keyword_parameters(action)
    spec = TRANSITIONS[action].inputs
    assert set(params) == {i.name for i in spec}
    assert {n for n, p in params.items() if p.default is p.empty} == {i.name for i in spec if i.required}


def test_every_action_has_one_service() -> None:
    assert set(services.TRANSITION_SERVICES) == set(Action)


def test_every_input_the_form_offers_has_a_label() -> None:
    from vanort.web.motions.forms import INPUT_LABELS

    assert {i.name for i in all_inputs().values() if i.in_form} <= set(INPUT_LABELS)


def test_api_schema_keeps_the_contract_keys() -> None:
    from vanort.api.motions import TransitionIn

    assert set(TransitionIn.model_fields) == API_KEYS


def test_web_form_has_the_inputs_of_its_action() -> None:
    from vanort.web.motions.forms import TransitionForm

    for action, transition in TRANSITIONS.items():
        fields = set(TransitionForm(action=action).fields) - {"action", "version", "note"}
        assert fields == {i.name for i in transition.inputs if i.in_form}, action


# --- a missing or unknown input: refused alike by the service, the API and the web --------------

#: (name, what is posted for raise besides the action and version, the message a person sees)
REFUSALS = [
    ("raised_on", {}, services.INPUT_NEEDED),  # raise needs the day the motion was raised
    ("paragraph", {"raised_on": "2024-02-29", "paragraph": "§ 3"}, services.INPUT_NOT_TAKEN),  # decide's input
]
IDS = ["missing", "unknown"]


@pytest.fixture
def registered(motion_factory: Any, advance: Any) -> Motion:
    return advance(motion_factory(), State.REGISTERED)


def _unchanged(motion: Motion) -> None:
    fresh = Motion.objects.get(pk=motion.pk)
    assert (fresh.state, fresh.version, fresh.raised_on) == (State.REGISTERED, motion.version, None)
    assert MotionEvent.objects.filter(motion=motion).count() == 3  # create, submit, register


@pytest.mark.parametrize(("name", "posted", "message"), REFUSALS, ids=IDS)
def test_service_refuses(name: str, posted: dict[str, Any], message: Any, registered: Motion, registrar: Any) -> None:
    inputs = {k: date.fromisoformat(v) if k.endswith("_on") else v for k, v in posted.items()}
    with pytest.raises(ValidationFailed) as exc:
        services.motion_transition(
            user=registrar, motion=registered, action="raise", expected_version=registered.version, **inputs
        )
    assert (exc.value.field, exc.value.message) == (name, str(message))
    _unchanged(registered)


@pytest.mark.parametrize(("name", "posted", "message"), REFUSALS, ids=IDS)
def test_api_refuses_with_4xx_json(
    name: str, posted: dict[str, Any], message: Any, registered: Motion, registrar: Any
) -> None:
    _token, raw = api_token_create(user=registrar, name="test")
    response = Client().post(
        f"/api/motions/{registered.pk}/transitions",
        {"action": "raise", "version": registered.version, **posted},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 422
    assert {k: response.json()[k] for k in ("code", "field", "message")} == {
        "code": "invalid",
        "field": name,
        "message": str(message),
    }
    _unchanged(registered)


@pytest.mark.parametrize(("name", "posted", "message"), REFUSALS, ids=IDS)
def test_web_refuses_with_a_form_error(
    name: str, posted: dict[str, Any], message: Any, registered: Motion, registrar: Any
) -> None:
    client = Client()
    client.force_login(registrar)
    response = client.post(
        f"/motioner/{registered.pk}/atgard/",
        {
            "t-raise-action": "raise",
            "t-raise-version": registered.version,
            **{f"t-raise-{k}": v for k, v in posted.items()},
        },
    )
    assert response.status_code == 400
    assert str(message) in unescape(response.content.decode())
    _unchanged(registered)


def test_a_key_no_action_takes_is_refused_by_service_and_api(registered: Motion, registrar: Any) -> None:
    with pytest.raises(ValidationFailed) as exc:
        services.motion_transition(
            user=registrar,
            motion=registered,
            action="raise",
            expected_version=registered.version,
            raised_on=date(2024, 2, 29),
            colour="red",
        )
    assert exc.value.field == "colour"
    _token, raw = api_token_create(user=registrar, name="test")
    response = Client().post(
        f"/api/motions/{registered.pk}/transitions",
        {"action": "raise", "version": registered.version, "raised_on": "2024-02-29", "colour": "red"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert (response.status_code, response.json()["field"]) == (422, "colour")
    _unchanged(registered)


def test_permission_is_checked_before_the_inputs(registered: Motion, other_officer: Any) -> None:
    from vanort.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.motion_transition(
            user=other_officer, motion=registered, action="raise", expected_version=registered.version
        )
    _unchanged(registered)
