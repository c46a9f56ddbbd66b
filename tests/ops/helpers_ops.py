"""Snapshot of every model's rows and stored files; empty the database and set it up again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import models

from vanort.ops.backup import NATURAL_KEY_MODELS, backed_up_models


def snapshot() -> dict[str, Any]:
    """Every backed-up model's rows in pk order, references to content types and permissions as
    natural keys; and the bytes of every file a file field names."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    naturals = {
        "contenttypes.contenttype": {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        "auth.permission": {p.pk: p.natural_key() for p in Permission.objects.all()},
    }
    rows: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for model in backed_up_models():
        fields = list(model._meta.concrete_fields)
        table = []
        for row in model._base_manager.order_by("pk").values_list(*(f.attname for f in fields)):
            values = []
            for f, value in zip(fields, row, strict=True):
                target = f.related_model._meta.label_lower if f.is_relation and f.related_model else None
                if target in NATURAL_KEY_MODELS and value is not None:
                    value = naturals[target][value]
                if isinstance(value, memoryview):
                    value = bytes(value)
                if isinstance(f, models.FileField) and value:
                    with f.storage.open(value, "rb") as handle:
                        files[value] = handle.read()
                values.append(value)
            table.append(tuple(values))
        rows[model._meta.label_lower] = table
    return {"rows": rows, "files": files}


def wipe_and_setup(media: Path) -> None:
    """Empty every table and the media directory, then do what `vanort setup` does."""
    import shutil

    from vanort.legal.services import status_table_seed
    from vanort.registry.reference import reference_load

    for model in reversed(backed_up_models()):
        model._base_manager.all()._raw_delete(model._base_manager.db)
    shutil.rmtree(media, ignore_errors=True)
    reference_load()
    status_table_seed()
