"""Regressions found in review: duplicate search rows, silent opinion overwrite, long child rows."""

from datetime import date

import pytest

from vanort.core.errors import ValidationFailed
from vanort.motions import selectors, services

pytestmark = pytest.mark.django_db


def _create(registrar, huddinge, proposers):
    return services.motion_create(
        user=registrar,
        municipality=huddinge,
        title="Vänort med Irpin",
        filed_date=date(2024, 2, 20),
        proposers=proposers,
    )


def test_motion_with_two_matching_proposers_is_listed_once(registrar, huddinge):
    motion = _create(registrar, huddinge, [services.ProposerIn("Anna Ek", "S"), services.ProposerIn("Anna Ås", "V")])
    found = list(selectors.motion_list(selectors.MotionFilters(q="Anna"), viewer=registrar))
    assert found == [motion]


def test_rewriting_an_opinion_needs_its_version(motion_factory, registrar, advance):
    motion = advance(motion_factory(), "in_preparation")
    services.opinion_save(
        user=registrar,
        motion=motion,
        date=date(2024, 5, 1),
        sections=[("Sammanfattning", "A")],
        signatories=[("Eva", "Kommundirektör")],
    )
    with pytest.raises(ValidationFailed) as err:
        services.opinion_save(user=registrar, motion=motion, date=date(2024, 5, 2), sections=[], signatories=[])
    assert err.value.field == "version"
    assert motion.opinion.sections.count() == 1


def test_overlong_proposer_name_is_refused(registrar, huddinge):
    with pytest.raises(ValidationFailed) as err:
        _create(registrar, huddinge, [services.ProposerIn("x" * 300, "S")])
    assert err.value.field == "proposers"


def test_drafts_are_seen_only_by_their_municipality(client, registrar, huddinge, other_officer):
    motion = _create(registrar, huddinge, [services.ProposerIn("Anna Ek", "S")])
    url = f"/motioner/{motion.pk}/"
    assert client.get(url).status_code == 404
    assert client.get(f"/api/motions/{motion.pk}").status_code == 404
    assert client.get("/api/motions").json()["count"] == 0
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(registrar)
    assert client.get(url).status_code == 200
    services.motion_submit(user=registrar, motion=motion, expected_version=motion.version)
    client.logout()
    assert client.get(url).status_code == 200
