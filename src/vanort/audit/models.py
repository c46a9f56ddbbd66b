"""One audit entry per change of a register record. Append-only: never updated, never deleted
(model, queryset and admin all refuse), like the motions' MotionEvent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanort.core.models import AppendOnlyModel


class AuditAction(models.TextChoices):
    CREATED = "created", _("Skapad")
    UPDATED = "updated", _("Ändrad")
    DELETED = "deleted", _("Borttagen")
    STATUS_OVERRIDE = "status_override", _("Status fastställd")


class AuditEntry(AppendOnlyModel):
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("av"),
    )
    actor_label = models.CharField(_("av (namn)"), max_length=150)
    record_type = models.CharField(_("posttyp"), max_length=60)  # app_label.model, e.g. registry.place
    record_id = models.PositiveBigIntegerField(_("post-id"))
    record_label = models.CharField(_("post"), max_length=300)
    action = models.CharField(_("åtgärd"), max_length=20, choices=AuditAction.choices)
    changes = models.JSONField(_("ändringar"), default=dict)  # {field: [before, after]}
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("ändring")
        verbose_name_plural = _("ändringslogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.record_type} {self.record_id} {self.action}"
