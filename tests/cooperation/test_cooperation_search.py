"""Site search over needs and offers: published ones are found, with their pages' URLs."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vanort.cooperation import services

pytestmark = pytest.mark.django_db


def _results(**params: str) -> list[dict[str, Any]]:
    response = Client().get("/api/search", params)
    assert response.status_code == 200, response.content
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def test_search_finds_a_published_offer_with_its_url(offer_factory: Any) -> None:
    offer = offer_factory()
    hits = _results(q="brandbil", type="offer")
    assert [(h["type"], h["url"]) for h in hits] == [("offer", reverse("web:offer_detail", args=[offer.pk]))]


def test_search_finds_a_ukrainian_need_by_its_swedish_key_term(need_factory: Any) -> None:
    need = need_factory()
    hits = _results(q="brandbil", type="need")
    assert [h["url"] for h in hits] == [reverse("web:need_detail", args=[need.pk])]


def test_withdrawn_offer_is_not_found(offer_factory: Any, case_officer: Any) -> None:
    offer = offer_factory()
    services.offer_withdraw(user=case_officer, offer=offer, expected_version=offer.version)
    assert not [h for h in _results(q="brandbil") if h["type"] == "offer"]
