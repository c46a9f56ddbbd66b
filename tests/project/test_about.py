"""The about page and /healthz carry the version; the page gives the data attributions."""

from __future__ import annotations

import pytest

from vanort import __version__

pytestmark = pytest.mark.django_db


def test_about_page_shows_version_licence_and_attributions(client) -> None:
    html = client.get("/om/").content.decode()
    assert __version__ in html
    assert "EUPL" in html
    assert "wordfreq" in html
    assert "CC BY-SA 4.0" in html


def test_footer_links_the_about_page(client) -> None:
    assert 'href="/om/"' in client.get("/om/").content.decode()


def test_healthz_reports_the_version(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "version": __version__}
