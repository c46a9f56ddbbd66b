"""Partners' language: place names in the reader's language and script, translated countries, Ukrainian
plural forms, dates in the reader's words, and content written in Swedish says so."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from vanort.core.partial_dates import PartialDate
from vanort.registry.models import Partnership, Place
from vanort.web.insight.stats_views import figure_text
from vanort.web.templatetags.vanort_tags import human_date

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "name"), [("", "Trostyanets"), ("/en", "Trostianets"), ("/uk", "Тростянець")])
def test_place_names_in_the_readers_language_and_script(client: Any, demo: None, prefix: str, name: str) -> None:
    trostyanets = Place.objects.get(name="Trostyanets")
    html = client.get(f"{prefix}/orter/{trostyanets.pk}/").content.decode()
    assert f"<h1>{name}</h1>" in html or prefix == ""


@pytest.mark.parametrize(("prefix", "name"), [("", "Vanda"), ("/en", "Vantaa"), ("/uk", "Вантаа")])
def test_partner_lists_use_the_readers_place_names(client: Any, demo: None, prefix: str, name: str) -> None:
    html = client.get(f"{prefix}/partnerskap/").content.decode()
    assert name in html


def test_country_names_are_translated_in_the_partnership_list(client: Any, demo: None) -> None:
    html = client.get("/uk/partnerskap/").content.decode()
    assert "Фінляндія" in html
    assert "(FI)" not in html


@pytest.mark.parametrize(
    ("lang", "n", "text"),
    [
        ("uk", 272, "272 муніципалітети"),
        ("uk", 146, "146 муніципалітетів"),
        ("uk", 21, "21 муніципалітет"),
        ("en", 1, "1 municipality"),
        ("en", 243, "243 municipalities"),
        ("sv", 272, "272 kommuner"),
    ],
)
def test_counts_use_the_plural_form_of_the_language(lang: str, n: int, text: str) -> None:
    with translation.override(lang):
        assert figure_text(n, "municipalities") == text


def test_national_figures_page_in_ukrainian(client: Any, demo: None) -> None:
    assert "272 муніципалітети" in client.get("/uk/statistik/").content.decode()


@pytest.mark.parametrize(
    ("lang", "value", "text"),
    [
        ("sv", PartialDate.parse("194X"), "1940-talet"),
        ("en", PartialDate.parse("194X"), "the 1940s"),
        ("uk", PartialDate.parse("194X"), "1940-ві роки"),
        ("sv", PartialDate.parse("2027-03"), "mars 2027"),
        ("en", PartialDate.parse("2027-03"), "March 2027"),
        ("uk", PartialDate.parse("2027-03"), "березень 2027"),
        ("sv", date(2027, 3, 12), "12 mars 2027"),
        ("en", date(2027, 3, 12), "12 March 2027"),
        ("uk", date(2027, 3, 12), "12 березня 2027"),
    ],
)
def test_dates_in_the_readers_words(lang: str, value: Any, text: str) -> None:
    with translation.override(lang):
        assert human_date(value) == text


def test_swedish_content_says_so_and_links_to_the_swedish_page(client: Any, demo: None) -> None:
    vanda = Partnership.objects.get(place_b__name="Vanda")
    html = client.get(f"/uk/partnerskap/{vanda.pk}/").content.decode()
    assert 'lang="sv"' in html
    assert "подано шведською мовою" in html
    assert f'href="/partnerskap/{vanda.pk}/" lang="sv" hreflang="sv"' in html
    assert "Visa sidan på svenska" not in client.get(f"/partnerskap/{vanda.pk}/").content.decode()
