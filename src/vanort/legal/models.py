"""The country aid-status table in the database (seeded from the shipped data file) and
saved assessments. Changes of the table are in the audit log (vanort.audit)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanort.aid import AidStatusKind
from vanort.core.models import TimeStampedModel


class CountryAidStatus(TimeStampedModel):
    """One dated row: does this country receive Swedish state aid, on what basis."""

    country = models.CharField(_("land"), max_length=2, db_index=True)
    status = models.CharField(_("status"), max_length=30, choices=[(s.value, s.value) for s in AidStatusKind])
    basis = models.TextField(_("grund"))
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    source = models.TextField(_("källa"))
    checked_at = models.DateField(_("kontrollerad"))

    class Meta:
        verbose_name = _("biståndsstatus för land")
        verbose_name_plural = _("biståndsstatus för länder")
        ordering = ["country", "valid_from"]

    def __str__(self) -> str:
        return f"{self.country} {self.status} {self.valid_from or '…'}–{self.valid_to or '…'}"


class AidAssessment(models.Model):
    """A saved verdict, with the case and the rules version it was made under."""

    title = models.CharField(_("rubrik"), max_length=300)
    municipality = models.ForeignKey(
        "registry.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aid_assessments",
        verbose_name=_("kommun"),
    )
    case = models.JSONField(_("ärendet"))
    verdict = models.JSONField(_("bedömning"))
    outcome = models.CharField(_("utfall"), max_length=50)
    rules_version = models.CharField(_("regelversion"), max_length=50)
    public = models.BooleanField(
        _("publicerad"),
        default=False,
        help_text=_("Publicerade bedömningar kan läsas av alla, utan namnet på den som sparade dem."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sparad bedömning")
        verbose_name_plural = _("sparade bedömningar")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
