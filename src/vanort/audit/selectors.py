"""Reads of the audit log."""

from __future__ import annotations

from django.db.models import QuerySet

from vanort.audit.models import AuditEntry


def audit_entries(*, record_type: str | None = None, record_id: int | None = None) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor")
    if record_type is not None:
        entries = entries.filter(record_type=record_type)
    if record_id is not None:
        entries = entries.filter(record_id=record_id)
    return entries
