"""Council motions: the case, its preparation, decisions, dispatch and an append-only history.

Writes go through `services` (one per transition), reads through `selectors`. The workflow
itself is the pure table in `states`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanort.core.models import AppendOnlyModel, TimeStampedModel
from vanort.motions.states import Outcome, State


class MotionState(models.TextChoices):
    DRAFT = State.DRAFT, _("Utkast")
    SUBMITTED = State.SUBMITTED, _("Inlämnad")
    REGISTERED = State.REGISTERED, _("Registrerad")
    RAISED = State.RAISED, _("Väckt i fullmäktige")
    IN_PREPARATION = State.IN_PREPARATION, _("Under beredning")
    OPINION_READY = State.OPINION_READY, _("Tjänsteutlåtande klart")
    BOARD_PROPOSAL = State.BOARD_PROPOSAL, _("Kommunstyrelsens förslag")
    ON_AGENDA = State.ON_AGENDA, _("På fullmäktiges dagordning")
    POSTPONED = State.POSTPONED, _("Bordlagd")
    REFERRED_BACK = State.REFERRED_BACK, _("Återremitterad")
    DECIDED = State.DECIDED, _("Beslutad")
    MINUTES_APPROVED = State.MINUTES_APPROVED, _("Protokollet justerat")
    DISPATCHED = State.DISPATCHED, _("Expedierad")
    CLOSED = State.CLOSED, _("Avslutad")
    WITHDRAWN = State.WITHDRAWN, _("Återtagen")


class MotionOutcome(models.TextChoices):
    BIFALL = Outcome.BIFALL, _("Bifall")
    DELVIS_BIFALL = Outcome.DELVIS_BIFALL, _("Delvis bifall")
    AVSLAG = Outcome.AVSLAG, _("Avslag")
    BESVARAD = Outcome.BESVARAD, _("Besvarad")
    AVSKRIVEN = Outcome.AVSKRIVEN, _("Avskriven")


class Committee(models.Model):
    """A municipality's board or committee (nämnd); "samtliga nämnder" expands to these."""

    municipality = models.ForeignKey(
        "registry.Place", on_delete=models.PROTECT, related_name="committees", verbose_name=_("kommun")
    )
    name = models.CharField(_("namn"), max_length=200)
    is_committee = models.BooleanField(
        _("nämnd"), default=True, help_text=_('Ingår i "samtliga nämnder" (fullmäktige och revisionen gör det inte).')
    )
    position = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(
        "registry.Source", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa")
    )

    class Meta:
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")
        ordering = ["municipality", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="uniq_committee")]

    def __str__(self) -> str:
        return self.name


