"""Django admin edits refuse stale versions like the web and the API (issue 8, medium)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from vanort.registry import services
from vanort.registry.models import Partnership, Place

pytestmark = pytest.mark.django_db


class _FormValues(HTMLParser):
    """The values a browser would submit from the admin change form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, object] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "checkbox"}:
            self.data[name] = a.get("value") or ""
        elif tag == "input" and name and "checked" in a:
            self.data[name] = "on"
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [] if "multiple" in a else "")
        elif tag == "option" and self._select and "selected" in a:
            if isinstance(self.data[self._select], list):
                self.data[self._select].append(a.get("value") or "")
            else:
                self.data[self._select] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.lstrip("\n") if not self.data[self._textarea] else data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


def _form(client, url) -> dict:
    parser = _FormValues()
    parser.feed(client.get(url).content.decode())
    return {k: v for k, v in parser.data.items() if k not in {"csrfmiddlewaretoken", "_save", "q"}}


def test_admin_save_of_an_old_form_is_refused_and_the_newer_edit_stays(
    client, admin_user, case_officer, partnership_factory
):
    p = partnership_factory()
    url = reverse("admin:registry_partnership_change", args=[p.pk])
    client.force_login(admin_user)
    old_form = _form(client, url)
    services.partnership_update(
        user=case_officer, partnership=p, expected_version=p.version, description="Handläggarens nyare text"
    )
    response = client.post(url, {**old_form, "description": "Administratörens gamla text"})
    assert response.status_code == 200
    assert "ändrats av någon annan" in response.content.decode()
    p.refresh_from_db()
    assert (p.description, p.version) == ("Handläggarens nyare text", 2)


def test_admin_save_of_a_current_form_bumps_the_version(client, admin_user, case_officer, partnership_factory):
    p = partnership_factory()
    url = reverse("admin:registry_partnership_change", args=[p.pk])
    client.force_login(admin_user)
    response = client.post(url, {**_form(client, url), "description": "Rättad av admin"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.description, p.version) == ("Rättad av admin", 2)
    with pytest.raises(Exception, match="ändrats av någon annan"):
        services.partnership_update(
            user=case_officer, partnership=Partnership.objects.get(pk=p.pk), expected_version=1, description="gammal"
        )


def test_admin_place_edit_with_stale_version_is_refused(client, admin_user, huddinge):
    url = reverse("admin:registry_place_change", args=[huddinge.pk])
    client.force_login(admin_user)
    old_form = _form(client, url)
    services.place_update(user=admin_user, place=huddinge, expected_version=huddinge.version, population=113000)
    response = client.post(url, {**old_form, "population": "1"})
    assert response.status_code == 200
    assert Place.objects.get(pk=huddinge.pk).population == 113000
