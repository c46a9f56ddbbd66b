"""Demo accounts exist only where local mode is really on (issue 8, medium)."""

import pytest
from django.contrib.auth import get_user_model

from vanort.demo import load_all_demo

pytestmark = pytest.mark.django_db


def test_local_mode_off_creates_no_demo_accounts(reference_data, settings, monkeypatch):
    monkeypatch.setenv("VANORT_LOCAL", "0")
    settings.VANORT_LOCAL = False
    settings.DEBUG = False
    assert load_all_demo()["demo_users_created"] == 0
    assert (
        not get_user_model()
        .objects.filter(username__in=["admin", "handlaggare", "registrator", "trostianets"])
        .exists()
    )


def test_local_mode_on_creates_the_demo_accounts(reference_data, settings):
    settings.VANORT_LOCAL = True
    assert load_all_demo()["demo_users_created"] == 4  # admin, case officer, registrar, partner official
