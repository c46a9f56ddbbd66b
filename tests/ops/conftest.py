"""Fixtures for backup and restore: a database with data in every domain."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated(reference_data: None, media: Path) -> None:
    """Demo data (motions, partnerships, activities, users), a token, a document's bytes, a stored
    agreement file, the country table, and timestamps with microseconds and another offset."""
    from vanort.accounts import services as accounts
    from vanort.demo import load_all_demo
    from vanort.documents.models import SourceDocument
    from vanort.legal.services import status_table_seed
    from vanort.registry.models import Partnership, Place

    status_table_seed()
    load_all_demo()
    user = accounts.user_create(username="backup-user", password="pw-Secret-123")
    accounts.api_token_create(user=user, name="nyckel")
    data = bytes(range(256)) * 40
    SourceDocument.objects.create(
        municipality=Place.objects.get(code="0126", country_id="SE"),
        checksum=hashlib.sha256(data).hexdigest(),
        filename="bytes.pdf",
        content=data,
        size=len(data),
        source_kind="pdf",
        document_kind="other",
        title="Bytes",
        text="",
        repaired_text="",
    )
    name = default_storage.save("agreements/avtal.pdf", ContentFile(b"%PDF-1.4\n\x00\xff avtal"))
    partnership = Partnership.objects.order_by("pk").first()
    assert partnership is not None
    Partnership.objects.filter(pk=partnership.pk).update(agreement_file=name)
    odd = datetime(2001, 2, 3, 4, 5, 6, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    Place.objects.filter(pk=partnership.place_b_id).update(updated_at=odd)
