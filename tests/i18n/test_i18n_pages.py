"""Pages under /en/ and /uk/ show the interface in English and Ukrainian; / stays Swedish."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

START_PAGE = {
    "sv": ("/", ["Vänorter och partnerskap", "Senaste aktiviteter", "Partnerskap", "Orter", "Statistik"]),
    "en": ("/en/", ["Twin towns and partnerships", "Latest activities", "Partnerships", "Places", "Statistics"]),
    "uk": (
        "/uk/",
        ["Міста-побратими та партнерства", "Останні заходи", "Партнерства", "Території", "Статистика"],
    ),
}


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.mark.parametrize("lang", START_PAGE)
def test_start_page_headings_and_navigation_are_in_the_language(client, demo, lang):
    url, expected = START_PAGE[lang]
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(html) == lang
    for text in expected:
        assert text in html


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_start_page_in_another_language_has_no_swedish_headings(client, demo, lang):
    html = client.get(f"/{lang}/").content.decode()
    for swedish in ("Vänorter och partnerskap", "Senaste aktiviteter", "Hoppa till innehållet", "Logga in", "Sök"):
        assert f">{swedish}<" not in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/partnerskap/", ["Twin town", "Filter", "All countries"]),
        ("/uk/partnerskap/", ["Місто-побратим", "Фільтрувати", "Усі країни"]),
        ("/en/stod/", ["May we give this support?", "Who is giving the support?", "Show the assessment"]),
        ("/uk/stod/", ["Чи маємо ми право надати цю підтримку?", "Хто надає підтримку?", "Показати оцінку"]),
        ("/en/motioner/bevakning/", ["Motion deadlines", "Overdue: more than one year since the motion was raised"]),
        (
            "/uk/motioner/bevakning/",
            ["Контроль строків розгляду пропозицій", "Прострочені: минуло більше року від внесення пропозиції"],
        ),
        ("/en/logga-in/", ["Log in"]),
        ("/uk/logga-in/", ["Увійти"]),
    ],
)
def test_other_pages_are_translated(client, demo, registrar, url, expected):
    client.force_login(registrar)
    html = client.get(url).content.decode()
    assert html_lang(html) == url.split("/")[1]
    for text in expected:
        assert text in html


@pytest.mark.parametrize(("lang", "expected"), [("en", "3 partnerships"), ("uk", "3 партнерства")])
def test_plural_forms(lang, expected):
    from django.utils import translation

    with translation.override(lang):
        text = translation.ngettext("%(n)s partnerskap", "%(n)s partnerskap", 3) % {"n": 3}
    assert text == expected


def test_ukrainian_plural_for_five_and_twenty_one():
    from django.utils import translation

    with translation.override("uk"):
        five = translation.ngettext("%(n)s ort", "%(n)s orter", 5) % {"n": 5}
        twenty_one = translation.ngettext("%(n)s ort", "%(n)s orter", 21) % {"n": 21}
    assert (five, twenty_one) == ("5 територій", "21 територія")
