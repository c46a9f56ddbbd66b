"""Need and offer pages are read-only: a POST there is refused (405), not answered as a read."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_posting_to_a_need_page_is_refused(client, need_factory, case_officer):
    need = need_factory()
    client.force_login(case_officer)
    assert client.get(reverse("web:need_detail", args=[need.pk])).status_code == 200
    assert client.post(reverse("web:need_detail", args=[need.pk])).status_code == 405


def test_posting_to_an_offer_page_is_refused(client, offer_factory, case_officer):
    offer = offer_factory()
    client.force_login(case_officer)
    assert client.get(reverse("web:offer_detail", args=[offer.pk])).status_code == 200
    assert client.post(reverse("web:offer_detail", args=[offer.pk])).status_code == 405
