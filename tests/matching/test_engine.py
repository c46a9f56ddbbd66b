"""Scoring of the matching engine: sector, form, text across languages, quantity, urgency,
availability, legal filter, pruning and workers (pure Python, no database)."""

from __future__ import annotations

from datetime import date
from types import ModuleType

import pytest

from vanort.matching import MatchResult, NeedInput, OfferInput, engine, rank_matches

TODAY = date(2026, 12, 1)


def need(**kw: object) -> NeedInput:
    base = {
        "id": "n1",
        "place": "Trostianets",
        "country": "UA",
        "sector": "emergency",
        "form": "equipment",
        "title": "Пожежний автомобіль",
        "description": "Громаді потрібна пожежна машина",
        "language": "uk",
    }
    base.update(kw)
    return NeedInput(**base)  # type: ignore[arg-type]


def offer(id: str, **kw: object) -> OfferInput:
    base = {
        "id": id,
        "municipality_code": "0126",
        "sector": "emergency",
        "form": "equipment",
        "title": "Brandbil",
        "description": "Avställd släckbil i gott skick",
    }
    base.update(kw)
    return OfferInput(**base)  # type: ignore[arg-type]


def ranked(needs: list[NeedInput], offers: list[OfferInput], **kw: object) -> list[str]:
    return [r.offer_id for r in rank_matches(needs, offers, today=TODAY, **kw)]  # type: ignore[arg-type]


DISTRACTOR = {"title": "Skolbänkar", "description": "Elevbänkar och stolar från en skola"}


@pytest.mark.parametrize(
    ("need_kw", "better", "worse", "why"),
    [
        ({}, {}, {"sector": "energy"}, "same sector beats a distant sector"),
        ({}, {"sector": "health"}, {"sector": "education"}, "neighbouring sector beats a distant one"),
        ({}, {}, {"form": "advice"}, "same form beats another form"),
        ({}, {"form": "other_in_kind"}, {"form": "advice"}, "compatible form beats an unrelated one"),
        ({}, {}, DISTRACTOR, "shared concept beats an unrelated text in the same sector"),
        ({"quantity": 2}, {"quantity": 2}, {"quantity": 1}, "an offer that covers the quantity ranks higher"),
        ({"urgency": "critical"}, {"spare": True}, {"spare": False}, "urgent needs prefer spare equipment"),
        (
            {"deadline": date(2027, 6, 1)},
            {"available_until": date(2027, 12, 31)},
            {"available_until": date(2027, 1, 31)},
            "an offer lasting until the deadline ranks higher",
        ),
    ],
)
def test_scoring_prefers(
    need_kw: dict[str, object], better: dict[str, object], worse: dict[str, object], why: str
) -> None:
    results = rank_matches([need(**need_kw)], [offer("worse", **worse), offer("better", **better)], today=TODAY)
    assert [r.offer_id for r in results] == ["better", "worse"], why
    assert results[0].score > results[1].score


@pytest.mark.parametrize(
    ("language", "title", "description", "offer_title", "offer_description", "concept"),
    [
        ("uk", "Пожежні автомобілі", "Потрібні дві пожежні машини", "Brandbilar", "Två släckbilar", "fire_engine"),
        ("en", "Fire engines", "Two fire trucks for the rescue service", "Brandbil", "Räddningsfordon", "fire_engine"),
        (
            "uk",
            "Генератори",
            "Потрібен дизельний генератор для лікарні",
            "Reservkraftverk",
            "Elverk 100 kVA",
            "generator",
        ),
        ("en", "Backup generator", "Power for the hospital", "Reservkraftaggregat", "Diesel", "generator"),
        (
            "uk",
            "Очищення води",
            "Станція водоочищення",
            "Vattenreningsverk",
            "Mobilt reningsverk",
            "water_purification",
        ),
        ("en", "School furniture", "Desks for classrooms", "Skolmöbler", "Elevbänkar", "school_furniture"),
        ("uk", "Ноутбуки для учнів", "Школа потребує ноутбуків", "Bärbara datorer", "Laptops", "laptop"),
        ("en", "Training for teachers", "Courses for educators", "Lärarfortbildning", "Kurs för lärare", "teacher"),
        ("uk", "Машина швидкої допомоги", "Реанімобіль для лікарні", "Ambulanser", "Ambulansbil", "ambulance"),
    ],
)
def test_text_matches_across_languages(
    language: str, title: str, description: str, offer_title: str, offer_description: str, concept: str
) -> None:
    n = need(language=language, title=title, description=description, sector="planning", form="advice")
    hit = offer("hit", title=offer_title, description=offer_description, sector="culture", form="financial")
    miss = offer("miss", title="Musikinstrument", description="Piano och gitarrer", sector="culture", form="financial")
    results = rank_matches([n], [miss, hit], today=TODAY)
    assert results[0].offer_id == "hit"
    assert concept in results[0].shared_terms


