"""`update_versioned` validates what an edit changes, not every field again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vanort.core.errors import Conflict, ValidationFailed
from vanort.core.models import update_versioned

pytestmark = pytest.mark.django_db


def test_an_edit_does_not_recheck_unchanged_foreign_keys(partnership_factory):
    partnership = partnership_factory()
    with CaptureQueriesContext(connection) as queries:
        update_versioned(partnership, expected_version=partnership.version, description="Ny beskrivning")
    assert [q["sql"] for q in queries.captured_queries if "registry_place" in q["sql"]] == []
    assert len(queries.captured_queries) == 1  # the conditional UPDATE


def test_a_changed_field_is_still_validated(partnership_factory):
    partnership = partnership_factory()
    with pytest.raises(ValidationFailed) as refused:
        update_versioned(partnership, expected_version=partnership.version, kind="no-such-kind")
    assert refused.value.field == "kind"
    partnership.refresh_from_db()
    assert partnership.kind == "twin_town"


def test_a_changed_foreign_key_is_still_checked(partnership_factory):
    partnership = partnership_factory()
    with pytest.raises(ValidationFailed) as refused:
        update_versioned(partnership, expected_version=partnership.version, source_id=2**40)
    assert refused.value.field == "source"


@pytest.mark.parametrize("version", [2**31 - 1, 2**31, 2**63 - 1, 2**63, -1])
def test_a_version_no_record_can_have_is_stale_not_a_500(partnership_factory, version):
    """A forged version at the column's limit made the next version overflow the UPDATE
    (SQLite: OverflowError → 500 on every versioned edit, web and API)."""
    partnership = partnership_factory()
    with pytest.raises(Conflict):
        update_versioned(partnership, expected_version=version, description="Ny beskrivning")
    partnership.refresh_from_db()
    assert (partnership.version, partnership.description) == (1, "")