class Motion(TimeStampedModel):
    municipality = models.ForeignKey(
        "registry.Place", on_delete=models.PROTECT, related_name="motions", verbose_name=_("kommun")
    )
    diarie_prefix = models.CharField(_("diarium"), max_length=10, default="KS")
    diarie_year = models.PositiveSmallIntegerField(_("diarieår"), null=True, blank=True)
    diarie_number = models.PositiveIntegerField(_("löpnummer"), null=True, blank=True)
    title = models.CharField(_("rubrik"), max_length=300)
    filed_date = models.DateField(_("inlämnad"))
    raised_on = models.DateField(_("väckt i fullmäktige"), null=True, blank=True)
    deadline = models.DateField(_("ska vara beslutad senast"), null=True, blank=True, db_index=True)
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)
    body = models.TextField(_("sammanfattning"), blank=True)
    att_clauses = models.JSONField(_("att-satser"), default=list, blank=True)
    text = models.TextField(_("motionstext"), blank=True)
    state = models.CharField(_("läge"), max_length=20, choices=MotionState.choices, default=MotionState.DRAFT)
    recommendation = models.CharField(
        _("kommunstyrelsens förslag"), max_length=20, choices=MotionOutcome.choices, blank=True
    )
    outcome = models.CharField(_("fullmäktiges beslut"), max_length=20, choices=MotionOutcome.choices, blank=True)
    recipients = models.JSONField(_("beslutet ska skickas till"), default=list, blank=True)
    places = models.ManyToManyField(
        "registry.Place", blank=True, related_name="mentioned_in_motions", verbose_name=_("orter")
    )
    partnerships = models.ManyToManyField(
        "registry.Partnership", blank=True, related_name="motions", verbose_name=_("partnerskap")
    )
    source = models.ForeignKey(
        "registry.Source", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa")
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motioner")
        ordering = ["-filed_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "diarie_prefix", "diarie_year", "diarie_number"],
                condition=Q(diarie_number__isnull=False),
                name="uniq_motion_diarienummer",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["state", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.diarienummer} {self.title}".strip()

    @property
    def diarienummer(self) -> str:
        """KS 2023/0042 — or "" before registration."""
        if self.diarie_number is None:
            return ""
        return f"{self.diarie_prefix} {self.diarie_year}/{self.diarie_number:04d}"


class Proposer(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="proposers")
    name = models.CharField(_("namn"), max_length=200)
    party = models.CharField(_("parti"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("förslagsställare")
        verbose_name_plural = _("förslagsställare")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


class Referral(TimeStampedModel):
    """A remiss: the motion sent to a committee for its view, with a due date and an answer."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="referrals")
    committee = models.CharField(_("remissinstans"), max_length=200)
    sent_on = models.DateField(_("skickad"))
    due_on = models.DateField(_("svar senast"))
    answered_on = models.DateField(_("besvarad"), null=True, blank=True)
    answer = models.TextField(_("svar"), blank=True)

    class Meta:
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.committee} ({self.due_on})"


class OfficialOpinion(TimeStampedModel):
    """The officials' opinion (tjänsteutlåtande) and the board's proposal sentence built on it."""

    motion = models.OneToOneField(Motion, on_delete=models.CASCADE, related_name="opinion")
    date = models.DateField(_("datum"))
    department = models.CharField(_("förvaltning"), max_length=200, default="Kommunstyrelsens förvaltning")
    decision_sentence = models.TextField(
        _("förslag till beslut"),
        blank=True,
        help_text=_("Lämnas tomt för en mening som byggs av kommunstyrelsens förslag."),
    )

    class Meta:
        verbose_name = _("tjänsteutlåtande")
        verbose_name_plural = _("tjänsteutlåtanden")

    def __str__(self) -> str:
        return f"{self.department} {self.date}"


class OpinionSection(models.Model):
    opinion = models.ForeignKey(OfficialOpinion, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.heading


class Signatory(models.Model):
    opinion = models.ForeignKey(OfficialOpinion, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class DecisionBody(models.TextChoices):
    COUNCIL = "kommunfullmaktige", _("Kommunfullmäktige")
    BOARD = "kommunstyrelsen", _("Kommunstyrelsen")


class Decision(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="decisions")
    body = models.CharField(_("organ"), max_length=30, choices=DecisionBody.choices)
    date = models.DateField(_("datum"))
    paragraph = models.CharField(_("paragraf"), max_length=20, blank=True, help_text=_("Till exempel § 12"))
    outcome = models.CharField(_("beslut"), max_length=20, choices=MotionOutcome.choices)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.date} {self.paragraph}".strip()


class Dispatch(models.Model):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="dispatches")
    date = models.DateField(_("expedierad"))
    recipients = models.JSONField(_("mottagare"), default=list)

    class Meta:
        verbose_name = _("expediering")
        verbose_name_plural = _("expedieringar")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date}: {', '.join(self.recipients)}"


class Attachment(models.Model):
    """A numbered attachment (bilaga). A file's bytes live in the row itself, like documents:
    adding one is one transaction, and a backup of the database holds every attachment."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("rubrik"), max_length=300)
    filename = models.CharField(_("filnamn"), max_length=255, blank=True)
    content_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    content = models.BinaryField(_("innehåll"), default=b"", blank=True)
    size = models.PositiveIntegerField(_("storlek (byte)"), default=0)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_file(self) -> bool:
        return bool(self.filename)


class MotionEvent(AppendOnlyModel):
    """One transition of one motion. Append-only: never updated, never deleted."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("av"),
    )
    actor_label = models.CharField(_("av (namn)"), max_length=150)
    action = models.CharField(_("åtgärd"), max_length=30)
    from_state = models.CharField(_("från"), max_length=20, blank=True, choices=MotionState.choices)
    to_state = models.CharField(_("till"), max_length=20, choices=MotionState.choices)
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["motion", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_state or '–'} → {self.to_state}"
