import pytest

from vanort.registry import selectors
from vanort.registry.models import Place

pytestmark = pytest.mark.django_db


def _names(qs):
    return sorted({p.place_b.name if p.place_a.code == "0126" else p.place_a.name for p in qs})


def test_filters_by_partner_country(demo, huddinge):
    qs = selectors.partnership_list(selectors.PartnershipFilters(place=huddinge, country="FI"))
    assert _names(qs) == ["Vanda"]


def test_filters_by_status_and_kind(demo, huddinge):
    ended = selectors.partnership_list(selectors.PartnershipFilters(place=huddinge, status="ended"))
    friendship = selectors.partnership_list(selectors.PartnershipFilters(kind="friendship_town"))
    assert _names(ended) == ["Askim", "Lyngby-Taarbæk", "Nuuk", "Seyðisfjörður"]
    assert _names(friendship) == ["Seyðisfjörður"]


def test_search_finds_places_by_other_spellings(demo):
    qs = selectors.partnership_list(selectors.PartnershipFilters(q="vantaa"))
    assert _names(qs) == ["Vanda"]
    assert selectors.place_list(q="seydisfjordur").get().name == "Seyðisfjörður"


def test_filter_by_area(partnership_factory):
    partnership_factory(areas=["culture"])
    partnership_factory(areas=["water"])
    qs = selectors.partnership_list(selectors.PartnershipFilters(area="water"))
    assert [list(p.areas.values_list("code", flat=True)) for p in qs] == [["water"]]


def test_place_by_code_prefers_kommun(reference_data):
    assert selectors.place_by_code("0126").name == "Huddinge"
    assert selectors.place_by_code("01").kind == "region"
    with pytest.raises(Place.DoesNotExist):
        selectors.place_by_code("9999")


def test_register_stats_counts_by_status(demo):
    stats = selectors.register_stats()
    assert stats["partnerships_by_status"] == {"active": 1, "sporadic": 0, "dormant": 0, "ended": 4}
    assert stats["swedish_municipalities_with_partnerships"] == 1


def test_place_status_counts_agree_with_the_sql_status_rule(demo, huddinge):
    """The place page counts with the pure rule; the statistics group with the SQL expression."""
    from django.db.models import Count, Q

    grouped = (
        selectors.partnerships_with_status()
        .filter(Q(place_a=huddinge) | Q(place_b=huddinge))
        .values("effective_status")
        .annotate(n=Count("id"))
        .order_by()
    )
    expected = {"active": 0, "sporadic": 0, "dormant": 0, "ended": 0} | {
        row["effective_status"]: row["n"] for row in grouped
    }
    assert sum(expected.values()) >= 3
    assert selectors.status_counts_of_place(huddinge) == expected
    assert selectors.status_counts(selectors.partnerships_of_place(huddinge)) == expected
