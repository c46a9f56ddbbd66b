"""The search index under concurrent writers (issue 8, load test): the server refreshes in a
thread of its own, writes arriving during a refresh are taken together, and a transaction that
commits after a newer one is still indexed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from vanort.search import index


@pytest.fixture
def refresher(monkeypatch: Any) -> Iterator[index.Background]:
    """A server refresher of this test's own, in place of the process's."""
    background = index.Background()
    background.enabled = True
    monkeypatch.setattr(index, "_background", background)
    yield background
    background.stop(10)


def test_writes_that_arrive_during_a_refresh_are_taken_together_in_the_next(refresher, monkeypatch):
    calls: list[set[str]] = []
    first_started, release = threading.Event(), threading.Event()

    def slow_refresh(kinds):
        calls.append(set(kinds))
        first_started.set()
        release.wait(5)

    monkeypatch.setattr(index, "refresh", slow_refresh)
    refresher.submit({"place"})
    assert first_started.wait(5)
    refresher.submit({"motion"})
    refresher.submit({"partnership", "motion"})
    release.set()
    assert refresher.wait_idle(5)
    assert calls == [{"place"}, {"motion", "partnership"}]


def test_a_failed_background_refresh_is_logged_and_the_next_one_runs(refresher, monkeypatch, caplog):
    calls: list[set[str]] = []

    def failing_once(kinds):
        calls.append(set(kinds))
        if len(calls) == 1:
            raise RuntimeError("database went away")

    monkeypatch.setattr(index, "refresh", failing_once)
    refresher.submit({"place"})
    assert refresher.wait_idle(5)
    refresher.submit({"activity"})
    assert refresher.wait_idle(5)
    assert calls == [{"place"}, {"activity"}]
    assert "search index refresh failed for ['place']" in caplog.text


def test_a_commit_hands_its_kinds_to_the_server_refresher_instead_of_refreshing(refresher, monkeypatch, place_factory):
    from django.db import transaction

    handed: list[set[str]] = []
    monkeypatch.setattr(refresher, "submit", lambda kinds: handed.append(set(kinds)))
    monkeypatch.setattr(index, "refresh", lambda kinds=None: pytest.fail("the request refreshed"))
    with transaction.atomic():
        place_factory(name="Kuopio")
    # the test's own transaction never commits: run what a commit would run
    pending = index._Pending()
    pending.kinds.add("place")
    pending()
    assert handed == [{"place"}]


@pytest.mark.django_db(transaction=True)
def test_serving_catches_up_with_writes_no_refresh_saw(reference_data, refresher):
    from vanort.registry import services
    from vanort.search.models import SearchDocument

    refresher.enabled = False
    with index.paused():  # as if a process stopped before its refresher ran
        place = services.place_upsert(kind="city", country_code="FI", name="Joensuu")
    assert not SearchDocument.objects.filter(kind="place", object_id=place.pk).exists()
    index.refresh_in_background()
    assert SearchDocument.objects.filter(kind="place", object_id=place.pk).exists()
    assert refresher.enabled


def _server_database() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("threads need separate connections to a server database")


@pytest.mark.django_db(transaction=True)
def test_a_committed_edit_reaches_the_index_through_the_server_refresher(reference_data, admin_user, refresher):
    from django.db import connections

    from vanort.registry import services
    from vanort.search.models import SearchDocument

    _server_database()
    place = services.place_upsert(kind="city", country_code="FI", name="Lappeenranta")
    assert refresher.wait_idle(10)
    services.place_update(user=admin_user, place=place, expected_version=place.version, name="Villmanstrand")
    assert refresher.wait_idle(10)
    assert SearchDocument.objects.get(kind="place", object_id=place.pk).title == "Villmanstrand"
    connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_an_edit_committed_after_a_newer_one_is_still_indexed(reference_data, admin_user):
    """A's edit is older than B's but commits later: the refresh after B's commit saw B's time
    as the newest, and the refresh after A's commit must still find A (PostgreSQL: the stamp's
    floor is the start of the transaction that was still open)."""
    from django.db import connections, transaction

    from vanort.registry import services
    from vanort.search.models import SearchDocument

    _server_database()
    a = services.place_upsert(kind="city", country_code="FI", name="Kajaani")
    b = services.place_upsert(kind="city", country_code="FI", name="Kokkola")
    edited, committed_b = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def edit_a_and_commit_late() -> None:
        try:
            with transaction.atomic():
                services.place_update(user=admin_user, place=a, expected_version=a.version, name="Kajana")
                edited.set()
                assert committed_b.wait(10)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    writer = threading.Thread(target=edit_a_and_commit_late)
    writer.start()
    assert edited.wait(10)
    services.place_update(user=admin_user, place=b, expected_version=b.version, name="Gamlakarleby")
    committed_b.set()
    writer.join(20)
    assert errors == []
    titles = dict(
        SearchDocument.objects.filter(kind="place", object_id__in=[a.pk, b.pk]).values_list("object_id", "title")
    )
    assert titles == {a.pk: "Kajana", b.pk: "Gamlakarleby"}


def test_a_refresh_in_another_language_describes_records_in_swedish(place_factory):
    from django.utils import translation

    from vanort.search.models import SearchDocument

    place = place_factory(name="Kuopio", kind="kommun")
    with translation.override("en"):
        index.rebuild()
    assert SearchDocument.objects.get(kind="place", object_id=place.pk).snippet == "Kommun, Finland"
