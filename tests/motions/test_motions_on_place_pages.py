"""A place page shows the latest motions about the place and links to all of them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from vanort.motions import services
from vanort.web.templatetags.motion_tags import PLACE_PAGE_MOTIONS

pytestmark = pytest.mark.django_db


def test_place_page_shows_the_latest_motions_and_links_to_all(client, registrar, huddinge, motion_factory):
    for day in range(1, PLACE_PAGE_MOTIONS + 3):
        motion_factory(title=f"Motion nummer {day:02d}", filed=date(2024, 3, day))
    client.force_login(registrar)
    html = client.get(reverse("web:place_detail", args=[huddinge.pk])).content.decode()
    assert "Motion nummer 12" in html
    assert "Motion nummer 03" in html
    assert "Motion nummer 02" not in html
    assert f"{reverse('web:motion_list')}?place={huddinge.pk}" in html


def test_place_page_without_more_motions_has_no_link_to_all(client, registrar, huddinge, motion_factory):
    motion_factory(title="Den enda motionen")
    client.force_login(registrar)
    html = client.get(reverse("web:place_detail", args=[huddinge.pk])).content.decode()
    assert "Den enda motionen" in html
    assert f"?place={huddinge.pk}" not in html


def test_motion_list_of_a_place_has_its_own_and_those_about_it(
    client, admin_user, registrar, huddinge, botkyrka, motion_factory
):
    own = motion_factory(title="Huddinges egen motion")
    about = motion_factory(user=admin_user, municipality=botkyrka, title="Botkyrkas motion om Huddinge")
    services.motion_update(user=admin_user, motion=about, expected_version=about.version, places=[huddinge])
    motion_factory(user=admin_user, municipality=botkyrka, title="Botkyrkas andra motion")
    client.force_login(admin_user)
    html = client.get(reverse("web:motion_list"), {"place": huddinge.pk}).content.decode()
    assert own.title in html
    assert about.title in html
    assert "Botkyrkas andra motion" not in html


def test_motion_list_with_an_unknown_place_lists_every_motion(client, registrar, motion_factory):
    motion_factory(title="En motion")
    client.force_login(registrar)
    response = client.get(reverse("web:motion_list"), {"place": "99999999"})
    assert response.status_code == 200
    assert "En motion" in response.content.decode()
