"""Cooperation records: initiatives and their contributions, needs, offers, matches, notices.

Writes go through `services`, reads through `selectors`. Event logs and aid checks are
append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vanort.aid import DecisionBody, EquipmentOrigin, FinPurpose, GoodsType, RecipientEntity
from vanort.core.models import TimeStampedModel

MAX_QUANTITY = 1_000_000
MAX_VALUE_SEK = 10**12


class Form(models.TextChoices):
    """The fixed form codes of DESIGN.md §5 (also the aid engine's `form`)."""

    EQUIPMENT = "equipment", _("Utrustning")
    ADVICE = "advice", _("Rådgivning")
    TRAINING = "training", _("Utbildning")
    OTHER_IN_KIND = "other_in_kind", _("Annat in natura")
    FINANCIAL = "financial", _("Ekonomiskt stöd")


class Language(models.TextChoices):
    SV = "sv", _("Svenska")
    EN = "en", _("Engelska")
    UK = "uk", _("Ukrainska")


class Urgency(models.TextChoices):
    LOW = "low", _("Kan vänta")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Brådskande")
    CRITICAL = "critical", _("Akut")


class InitiativeState(models.TextChoices):
    PROPOSED = "proposed", _("Föreslaget")
    AGREED = "agreed", _("Överenskommet")
    IN_DELIVERY = "in_delivery", _("Under leverans")
    DELIVERED = "delivered", _("Levererat")
    CLOSED = "closed", _("Avslutat")
    CANCELLED = "cancelled", _("Inställt")


class Initiative(TimeStampedModel):
    """A project of a known actor, or a partnership project, that the municipality takes part in."""

    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True, max_length=20_000)
    municipality = models.ForeignKey(
        "registry.Place", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("kommun")
    )
    actor = models.ForeignKey(
        "registry.Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("aktör"),
    )
    partner_places = models.ManyToManyField(
        "registry.Place", blank=True, related_name="partner_initiatives", verbose_name=_("partnerorter")
    )
    sectors = models.ManyToManyField(
        "registry.Sector", blank=True, related_name="initiatives", verbose_name=_("områden")
    )
    partnership = models.ForeignKey(
        "registry.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("partnerskap"),
    )
    motion = models.ForeignKey(
        "motions.Motion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("motion"),
    )
    period_start = models.DateField(_("från"), null=True, blank=True)
    period_end = models.DateField(_("till"), null=True, blank=True)
    state = models.CharField(_("läge"), max_length=12, choices=InitiativeState.choices, default="proposed")
    activities = models.ManyToManyField("registry.Activity", blank=True, related_name="initiatives")
    source = models.ForeignKey(
        "registry.Source", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("initiativ")
        verbose_name_plural = _("initiativ")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class InitiativeEvent(models.Model):
    """Append-only log of every transition of an initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=30)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_state}→{self.to_state}"


class ContributionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Föreslaget")
    APPROVED = "approved", _("Beslutat")
    WITHDRAWN = "withdrawn", _("Återtaget")


class Contribution(TimeStampedModel):
    """What the municipality gives, with the aid engine's stored verdict."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="contributions")
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    purpose = models.TextField(_("syfte"), max_length=5000)
    value_sek = models.DecimalField(
        _("värde (kr)"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_VALUE_SEK)],
    )
    recipient_place = models.ForeignKey(
        "registry.Place", on_delete=models.PROTECT, related_name="received_contributions", verbose_name=_("mottagare")
    )
    recipient_entity = models.CharField(
        _("typ av mottagare"),
        max_length=30,
        choices=[(v.value, v.value) for v in RecipientEntity],
        default=RecipientEntity.FOREIGN_PUBLIC.value,
    )
    planned_on = models.DateField(_("datum"), null=True, blank=True)
    # Facts the aid engine needs beyond form and recipient (LEGAL_RULES.md §Input).
    equipment_origin = models.CharField(
        max_length=30, blank=True, choices=[(v.value, v.value) for v in EquipmentOrigin]
    )
    fin_purpose = models.CharField(max_length=30, blank=True, choices=[(v.value, v.value) for v in FinPurpose])
    linked_equipment_permitted = models.BooleanField(null=True, blank=True)
    goods_type = models.CharField(max_length=10, choices=[(v.value, v.value) for v in GoodsType], default="civil")
    disaster = models.BooleanField(default=True)
    use_verification_plan = models.BooleanField(default=True)
    decision_body = models.CharField(
        max_length=20, choices=[(v.value, v.value) for v in DecisionBody], default=DecisionBody.DELEGATE.value
    )
    status = models.CharField(_("status"), max_length=10, choices=ContributionStatus.choices, default="proposed")
    # The latest check: at proposal, then again at approval with the decision date.
    verdict = models.JSONField(_("bedömning"), default=dict, blank=True)
    outcome = models.CharField(_("utfall"), max_length=50, blank=True)
    rules_version = models.CharField(_("regelversion"), max_length=50, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    decision_date = models.DateField(_("beslutsdatum"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    assessment = models.ForeignKey(
        "legal.AidAssessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sparad bedömning"),
    )

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()}: {self.purpose[:60]}"


class AidCheck(models.Model):
    """Append-only: every aid check of a contribution (stage, case, verdict, rules version)."""

    class Stage(models.TextChoices):
        PROPOSAL = "proposal", _("Vid förslag")
        RECHECK = "recheck", _("Ny kontroll")
        APPROVAL = "approval", _("Vid beslut")

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="checks")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    decision_date = models.DateField()
    case = models.JSONField()
    verdict = models.JSONField()
    outcome = models.CharField(max_length=50)
    rules_version = models.CharField(max_length=50)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.contribution_id} {self.stage} {self.outcome}"


