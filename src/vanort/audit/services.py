"""Write audit entries. Called by the owning app's services inside their transaction, so a
change and its entry are saved together or not at all (no signals)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from vanort.audit.models import AuditAction, AuditEntry
from vanort.core.partial_dates import PartialDate


def _plain(value: Any) -> Any:
    """A JSON value for the log: dates as ISO strings, partial dates as EDTF, records as ids."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, PartialDate):
        return value.edtf()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    return value


#: Bookkeeping, not content: never audited.
_SKIPPED = {"id", "created_at", "updated_at", "version"}


def audited_fields(model: type[models.Model]) -> list[str]:
    """Every content field of a model: concrete fields and many-to-many, without bookkeeping."""
    opts = model._meta
    names = [f.name for f in opts.concrete_fields if f.name not in _SKIPPED and not f.primary_key]
    return names + [f.name for f in opts.many_to_many]


def record_state(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The record's content as JSON values (foreign keys as ids, many-to-many as sorted ids)."""
    state: dict[str, Any] = {}
    for name in audited_fields(type(instance)) if fields is None else fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            state[name] = sorted(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else []
        elif field.is_relation:
            state[name] = getattr(instance, field.attname)  # type: ignore[union-attr]
        elif isinstance(field, models.FileField):
            state[name] = getattr(instance, name).name or ""
        else:
            state[name] = _plain(getattr(instance, name))
    return state


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before, after = before or {}, after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


@transaction.atomic(savepoint=False)  # part of the change it logs: if it fails, the change does too
def audit_record(
    *,
    user: Any,
    instance: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str = "",
) -> AuditEntry | None:
    """Log a change of `instance` from `before` to `after` (field → JSON value). An update that
    changed nothing writes no entry."""
    changes = _diff(before, after)
    if action == AuditAction.UPDATED and not changes:
        return None
    actor = user if getattr(user, "pk", None) is not None else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "system",
        record_type=instance._meta.label_lower,
        record_id=instance.pk,
        record_label=str(instance)[:300],
        action=action,
        changes=changes,
        note=note,
    )
