import pytest

from vanort.registry.demo import load_demo
from vanort.registry.models import Activity, Country, NationalFigure, Partnership, Place, Source
from vanort.registry.reference import reference_load

pytestmark = pytest.mark.django_db


def test_reference_data_has_all_kommuner_regions_and_oblasts(reference_data):
    assert Place.objects.filter(country_id="SE", kind="kommun").count() == 290
    assert Place.objects.filter(country_id="SE", kind="region").count() == 21
    assert Place.objects.filter(country_id="UA", kind="oblast").count() == 27
    assert Place.objects.get(country_id="SE", kind="kommun", code="0126").parent.code == "01"
    assert Country.objects.get(code="GL").name_sv == "Grönland"


def test_reference_load_is_idempotent(reference_data):
    before = (Place.objects.count(), Country.objects.count())
    reference_load()
    assert (Place.objects.count(), Country.objects.count()) == before


def _snapshot():
    counts = tuple(m.objects.count() for m in (Place, Partnership, Activity, Source, NationalFigure))
    return (*counts, tuple(Partnership.objects.values_list("version", flat=True).order_by("pk")))


def test_demo_is_idempotent(demo):
    before = _snapshot()
    load_demo()
    assert _snapshot() == before


def test_demo_holds_the_seed_partnerships(demo):
    rows = {
        (p.place_b.name if p.place_a.code == "0126" else p.place_a.name): (p.kind, str(p.start), p.end_reason)
        for p in Partnership.objects.select_related("place_a", "place_b")
    }
    assert rows == {
        "Vanda": ("twin_town", "194X", ""),
        "Askim": ("twin_town", "194X", "left"),
        "Lyngby-Taarbæk": ("twin_town", "194X", "left"),
        "Seyðisfjörður": ("friendship_town", "1985", "left"),
        "Nuuk": ("twin_town", "1989", "left"),
    }


def test_every_demo_fact_cites_the_seed(demo):
    for model in (Partnership, Activity):
        assert all(o.source and "2023-10-04" in o.source.title for o in model.objects.select_related("source"))
    trostyanets = Place.objects.get(name="Trostyanets")
    assert (trostyanets.country_id, trostyanets.parent.code) == ("UA", "UA-59")
    assert {n.name for n in trostyanets.names.all()} >= {"Тростянець", "Trostianets"}


def test_national_figures_from_the_seed(demo):
    figures = {(f.year, f.metric): int(f.value) for f in NationalFigure.objects.all()}
    assert figures[(2007, "municipalities_with_twin_towns")] == 272
    assert figures[(2011, "municipalities_with_twin_towns")] == 243
    assert figures[(2018, "municipalities_with_twin_towns_or_partnerships")] == 146
    assert (figures[(2018, "share_active")], figures[(2018, "share_sporadic")], figures[(2018, "share_dormant")]) == (
        36,
        28,
        32,
    )
