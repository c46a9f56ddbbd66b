"""Who sees which motion where: a search lists each motion once; a draft only its municipality sees."""

from datetime import date

import pytest

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
