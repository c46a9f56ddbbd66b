"""Open data: /data/<name>.<format> has exactly the columns and keys of `vanort export`."""

from __future__ import annotations

import csv
import io
import json

import pytest

from vanort.cli import main


def body(response):
    return b"".join(response.streaming_content).decode()


def cli(capsys, *argv):
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", ["places", "partnerships", "activities", "motions"])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_download_equals_cli_export(client, demo, capsys, name, fmt):
    from vanort.motions.demo import load_demo as load_motions

    load_motions()
    params = {} if name == "places" else {"place": "0126"}
    response = client.get(f"/data/{name}.{fmt}", params)
    argv = ["export", name, "--format", fmt] + ([] if name == "places" else ["--place", "0126"])
    expected = cli(capsys, *argv)
    assert response.status_code == 200
    assert response.streaming
    if fmt == "json":
        assert json.loads(body(response)) == json.loads(expected) != []
    else:
        assert body(response) == expected


def test_csv_header_is_the_contract(client, reference_data):
    header = body(client.get("/data/places.csv", {"country": "SE"})).splitlines()[0]
    assert header == "code,name,kind,county_code"


def test_partnership_keys_are_the_contract(client, demo):
    rows = json.loads(body(client.get("/data/partnerships.json", {"place": "0126", "country": "is"})))
    assert [r["b"] for r in rows] == ["Seyðisfjörður"]
    assert set(rows[0]) == {
        "a",
        "b",
        "a_code",
        "b_code",
        "b_country",
        "kind",
        "start",
        "end",
        "status",
        "areas",
        "source",
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"place": "9999"}, "place"),
        ({"place": "\x00"}, "place"),
        ({"country": "S" * 60000}, "country"),
    ],
)
def test_bad_filter_is_400_with_a_clear_message(client, reference_data, params, field):
    response = client.get("/data/partnerships.csv", params)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["message"]


def test_unknown_dataset_is_404(client, db):
    assert client.get("/data/users.csv").status_code == 404


def test_streams_many_rows_in_chunks(client, partnership_factory, huddinge):
    for _ in range(3):
        partnership_factory()
    from vanort.insight import opendata

    chunks = list(opendata.csv_chunks(({"a": i} for i in range(1200)), ["a"]))
    assert len(chunks) == 3
    assert "".join(chunks).count("\n") == 1201
    rows = list(csv.DictReader(io.StringIO(body(client.get("/data/partnerships.csv")))))
    assert len(rows) == 3


def test_data_page_lists_datasets_with_licence_count_and_update_time(client, demo):
    html = client.get("/data/").content.decode()
    assert "CC0 1.0" in html
    assert "creativecommons.org/publicdomain/zero/1.0" in html
    assert "/data/partnerships.csv" in html
    assert "/data/motions.json" in html
    assert "<td>5</td>" in html  # five partnerships
    assert "<time datetime=" in html


def test_licence_is_a_setting(client, reference_data, settings):
    settings.VANORT_OPEN_DATA_LICENCE = "CC BY 4.0"
    assert "CC BY 4.0" in client.get("/data/").content.decode()


@pytest.mark.parametrize("url", ["/orter/", "/partnerskap/", "/aktiviteter/", "/motioner/"])
def test_every_public_list_page_links_its_download(client, demo, url):
    html = client.get(url, {"country": "FI"}).content.decode()
    assert "/data/" in html
    assert ".csv" in html


def test_partnership_export_rows_agree_with_the_partnership_list(demo, django_assert_max_num_queries):
    """The chunked export says what the register's pages say: names, codes, status, areas, source."""
    from vanort.registry import selectors
    from vanort.registry.export import partnership_rows

    huddinge = selectors.place_by_code("0126")
    listed = list(selectors.partnership_list(selectors.PartnershipFilters(place=huddinge)).select_related("source"))
    with django_assert_max_num_queries(6):
        rows = list(partnership_rows(place=huddinge))
    assert (
        [(r["a"], r["b"], r["status"], r["areas"], r["source"]) for r in rows]
        == [
            (
                "Huddinge",
                p.other(huddinge.pk).name,
                p.effective_status,
                [s.code for s in p.areas.all()],
                str(p.source) if p.source_id else None,
            )
            for p in listed
        ]
        != []
    )


def test_partnership_areas_stay_with_their_rows_across_chunks(partnership_factory, huddinge, monkeypatch):
    """The areas come as a row each in the partnerships' query (issue 11), gathered per partnership
    as the rows stream: with one start, with none, with several areas or none, each keeps its own."""
    from vanort.registry import export, selectors

    monkeypatch.setattr(export, "EXPORT_CHUNK", 2)
    areas = [["water", "culture"], [], ["energy"], ["social", "water", "health"], [], ["digital"]]
    for i, codes in enumerate(areas):
        partnership_factory(start=[None, "1990", "1990", "194X", None, "2001-05"][i], areas=codes)
    listed = selectors.partnership_list(selectors.PartnershipFilters(place=huddinge))
    expected = [(p.other(huddinge.pk).name, [s.code for s in p.areas.all()]) for p in listed]
    assert sorted(codes for _name, codes in expected) != sorted(areas)  # in the sectors' order, not as given
    assert [(r["b"], r["areas"]) for r in export.partnership_rows(place=huddinge)] == expected
    assert [(r["b"], r["areas"]) for r in export.partnership_rows()] == expected
