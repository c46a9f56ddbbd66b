"""Imported documents. The file's bytes are stored in the database row itself, so an import
is one transaction: a failed import leaves neither a row nor an orphaned file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceDocument(models.Model):
    class Status(models.TextChoices):
        REVIEW = "review", _("Granskas")
        APPLIED = "applied", _("Inläst i registret")

    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    filename = models.CharField(_("filnamn"), max_length=255)
    content = models.BinaryField(_("innehåll"))
    size = models.PositiveIntegerField(_("storlek (byte)"))
    source_kind = models.CharField(_("filtyp"), max_length=10)  # pdf | txt | image
    encoding = models.CharField(_("teckenkodning"), max_length=30, blank=True)
    evidence = models.CharField(_("hur kodningen avgjordes"), max_length=300, blank=True)
    document_kind = models.CharField(_("dokumenttyp"), max_length=20)  # motion_answer | motion | minutes | other
    title = models.CharField(_("titel"), max_length=500)
    text = models.TextField(_("text (OCR)"))
    repaired_text = models.TextField(_("rättad text"))
    tokens = models.PositiveIntegerField(default=0)
    ocr_pages = models.PositiveIntegerField(_("sidor lästa med OCR"), default=0)
    # Every document belongs to a municipality: it decides who may review it, and the
    # checksum is unique per municipality only (the same bytes in another municipality's
    # private documents must stay invisible).
    municipality = models.ForeignKey(
        "registry.Place",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("kommun"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REVIEW)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "checksum"], name="document_checksum_per_municipality"),
        ]

    def __str__(self) -> str:
        return self.title or self.filename


class Repair(models.Model):
    """One proposed OCR correction; a person may accept or reject it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Godkänd")
        REJECTED = "rejected", _("Avvisad")
        PENDING = "pending", _("Granskas")

    document = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="repairs")
    line = models.PositiveIntegerField(_("rad"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    before = models.CharField(_("före"), max_length=200)
    after = models.CharField(_("efter"), max_length=200)
    confidence = models.FloatField(_("säkerhet"))
    decision = models.CharField(_("beslut"), max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rättning")
        verbose_name_plural = _("rättningar")
        ordering = ["line", "start"]

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"


class Extraction(models.Model):
    """The fields found in the repaired text (the §5 import-document object)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på granskning")
        ACCEPTED = "accepted", _("Godkänd")
        APPLIED = "applied", _("Inläst")

    document = models.OneToOneField(SourceDocument, on_delete=models.CASCADE, related_name="extraction")
    fields = models.JSONField(_("fält"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("extraktion")
        verbose_name_plural = _("extraktioner")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.status}"


class ImportJob(models.Model):
    """A file waiting to be read in the background (OCR takes seconds per page).

    The job holds the uploaded bytes; the worker writes the document, its repairs and its
    extraction in one transaction at the end, so a failed or killed job leaves no document
    behind and can simply be run again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Läses")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    municipality = models.ForeignKey(
        "registry.Place", on_delete=models.CASCADE, related_name="+", verbose_name=_("kommun")
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(_("filnamn"), max_length=255)
    content = models.BinaryField(_("innehåll"))
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=40, blank=True)
    error = models.CharField(_("fel"), max_length=500, blank=True)
    document = models.ForeignKey(SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inläsningsjobb")
        verbose_name_plural = _("inläsningsjobb")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename}: {self.status}"