class Condition(models.Model):
    """One condition of a conditional verdict (or the legal review), ticked off by a person."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="conditions")
    position = models.PositiveSmallIntegerField(default=0)
    text_sv = models.TextField()
    text_en = models.TextField(blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["contribution", "text_sv"], name="uniq_condition_text")]

    def __str__(self) -> str:
        return self.text_sv

    @property
    def done(self) -> bool:
        return self.done_at is not None


class NeedStatus(models.TextChoices):
    PUBLISHED = "published", _("Publicerat")
    IN_PROGRESS = "in_progress", _("På gång")
    FULFILLED = "fulfilled", _("Tillgodosett")
    WITHDRAWN = "withdrawn", _("Återtaget")


class Need(TimeStampedModel):
    """A partner place's need, published by its officials."""

    place = models.ForeignKey("registry.Place", on_delete=models.PROTECT, related_name="needs", verbose_name=_("ort"))
    sector = models.ForeignKey(
        "registry.Sector", on_delete=models.PROTECT, related_name="needs", verbose_name=_("område")
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), max_length=10_000)
    language = models.CharField(_("språk"), max_length=2, choices=Language.choices, default="uk")
    quantity = models.PositiveIntegerField(
        _("antal"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    urgency = models.CharField(_("brådska"), max_length=10, choices=Urgency.choices, default="normal")
    deadline = models.DateField(_("behövs senast"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=NeedStatus.choices, default="published")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "sector"])]

    def __str__(self) -> str:
        return self.title


class OfferStatus(models.TextChoices):
    PUBLISHED = "published", _("Publicerat")
    TAKEN = "taken", _("Förmedlat")
    WITHDRAWN = "withdrawn", _("Återtaget")


class Offer(TimeStampedModel):
    """What a Swedish municipality can give."""

    municipality = models.ForeignKey(
        "registry.Place", on_delete=models.PROTECT, related_name="offers", verbose_name=_("kommun")
    )
    sector = models.ForeignKey(
        "registry.Sector", on_delete=models.PROTECT, related_name="offers", verbose_name=_("område")
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), max_length=10_000)
    language = models.CharField(_("språk"), max_length=2, choices=Language.choices, default="sv")
    quantity = models.PositiveIntegerField(
        _("antal"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )
    # what is still free after accepted matches (None when the quantity is not given: the first
    # accepted match takes the whole offer)
    remaining = models.PositiveIntegerField(_("kvar"), null=True, blank=True)
    spare = models.BooleanField(_("överbliven utrustning"), default=False)
    available_until = models.DateField(_("tillgängligt till"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=OfferStatus.choices, default="published")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("erbjudande")
        verbose_name_plural = _("erbjudanden")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(remaining__isnull=True) | models.Q(remaining__lte=models.F("quantity")),
                name="offer_remaining_within_quantity",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Föreslagen")
    ACCEPTED = "accepted", _("Accepterad")
    REJECTED = "rejected", _("Avböjd")
    DELIVERED = "delivered", _("Levererad")


class Match(models.Model):
    """A need × offer pair proposed by the engine, with its reasons and legal verdict."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField()
    rank = models.PositiveIntegerField()
    reasons = models.JSONField(default=list)  # [{"code", "params"}], explained in the reader's language
    shared_terms = models.JSONField(default=list)
    legal_outcome = models.CharField(max_length=50, blank=True)
    legal_verdict = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=MatchStatus.choices, default="proposed")
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="matches")
    quantity = models.PositiveIntegerField(null=True, blank=True)  # units of the offer given when accepted
    computed_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("matchning")
        verbose_name_plural = _("matchningar")
        ordering = ["need_id", "rank"]
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="uniq_match_pair")]

    def __str__(self) -> str:
        return f"{self.need_id} × {self.offer_id}"


class Notification(models.Model):
    """A notice to one user in the app (also sent by e-mail). Text is rendered in the reader's language."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"


class IdempotencyKey(models.Model):
    """The key of a creating request and what it created, so that a repeated request creates nothing.

    The API's ``Idempotency-Key`` header and the one-time token of a web form (a double click, a
    retried POST): the same key of the same user gets the record it first created back. Written in
    the transaction of the record it names.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    target = models.CharField(max_length=12)  # "need", "offer" or "initiative"
    target_id = models.PositiveBigIntegerField(null=True)  # set when the record is written (same transaction)
    fingerprint = models.CharField(max_length=64)  # sha256 of the request's fields: a reuse must repeat them
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="uniq_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key} → {self.target} {self.target_id}"