def test_ambulance_filed_under_emergency_finds_health_offer_by_text() -> None:
    n = need(title="Автомобіль швидкої допомоги", description="Для доставки поранених до лікарні", sector="emergency")
    offers = [
        offer("amb", sector="health", title="Ambulans Mercedes", description="Utrangerad ambulans med bår"),
        offer("hose", title="Brandslangar", description="Slangar och strålrör"),
        offer("suits", title="Skyddskläder", description="Insatsställ för brandmän"),
    ]
    results = rank_matches([n], offers, today=TODAY)
    assert results[0].offer_id == "amb"
    assert any(r.code == "neighbour_sector" for r in results[0].reasons)


def test_expired_offer_is_never_proposed() -> None:
    assert ranked([need()], [offer("old", available_until=date(2026, 11, 30)), offer("ok")]) == ["ok"]


def test_offer_ending_before_deadline_says_so() -> None:
    results = rank_matches(
        [need(deadline=date(2027, 6, 1))], [offer("o", available_until=date(2027, 1, 1))], today=TODAY
    )
    assert [r.code for r in results[0].reasons if r.code.startswith("available")] == ["available_before_deadline"]


def test_top_k_and_ranks() -> None:
    offers = [offer(f"o{i}", quantity=i + 1) for i in range(8)]
    results = rank_matches([need(quantity=5)], offers, top_k=3, today=TODAY)
    assert [r.rank for r in results] == [1, 2, 3]
    assert all(isinstance(r, MatchResult) and 0.0 <= r.score <= 1.0 for r in results)
    assert results[0].score >= results[1].score >= results[2].score


def test_legal_check_filters_not_permitted_and_keeps_the_outcome() -> None:
    offers = [offer("cash", form="financial"), offer("truck"), offer("hoses", title="Brandslangar")]

    def legal(n: NeedInput, o: OfferInput) -> str | None:
        return "not_permitted" if o.form == "financial" else "permitted_with_conditions"

    results = rank_matches([need()], offers, today=TODAY, legal_check=legal)
    assert "cash" not in [r.offer_id for r in results]
    assert [r.rank for r in results] == [1, 2]
    assert {r.legal_outcome for r in results} == {"permitted_with_conditions"}
    assert results[0].reasons[-1].code == "legal_outcome"


def test_legal_check_filtering_refills_top_k() -> None:
    offers = [offer(f"bad{i}") for i in range(10)] + [offer(f"good{i}", title="Brandslangar") for i in range(3)]

    def legal(n: NeedInput, o: OfferInput) -> str | None:
        return "not_permitted_without_government_permission" if o.id.startswith("bad") else "permitted"

    results = rank_matches([need()], offers, top_k=3, today=TODAY, legal_check=legal)
    assert sorted(r.offer_id for r in results) == ["good0", "good1", "good2"]


def test_need_without_text_overlap_still_gets_same_sector_offers() -> None:
    n = need(title="Дрони", description="Квадрокоптери", language="uk", sector="digital")
    results = rank_matches([n], [offer("a", sector="digital"), offer("b", sector="culture")], today=TODAY)
    assert [r.offer_id for r in results] == ["a"]


@pytest.mark.parametrize("needs_count", [0, 1])
def test_empty_inputs(needs_count: int) -> None:
    calls: list[tuple[int, int]] = []
    needs = [need()][:needs_count]
    assert rank_matches(needs, [], today=TODAY, progress=lambda d, t: calls.append((d, t))) == []
    assert calls == [(needs_count, needs_count)]


