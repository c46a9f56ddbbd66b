"""A motion that was never submitted stays private in every state it can reach (issue 8, high)."""

from collections import deque
from datetime import date

import pytest

from tests.motions.helpers_motions import inputs_for
from vanort.motions import services
from vanort.motions.export import motion_rows
from vanort.motions.states import TRANSITIONS, Action, State

pytestmark = pytest.mark.django_db


def _paths_without_submit() -> dict[State, list[Action]]:
    """Every state reachable from a draft without submitting it, with the actions that reach it."""
    paths: dict[State, list[Action]] = {State.DRAFT: []}
    todo = deque([State.DRAFT])
    while todo:
        state = todo.popleft()
        for action, t in TRANSITIONS.items():
            if action != Action.SUBMIT and state in t.sources and t.target not in paths:
                paths[t.target] = [*paths[state], action]
                todo.append(t.target)
    return paths


PATHS = _paths_without_submit()


def test_the_table_lets_a_draft_be_withdrawn_unsubmitted():
    assert set(PATHS) == {State.DRAFT, State.WITHDRAWN}


def _public_views(client, motion) -> dict[str, int]:
    return {
        "api detail": client.get(f"/api/motions/{motion.pk}").status_code,
        "api events": client.get(f"/api/motions/{motion.pk}/events").status_code,
        "api pdf": client.get(f"/api/motions/{motion.pk}/proposal.pdf").status_code,
        "web page": client.get(f"/motioner/{motion.pk}/").status_code,
        "web pdf": client.get(f"/motioner/{motion.pk}/forslag.pdf").status_code,
    }


def _listed(client, motion) -> dict[str, bool]:
    title = motion.title
    return {
        "api list": any(m["id"] == motion.pk for m in client.get("/api/motions").json()["items"]),
        "search": any(title in r["title"] for r in client.get("/api/search", {"q": "Hemlig"}).json()["results"]),
        "export": any(r["title"] == title for r in motion_rows()),
        "web list": title in client.get("/motioner/").content.decode(),
    }


@pytest.mark.parametrize("state", sorted(PATHS), ids=str)
def test_never_submitted_motion_is_private_in_every_reachable_state(client, registrar, huddinge, other_officer, state):
    motion = services.motion_create(
        user=registrar,
        municipality=huddinge,
        title="Hemlig motion om vänort",
        filed_date=date(2024, 2, 20),
        proposers=[services.ProposerIn("Anna Ek", "S")],
    )
    for action in PATHS[state]:
        motion = services.motion_transition(
            user=registrar, motion=motion, action=action, expected_version=motion.version, **inputs_for(action)
        )
    assert motion.state == state
    for who in (None, other_officer):
        if who:
            client.force_login(who)
        assert set(_public_views(client, motion).values()) == {404}, (who, state)
        assert not any(_listed(client, motion).values()), (who, state)
    client.force_login(registrar)
    assert set(_public_views(client, motion).values()) == {200}


def test_a_submitted_then_withdrawn_motion_stays_public(client, registrar, huddinge):
    motion = services.motion_create(
        user=registrar,
        municipality=huddinge,
        title="Hemlig motion om vänort",
        filed_date=date(2024, 2, 20),
        proposers=[services.ProposerIn("Anna Ek", "S")],
    )
    for action in (Action.SUBMIT, Action.WITHDRAW):
        motion = services.motion_transition(
            user=registrar, motion=motion, action=action, expected_version=motion.version
        )
    assert set(_public_views(client, motion).values()) == {200}
    assert all(_listed(client, motion).values())
