"""First visit: the start page says what Vänort is and where each kind of user starts; a footer with the
accessibility statement, the privacy notice and contact; a favicon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "src" / "vanort" / "web" / "static" / "web"


def test_start_page_says_what_vanort_is_and_where_to_start(client: Any, demo: None) -> None:
    html = client.get("/").content.decode()
    assert "Vad är Vänort?" in html
    for who, url in [
        ("Invånare och journalister", reverse("web:partnership_list")),
        ("Handläggare i kommunen", reverse("web:login")),
        ("Registratorer och nämndsekreterare", reverse("web:motion_list")),
        ("Partner i andra länder", "/uk/"),
        ("Frågor om bistånd", reverse("web:aid_check")),
    ]:
        assert who in html
        assert f'href="{url}"' in html


@pytest.mark.parametrize("prefix", ["", "/en", "/uk"])
def test_every_page_has_the_footer_links(client: Any, demo: None, prefix: str) -> None:
    html = client.get(f"{prefix}/partnerskap/").content.decode()
    footer = html[html.index('<footer class="site">') :]
    for path in ("tillganglighet/", "integritet/", "om/"):
        assert f'href="{prefix}/{path}"' in footer


def test_accessibility_statement_names_the_law_what_fails_and_how_to_report(client: Any, db: None) -> None:
    html = client.get(reverse("web:accessibility")).content.decode()
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in html
    assert "Det här fungerar inte än" in html
    assert "Rapportera brister" in html
    assert "Digg" in html


def test_contact_address_from_settings_is_shown(client: Any, db: None, settings: Any) -> None:
    settings.VANORT_CONTACT_EMAIL = "vanort@huddinge.se"
    assert 'href="mailto:vanort@huddinge.se"' in client.get(reverse("web:accessibility")).content.decode()
    assert 'href="mailto:vanort@huddinge.se"' in client.get(reverse("web:privacy")).content.decode()


def test_privacy_notice_names_the_controller_and_the_rights(client: Any, db: None) -> None:
    html = client.get(reverse("web:privacy")).content.decode()
    assert "personuppgiftsansvarig" in html
    assert "Integritetsskyddsmyndigheten" in html


def test_favicon_is_a_static_file_referenced_by_every_page(client: Any, db: None) -> None:
    assert (STATIC / "favicon.svg").read_text().startswith("<svg")
    html = client.get(reverse("web:privacy")).content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html
