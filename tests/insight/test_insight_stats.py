"""Statistics: the survey series as sourced data, the register beside it, SVG charts with tables and CSV."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from vanort.cli import main
from vanort.insight import charts
from vanort.insight.surveys import survey_figures


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_survey_file_holds_the_seed_figures_with_sources():
    figures = {(f.year, f.measure): f.value for f in survey_figures()}
    assert figures[(2007, "municipalities_with_twin_towns")] == 272
    assert figures[(2011, "municipalities_with_twin_towns")] == 243
    assert figures[(2018, "municipalities_with_twin_towns_or_partnerships")] == 146
    assert [figures[(2018, f"share_{s}")] for s in ("active", "sporadic", "dormant")] == [36, 28, 32]
    assert [figures[(2018, f"area_rank_{a}")] for a in ("culture", "education", "business")] == [1, 2, 3]
    assert all(f.source and f.locator for f in survey_figures())


def test_stats_json_has_surveys_and_register_measures(capsys, demo):
    code, out, _ = run(capsys, "stats", "--json")
    data = json.loads(out)
    assert code == 0
    assert {tuple(sorted(s)) for s in data["surveys"]} == {("measure", "source", "unit", "value", "year")}
    assert {"year": 2007, "measure": "municipalities_with_twin_towns", "value": 272}.items() <= data["surveys"][
        0
    ].items()
    register = {m["measure"]: m["value"] for m in data["register"]["measures"]}
    assert data["register"]["as_of"] == data["as_of"]
    # Huddinge: Vanda remains (active), the four others have left.
    assert register["municipalities_with_twin_towns_or_partnerships"] == 1
    assert register["share_active"] == 100


def test_register_shares_count_only_partnerships_that_have_not_ended(capsys, partnership_factory):
    partnership_factory()  # no activity: dormant
    partnership_factory(end_reason="left")  # ended
    _, out, _ = run(capsys, "stats", "--json")
    register = {m["measure"]: m["value"] for m in json.loads(out)["register"]["measures"]}
    assert (register["share_dormant"], register["share_active"]) == (100, 0)


def test_stats_page_shows_survey_and_register_with_charts_and_tables(client, demo):
    response = client.get("/statistik/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "272" in html
    assert "243" in html
    assert "146" in html
    assert html.count("<svg") == html.count("<details>") >= 4  # every chart has its table
    assert 'role="img"' in html
    assert "<script" not in html.split("<main", 1)[1]
    assert "/statistik/karta.csv" in html


def test_stats_page_has_bounded_queries(client, demo, django_assert_max_num_queries):
    # six charts, the register's counts and the survey's, and the register version of each cached figure
    with django_assert_max_num_queries(18):
        assert client.get("/statistik/").status_code == 200


def test_map_marks_each_partner_country_and_fills_home(client, demo):
    html = client.get("/statistik/?ort=0126").content.decode()
    svg = html[html.index('id="karta-title"') :]
    svg = svg[: svg.index("</svg>")]
    assert svg.count("<circle") == 5  # FI, NO, DK, IS, GL
    assert 'fill="#1f5f8b"' in svg


def test_chart_csv_has_the_chart_numbers(client, demo):
    response = client.get("/statistik/karta.csv?ort=0126")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert ["Finland", "FI", "Vanda"] in rows


def test_unknown_chart_csv_is_404(client, db):
    assert client.get("/statistik/nej.csv").status_code == 404


@pytest.mark.parametrize(("ort", "status"), [("\x00", 400), ("x" * 60000, 200), ("9999", 200)])
def test_bad_map_place_does_not_break_the_page(client, reference_data, ort, status):
    """An unknown place shows the page without a map; a NUL character is a clear 400, never a 500."""
    assert client.get("/statistik/", {"ort": ort}).status_code == status


def test_charts_scale_to_their_container():
    chart = charts.bar_chart("x", "T <&>", [("a" * 50, 3), ("b", 1)], columns=("k", "v"))
    assert re.search(r'<svg[^>]+width="100%"[^>]+viewBox|viewBox[^>]+width="100%"', chart.svg)
    assert "T &lt;&amp;&gt;" in chart.svg
    assert "<&>" not in chart.svg


def test_ukraine_series_counts_started_and_running(partnership_factory, place_factory, client):
    partnership_factory(b=place_factory(country="UA", kind="hromada"), start="2022")
    partnership_factory(b=place_factory(country="UA", kind="hromada"), start="2023", end_reason="left")
    rows = list(csv.reader(io.StringIO(client.get("/statistik/ukraina.csv").content.decode())))
    by_year = {r[0]: r[1:] for r in rows[1:]}
    assert by_year["2022"] == ["1", "1"]
    assert by_year["2023"] == ["1", "2"]
    assert by_year["2024"] == ["0", "1"]


def test_stats_page_seen_again_reads_its_figures_from_the_cache(client, demo, django_assert_max_num_queries):
    client.get("/statistik/")
    with django_assert_max_num_queries(8):  # version stamps, the sectors, the map's place and the kommun menu
        assert client.get("/statistik/").status_code == 200


def test_stats_change_as_soon_as_the_register_changes(partnership_factory, admin_user, huddinge):
    from vanort.insight.selectors import statistics
    from vanort.registry import services

    p = partnership_factory()
    assert statistics()["partnerships_by_status"]["dormant"] == 1
    services.partnership_update(user=admin_user, partnership=p, expected_version=p.version, end_reason="left")
    assert statistics()["partnerships_by_status"] == {"active": 0, "sporadic": 0, "dormant": 0, "ended": 1}
