"""Login throttling per account and per address, the admin login included (issue 8, low)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _login(client, url, username, password, ip="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_lock_the_account_with_a_clear_message(client, case_officer):
    url = reverse("web:login")
    statuses = [_login(client, url, case_officer.username, "fel").status_code for _ in range(3)]
    assert statuses[:2] == [200, 200]
    locked = _login(client, url, case_officer.username, "pw-Secret-123", ip="10.0.0.2")
    assert locked.status_code == 429
    assert "För många inloggningsförsök" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_accounts_is_locked(client, user_factory):
    url = reverse("web:login")
    for i in range(3):
        _login(client, url, f"nobody{i}", "fel", ip="10.9.9.9")
    assert _login(client, url, "someone-else", "fel", ip="10.9.9.9").status_code == 429
    assert _login(client, url, "someone-else", "fel", ip="10.1.1.1").status_code == 200


def test_admin_login_is_throttled_too(client, admin_user):
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": admin_user.username, "password": "fel"}, REMOTE_ADDR="10.0.0.3")
    response = client.post(url, {"username": admin_user.username, "password": "pw-Secret-123"}, REMOTE_ADDR="10.0.0.4")
    assert response.status_code == 429


def test_right_password_before_the_limit_logs_in(client, case_officer):
    url = reverse("web:login")
    _login(client, url, case_officer.username, "fel")
    assert _login(client, url, case_officer.username, "pw-Secret-123").status_code == 302