def test_progress_reaches_total() -> None:
    calls: list[tuple[int, int]] = []
    needs = [need(id=f"n{i}") for i in range(engine.BLOCK + 3)]
    rank_matches(needs, [offer("o")], today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (len(needs), len(needs))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_results_are_deterministic_and_in_need_order() -> None:
    needs = [need(id="b"), need(id="a", title="Генератор", description="")]
    offers = [offer(f"o{i}") for i in range(5)] + [offer("gen", sector="energy", title="Elverk")]
    first = rank_matches(needs, offers, today=TODAY)
    assert first == rank_matches(needs, offers, today=TODAY)
    assert next(r.need_id for r in first) == "b"
    assert [r.need_id for r in first][-1] == "a"


def _labelled() -> tuple[list[NeedInput], list[OfferInput]]:
    from pathlib import Path

    from vanort.matching.cli import read_needs, read_offers

    data = Path(__file__).parent / "data"
    return read_needs(str(data / "needs.csv")), read_offers(str(data / "offers.csv"))


def test_pruning_of_common_features_keeps_the_top_results(monkeypatch: pytest.MonkeyPatch) -> None:
    needs, offers = _labelled()
    full = rank_matches(needs, offers, top_k=5, today=TODAY)
    monkeypatch.setattr(engine, "BROAD_MIN_OFFERS", 1)
    monkeypatch.setattr(engine, "BROAD_SHARE", 0.02)
    pruned = rank_matches(needs, offers, top_k=5, today=TODAY)
    firsts = {r.need_id: r.offer_id for r in full if r.rank == 1}
    assert {r.need_id: r.offer_id for r in pruned if r.rank == 1} == firsts


def test_two_workers_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    needs, offers = _labelled()
    monkeypatch.setattr(engine, "BLOCK", 8)

    def legal(n: NeedInput, o: OfferInput) -> str | None:
        return "not_permitted" if o.form == "financial" else "permitted"

    single = rank_matches(needs, offers, today=TODAY, legal_check=legal)
    monkeypatch.setattr(engine, "PARALLEL_MIN_PAIRS", 1)
    assert rank_matches(needs, offers, today=TODAY, legal_check=legal, workers=2) == single


def test_block_selection_equals_per_need_selection() -> None:
    needs, offers = _labelled()
    fast = rank_matches(needs, offers, today=TODAY)  # one sort per block of needs
    slow = rank_matches(needs, offers, today=TODAY, legal_check=lambda n, o: None)  # per need, asks the check
    assert fast == slow


def test_equal_scores_rank_in_offer_order() -> None:
    offers = [offer(f"o{i}") for i in (3, 1, 4, 0, 2)]
    assert ranked([need()], offers, top_k=5) == ["o3", "o1", "o4", "o0", "o2"]


@pytest.mark.parametrize("enabled_before", [True, False])
def test_garbage_collector_is_left_as_it_was(enabled_before: bool) -> None:
    import gc

    seen: list[bool] = []
    (gc.enable if enabled_before else gc.disable)()
    try:
        rank_matches([need()], [offer("o")], today=TODAY, progress=lambda d, t: seen.append(gc.isenabled()))
        assert (seen, gc.isenabled()) == ([False], enabled_before)
    finally:
        gc.enable()


@pytest.mark.parametrize("legal", [False, True])
def test_dropping_candidates_on_a_score_bound_changes_no_result(legal: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    needs, offers = _labelled()
    check = (lambda n, o: "not_permitted" if o.form == "financial" else None) if legal else None
    bounded = rank_matches(needs, offers, top_k=40, today=TODAY, legal_check=check)  # many fall back to all
    monkeypatch.setattr(engine, "_REST_HIGH", 10.0)  # no candidate can be dropped
    assert rank_matches(needs, offers, top_k=40, today=TODAY, legal_check=check) == bounded


def test_negative_quantities_keep_every_candidate() -> None:
    offers = [offer("far", quantity=-5, title="Skolbänkar", description=""), offer("near")]
    assert ranked([need(quantity=3)], offers) == ["near", "far"]


def test_results_leave_the_run_in_the_oldest_generation() -> None:
    import gc

    results = rank_matches([need()], [offer("o")], today=TODAY)
    young = {id(o) for o in gc.get_objects(generation=0)} | {id(o) for o in gc.get_objects(generation=1)}
    assert id(results[0]) not in young
    assert id(results[0]) in {id(o) for o in gc.get_objects(generation=2)}


def test_objects_someone_else_froze_stay_frozen() -> None:
    import gc

    marker: list[object] = [[]]
    gc.freeze()
    try:
        rank_matches([need()], [offer("o")], today=TODAY)
        assert all(o is not marker for o in gc.get_objects())  # still in the permanent generation
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("top_k", [1, 3, 10])
def test_scoring_only_the_candidates_that_can_be_chosen_changes_no_result(
    top_k: int, monkeypatch: pytest.MonkeyPatch, bench_match: ModuleType
) -> None:
    needs, offers = bench_match.generate(600, 900, seed=top_k)
    bounded = rank_matches(needs, offers, top_k=top_k, today=TODAY)
    shown = {r.need_id for r in bounded}
    calls: list[int] = []
    monkeypatch.setattr(engine, "_top_by_bound", lambda *args: calls.append(1) or ({}, {}))  # every need from all
    assert rank_matches(needs, offers, top_k=top_k, today=TODAY) == bounded
    assert calls
    assert len(shown) == len(needs)


def test_bound_path_takes_most_needs(monkeypatch: pytest.MonkeyPatch, bench_match: ModuleType) -> None:
    needs, offers = bench_match.generate(600, 900, seed=5)
    chosen: list[int] = []
    real = engine._top_by_bound

    def counted(*args: object) -> object:
        ready, spread = found = real(*args)  # type: ignore[arg-type]
        chosen.append(len(ready) + len(spread))
        return found

    monkeypatch.setattr(engine, "_top_by_bound", counted)
    rank_matches(needs, offers, top_k=10, today=TODAY)
    assert sum(chosen) > 0.8 * len(needs)


def test_shown_scores_are_those_of_round() -> None:
    import numpy as np

    steps = np.concatenate([np.arange(-300, 120_000), np.arange(990_000, 1_000_002)])
    expected = [round(int(s) / 1_000_000, 4) for s in steps]
    assert [repr(x) for x in engine._shown_scores(steps)] == [repr(x) for x in expected]
