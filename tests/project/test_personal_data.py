"""Personal data export and erasure (issue 14): accounts are anonymised, public records stay."""

from __future__ import annotations

import json

import pytest

from vanort.accounts.models import ApiToken, Membership
from vanort.accounts.services import api_token_create, membership_grant, user_create
from vanort.cli import main
from vanort.privacy import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_motion(demo):
    from vanort.motions.demo import load_demo

    load_demo()


@pytest.fixture
def officer(huddinge):
    user = user_create(username="anna", password="x-secret-1")
    user.first_name, user.last_name, user.email = "Anna", "Svensson", "anna@example.org"
    user.save()
    membership_grant(user=user, municipality_id=huddinge.pk, role="case_officer")
    api_token_create(user=user, name="laptop")
    return user


def test_export_lists_the_account_without_secrets(officer) -> None:
    data = selectors.account_data(officer)
    assert data["account"]["email"] == "anna@example.org"
    assert "password" not in data["account"]
    assert "accounts.Membership.user" in data["linked_records"]
    assert all("key_hash" not in row for row in data["linked_records"]["accounts.ApiToken.user"])


def test_erase_anonymises_the_account_and_removes_roles_and_tokens(officer) -> None:
    services.account_erase(user=officer)
    officer.refresh_from_db()
    assert (officer.username, officer.email, officer.first_name, officer.is_active) == (
        f"raderad-{officer.pk}",
        "",
        "",
        False,
    )
    assert not officer.has_usable_password()
    assert not Membership.objects.filter(user=officer).exists()
    assert not ApiToken.objects.filter(user=officer).exists()


def test_named_person_in_a_motion_is_exported_as_a_public_record(demo_motion) -> None:
    data = selectors.named_person_data("Bo Källström")
    rows = data["motions.Proposer.name"]
    assert rows
    assert all(row["public_record"] for row in rows)


def test_erasing_a_named_person_keeps_public_records(demo_motion) -> None:
    services.named_person_erase(name="Bo Källström")
    assert selectors.named_person_data("Bo Källström")["motions.Proposer.name"]


def test_cli_erase_needs_confirm_and_changes_nothing_without_it(officer, capsys) -> None:
    assert main(["personal-data", "erase", "--user", "anna"]) == 2
    assert "--confirm" in capsys.readouterr().err
    officer.refresh_from_db()
    assert officer.username == "anna"


def test_cli_export_unknown_user_is_one_line_and_exit_2(capsys) -> None:
    assert main(["personal-data", "export", "--user", "nobody"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nobody" in err


def test_cli_export_prints_json(officer, capsys) -> None:
    assert main(["personal-data", "export", "--user", "anna"]) == 0
    assert json.loads(capsys.readouterr().out)["account"]["username"] == "anna"


def test_version_flag(capsys) -> None:
    from vanort import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"vanort {__version__}"


def test_a_participant_named_in_an_activity_note_is_erased_and_the_rest_kept(partnership_factory, admin_user) -> None:
    from vanort.core.partial_dates import PartialDate
    from vanort.registry import services as registry
    from vanort.registry.models import Activity

    p = partnership_factory()
    registry.activity_create(
        user=admin_user,
        municipality=p.place_a,
        partnership=p,
        title="Studiebesök",
        kind="meeting",
        start=PartialDate.parse("2023-10"),
        participants_count=2,
        participants_note="Olena Petrenko och en kollega",
    )
    assert selectors.named_person_data("olena petrenko")["registry.Activity.participants_note"]

    services.named_person_erase(name="Olena Petrenko")

    assert Activity.objects.get().participants_note == "[raderat] och en kollega"
