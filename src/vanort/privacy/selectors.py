"""Reads: everything Vänort holds about one user account or one named person."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from vanort.privacy.policy import ERASABLE_NAME_FIELDS, ERASABLE_TEXT_FIELDS, PUBLIC_RECORD_NAME_FIELDS

_SECRET_FIELDS = {"password", "key_hash"}


def user_by_username(username: str) -> Any:
    """The account, or None; usernames are compared exactly (they are unique)."""
    return get_user_model().objects.filter(username=username).first()


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SECRET_FIELDS or isinstance(field, models.BinaryField):
            continue
        value = getattr(obj, field.attname)
        data[field.attname] = value if isinstance(value, (int, float, bool, type(None))) else str(value)
    return data


def _user_foreign_keys() -> list[tuple[type[models.Model], models.ForeignKey]]:
    """Every foreign key in the project that points at the user model."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is user_model:
                found.append((model, field))
    return found


def account_data(user: Any) -> dict[str, Any]:
    """The account itself and every record that names it (who saved, changed, uploaded …)."""
    linked: dict[str, list[dict[str, Any]]] = {}
    for model, field in _user_foreign_keys():
        rows = [_row(obj) for obj in model._default_manager.filter(**{field.name: user}).order_by("pk")]
        if rows:
            linked.setdefault(f"{model._meta.label}.{field.name}", []).extend(rows)
    return {"account": _row(user), "linked_records": linked}


def named_person_data(name: str) -> dict[str, Any]:
    """Records where a person appears by name, each marked kept (public record) or erasable."""
    result: dict[str, list[dict[str, Any]]] = {}
    for kept, fields in ((True, PUBLIC_RECORD_NAME_FIELDS), (False, ERASABLE_NAME_FIELDS)):
        for label, field in fields:
            model = apps.get_model(label)
            for obj in model._default_manager.filter(**{f"{field}__iexact": name}).order_by("pk"):
                result.setdefault(f"{label}.{field}", []).append({**_row(obj), "public_record": kept})
    for label, field in ERASABLE_TEXT_FIELDS:
        model = apps.get_model(label)
        for obj in model._default_manager.filter(**{f"{field}__icontains": name}).order_by("pk"):
            result.setdefault(f"{label}.{field}", []).append({**_row(obj), "public_record": False})
    return result
