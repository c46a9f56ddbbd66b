"""Term list, stemming, compounds, key terms and the sector/form neighbour table."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from vanort.matching import key_terms
from vanort.matching.lexicon import TERMS_FILE, LexiconError, default_lexicon, parse_terms
from vanort.matching.tables import NEIGHBOURS_FILE, TableError, default_compatibility, parse_neighbours
from vanort.refdata import sector_codes


def concepts(text: str, language: str) -> set[str]:
    return {k for k in default_lexicon().features(text, "", language).weights if not k.startswith("~")}


@pytest.mark.parametrize(
    ("text", "language", "concept"),
    [
        ("brandbilarna", "sv", "fire_engine"),
        ("räddningsfordonen", "sv", "fire_engine"),
        ("пожежні автомобілі", "uk", "fire_engine"),
        ("пожежну машину", "uk", "fire_engine"),
        ("fire trucks", "en", "fire_engine"),
        ("reservkraftverket", "sv", "generator"),
        ("генераторів", "uk", "generator"),
        ("gensets", "en", "generator"),
        ("skolmöblerna", "sv", "school_furniture"),
        ("шкільних парт", "uk", "school_furniture"),
        ("vattenreningsverken", "sv", "water_purification"),
        ("очищення питної води", "uk", "water_purification"),
        ("ambulansbilar", "sv", "ambulance"),
        ("ноутбуків", "uk", "laptop"),
        ("äldreboendena", "sv", "elderly_care"),
        ("сміттєвозів", "uk", "garbage_truck"),
        ("водоочисного обладнання", "uk", "water_purification"),  # one word of a multi-word term
        ("hydraulic", "en", "rescue_tools"),
    ],
)
def test_inflections_and_compounds_find_the_concept(text: str, language: str, concept: str) -> None:
    assert concept in concepts(text, language)


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        ("Schools serve as shelters", "en", "server"),  # a short prefix alone is not enough
        ("brandväggar", "sv", "firefighting"),  # firewall, not fire
        ("bärbara kommunikationsradio", "sv", "laptop"),
    ],
)
def test_no_false_friends(text: str, language: str, absent: str) -> None:
    assert absent not in concepts(text, language)


def test_words_outside_the_term_list_match_through_their_skeleton() -> None:
    lex = default_lexicon()
    uk = lex.features("Квадрокоптер", "", "uk").weights
    sv = lex.features("Kvadrokopter", "", "sv").weights
    assert {k for k in uk if k.startswith("~")} & {k for k in sv if k.startswith("~")}


@pytest.mark.parametrize(
    ("text", "language", "target", "expected"),
    [
        (
            "Потрібні пожежні автомобілі і генератори",
            "uk",
            "sv",
            [("пожежні автомобілі", "brandbil"), ("генератори", "reservkraftverk")],
        ),
        (
            "Vi erbjuder två brandbilar och ett reservkraftverk",
            "sv",
            "uk",
            [("brandbilar", "пожежний автомобіль"), ("reservkraftverk", "генератор")],
        ),
        ("Training for teachers", "en", "sv", [("Training for teachers", "lärare")]),
        ("Школі потрібні ноутбуки", "uk", "en", [("Школі", "school"), ("ноутбуки", "laptop")]),
        ("Nothing here", "en", "uk", []),
    ],
)
def test_key_terms(text: str, language: str, target: str, expected: list[tuple[str, str]]) -> None:
    assert key_terms(text, language, target) == expected


def test_term_list_covers_all_sectors_in_three_languages() -> None:
    lex = default_lexicon()
    assert len(lex.concepts) >= 240
    covered = {s for c in lex.concepts.values() for s in c.sectors}
    assert covered == set(sector_codes())
    for concept in lex.concepts.values():
        assert set(concept.terms) == {"sv", "en", "uk"}, concept.id
    with TERMS_FILE.open(encoding="utf-8") as handle:
        header = yaml.safe_load(handle)
    assert header["source"]
    assert header["as_of"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"concepts": [{"id": "a", "en": ["x"]}, {"id": "a", "en": ["y"]}]}, "defined twice"),
        ({"concepts": [{"id": "a", "broader": ["nope"], "en": ["x"]}]}, "'nope' is not defined"),
        ({"concepts": [{"id": "a"}]}, "has no terms"),
        ({"concepts": [{"id": "a", "en": [1]}]}, "a.en"),
        ({"nothing": 1}, "'concepts' list"),
    ],
)
def test_bad_term_list_is_refused(data: object, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_terms(data)


def test_neighbour_table_is_symmetric_and_documented() -> None:
    compat = default_compatibility()
    for (a, b), weight in compat.sectors.items():
        assert compat.sectors[(b, a)] == weight
    assert compat.sector("emergency", "health") > 0
    assert compat.sector("health", "emergency") == compat.sector("emergency", "health")
    assert compat.sector("water", "water") == 1.0
    assert compat.sector("culture", "energy") == 0.0
    assert compat.form("advice", "training") > 0
    assert compat.sector_neighbours("emergency")[0][0] == "health"
    head = NEIGHBOURS_FILE.read_text(encoding="utf-8").splitlines()[:8]
    assert any(line.startswith("# source:") for line in head)
    assert any(line.startswith("# as_of:") for line in head)


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["kind,a,b", "sector,water,energy"], "header"),
        (["kind,a,b,weight,note", "colour,water,energy,0.5,x"], "line 2: kind"),
        (["kind,a,b,weight,note", "sector,water,moon,0.5,x"], "unknown sector code 'moon'"),
        (["kind,a,b,weight,note", "sector,water,energy,lots,x"], "not a number"),
        (["kind,a,b,weight,note", "form,advice,training,1.5,x"], "between 0 and 1"),
    ],
)
def test_bad_neighbour_table_is_refused(lines: list[str], message: str) -> None:
    with pytest.raises(TableError, match=message):
        parse_neighbours(lines)


def test_cached_features_are_the_features_of_the_same_text() -> None:
    lex = default_lexicon()
    first = lex.cached_features("Brandbil", "Avställd släckbil", "sv")
    assert first.weights == lex.features("Brandbil", "Avställd släckbil", "sv").weights
    assert lex.cached_features("Brandbil", "Avställd släckbil", "sv") is first
    edited = lex.cached_features("Reservkraftverk", "Avställt elverk", "sv")
    assert "generator" in edited.weights
    assert "fire_engine" not in edited.weights


def test_feature_cache_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanort.matching import lexicon

    lex = lexicon.Lexicon(default_lexicon().concepts.values())
    monkeypatch.setattr(lexicon, "FEATURE_CACHE_SIZE", 2)
    kept = lex.cached_features("Brandbil", "", "sv")
    lex.cached_features("Generator", "", "en")
    assert lex.cached_features("Brandbil", "", "sv") is kept
    lex.cached_features("Skolbänkar", "", "sv")  # a third text: the cache starts again
    assert lex.cached_features("Brandbil", "", "sv") is not kept


@given(st.text(alphabet=st.sampled_from("aåö zЖжї'’ʼ-_.,\t\n2²Ⅻ\u0301\u00a0ǅ"), max_size=40) | st.text(max_size=40))
def test_tokens_are_those_of_the_token_pattern(text: str) -> None:
    from vanort.matching.text import _TOKEN_RE, normalise, tokens

    assert tokens(text) == _TOKEN_RE.findall(normalise(text))


_ODD = "aåö zЖжїİ'’ʼ-.,\t\n2\u0301\u00a0\u2000"  # letters, apostrophes, marks, odd white space
_WORDS = [
    *("Brandbil", "släckbil", "reservkraftverk", "Генератор", "Volvo", "kommunen", "behov", "2024"),
    *("fire engine", "engine fire", "fire", "truck", "пожежний автомобіль", "пожежна", "машина"),
    *("водоочисного обладнання", "water purification plant", "purification", "очищення води"),
]


@given(
    st.lists(
        st.sampled_from(_WORDS)
        | st.text(alphabet=st.sampled_from("aåö zЖжїİ'’ʼ-.,\t\n2\u0301\u00a0\u2000"), max_size=9),
        max_size=12,
    ),
    st.sampled_from(["sv", "en", "uk"]),
)
def test_ranking_features_are_those_found_with_their_surfaces(words: list[str], language: str) -> None:
    """The ranking's path (pieces of text looked up whole) finds the same features in the same order."""
    lex = default_lexicon()
    text = " ".join(words)
    fast = lex.features(text[:20], text, language).weights
    slow = lex.features(text[:20], text, language, with_surfaces=True).weights
    assert list(fast.items()) == list(slow.items())


def test_the_piece_cache_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from vanort.matching import lexicon

    lex = lexicon.Lexicon(default_lexicon().concepts.values())
    monkeypatch.setattr(lexicon, "PIECE_CACHE_SIZE", 3)
    first = lex.features("", "brandbil till skolan", "sv").weights
    assert lex.features("", "ny brandbil och reservkraftverk", "sv").weights.keys() >= {"fire_engine", "generator"}
    assert set(lex._pieces["sv"]) == {"ny", "brandbil", "och", "reservkraftverk"}  # the first text's are gone
    assert lex.features("", "brandbil till skolan", "sv").weights == first
