"""Register records. Writes go through `services`, reads through `selectors`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vanort.core.models import PartialDateField, TimeStampedModel
from vanort.registry.status import EndReason, Status


class Country(models.Model):
    code = models.CharField(_("kod"), max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2")
    name_sv = models.CharField(_("namn (svenska)"), max_length=100)
    name_en = models.CharField(_("namn (engelska)"), max_length=100)
    name_uk = models.CharField(_("namn (ukrainska)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("land")
        verbose_name_plural = _("länder")
        ordering = ["name_sv"]

    def __str__(self) -> str:
        return self.name_for(get_language() or "sv")

    def name_for(self, language: str) -> str:
        return {"en": self.name_en, "uk": self.name_uk or self.name_en}.get(language[:2], self.name_sv)


class Sector(models.Model):
    """A cooperation area / sector from the fixed taxonomy (DESIGN.md §5)."""

    code = models.CharField(_("kod"), max_length=20, primary_key=True)
    label_sv = models.CharField(max_length=100)
    label_en = models.CharField(max_length=100)
    label_uk = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label_for(get_language() or "sv")

    def label_for(self, language: str) -> str:
        return {"en": self.label_en, "uk": self.label_uk}.get(language[:2], self.label_sv)


class Source(models.Model):
    """Where a fact comes from: a document (with page/line), a URL, or a plain citation."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Dokument")
        URL = "url", _("Webbadress")
        CITATION = "citation", _("Hänvisning")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.CITATION)
    title = models.CharField(_("titel"), max_length=300)
    citation = models.TextField(_("hänvisning"), blank=True)
    locator = models.CharField(_("sida/rad"), max_length=100, blank=True)
    url = models.URLField(_("webbadress"), blank=True)
    document_checksum = models.CharField(_("dokumentets kontrollsumma"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("källa")
        verbose_name_plural = _("källor")
        constraints = [
            models.UniqueConstraint(fields=["title", "locator", "document_checksum"], name="uniq_source"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.locator})" if self.locator else self.title


class PlaceKind(models.TextChoices):
    KOMMUN = "kommun", _("Kommun")
    REGION = "region", _("Region")
    HROMADA = "hromada", _("Hromada")
    OBLAST = "oblast", _("Oblast")
    CITY = "city", _("Stad")
    OTHER = "other", _("Annan")


#: Kinds of place that can be a partner abroad: a municipality, hromada or town (not a region or oblast).
PARTNER_KINDS = (PlaceKind.KOMMUN, PlaceKind.HROMADA, PlaceKind.CITY, PlaceKind.OTHER)


class Place(TimeStampedModel):
    kind = models.CharField(_("typ"), max_length=10, choices=PlaceKind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places", verbose_name=_("land"))
    code = models.CharField(
        _("officiell kod"),
        max_length=30,
        blank=True,
        help_text=_("SCB-kod för kommuner (4 siffror) och län (2 siffror), KATOTTG där den är känd."),
    )
    name = models.CharField(_("namn"), max_length=200, db_index=True)
    official_name = models.CharField(_("officiellt namn"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("ingår i")
    )
    wikidata_qid = models.CharField(_("Wikidata-id"), max_length=20, blank=True)
    population = models.PositiveIntegerField(_("invånare"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa"))
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("ort")
        verbose_name_plural = _("orter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "kind", "code"], condition=~Q(code=""), name="uniq_place_code"),
        ]
        indexes = [models.Index(fields=["country", "kind", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_foreign_partner(self) -> bool:
        """A municipality, hromada or town outside Sweden: what a partner place or recipient must be."""
        return self.country_id != "SE" and self.kind in PARTNER_KINDS


class PlaceName(models.Model):
    """Another name or spelling of a place (Vanda/Vantaa, Trostianets/Тростянець)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("namn"), max_length=200)
    language = models.CharField(_("språk"), max_length=10, blank=True, help_text=_("sv, en, uk, fi, … eller tomt"))
    folded = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = _("namnform")
        verbose_name_plural = _("namnformer")
        constraints = [models.UniqueConstraint(fields=["place", "name", "language"], name="uniq_place_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})" if self.language else self.name


class Actor(TimeStampedModel):
    """An organisation that starts or takes part in cooperation."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("Universitet/högskola")
        UNION = "union", _("Fackförbund")
        ASSOCIATION = "association", _("Förening")
        AGENCY = "agency", _("Myndighet")
        INTERNATIONAL = "international_organisation", _("Internationell organisation")
        MUNICIPALITY = "municipality", _("Kommun/region")
        COMPANY = "company", _("Företag")
        OTHER = "other", _("Annan")

    name = models.CharField(_("namn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("land"))
    is_known_actor = models.BooleanField(_("känd aktör"), default=False)
    known_actor_reason = models.TextField(_("skäl till att aktören är känd"), blank=True)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    vetted_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa"))
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("aktör")
        verbose_name_plural = _("aktörer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipKind(models.TextChoices):
    TWIN_TOWN = "twin_town", _("Vänort")
    FRIENDSHIP_TOWN = "friendship_town", _("Vänskapsort")
    MUNICIPAL_PARTNERSHIP = "municipal_partnership", _("Kommunalt partnerskap")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("Samarbetsavtal")
    OTHER = "other", _("Annat")


class Partnership(TimeStampedModel):
    """An unordered pair of places. Stored with place_a.id < place_b.id; history is never deleted."""

    place_a = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="partnerships_as_a")
    place_b = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="partnerships_as_b")
    kind = models.CharField(_("typ"), max_length=30, choices=PartnershipKind.choices)
    start = PartialDateField(_("start"), null=True, blank=True)
    start_note = models.CharField(_("om starten"), max_length=300, blank=True)
    end = PartialDateField(_("slut"), null=True, blank=True)
    end_reason = models.CharField(
        _("skäl till slut"),
        max_length=12,
        blank=True,
        choices=[(EndReason.LEFT, _("Lämnat")), (EndReason.PAUSED, _("Pausat")), (EndReason.TERMINATED, _("Avslutat"))],
    )
    end_note = models.CharField(_("om slutet"), max_length=300, blank=True)
    areas = models.ManyToManyField(Sector, blank=True, related_name="partnerships", verbose_name=_("områden"))
    agreement_reference = models.CharField(_("avtal"), max_length=300, blank=True)
    agreement_file = models.FileField(_("avtalsdokument"), upload_to="agreements/", blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    status_override = models.CharField(
        _("fastställd status"),
        max_length=10,
        blank=True,
        choices=[(s.value, s.value) for s in Status],
    )
    status_override_reason = models.TextField(_("skäl till fastställd status"), blank=True)
    status_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_override_at = models.DateTimeField(null=True, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa"))
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("partnerskap")
        verbose_name_plural = _("partnerskap")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(place_a__lt=models.F("place_b")), name="partnership_ordered_pair"),
        ]
        indexes = [
            models.Index(fields=["place_b", "start"]),
            models.Index(fields=["place_a", "start"]),
            models.Index(fields=["start", "id"], name="partnership_list_order"),
        ]

    def __str__(self) -> str:
        return f"{self.place_a} – {self.place_b}"

    def other(self, place_id: int) -> Place:
        return self.place_b if self.place_a_id == place_id else self.place_a


class ActivityKind(models.TextChoices):
    STUDY_VISIT_IN = "study_visit_in", _("Studiebesök hos oss")
    STUDY_VISIT_OUT = "study_visit_out", _("Studiebesök hos partnern")
    EXCHANGE = "exchange", _("Utbyte")
    TRAINING = "training", _("Utbildning")
    DONATION = "donation", _("Donation")
    MEETING = "meeting", _("Möte")
    CONFERENCE = "conference", _("Konferens")


class Activity(TimeStampedModel):
    """Something that happened (or is planned) between a municipality and a partner."""

    municipality = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="activities", verbose_name=_("kommun")
    )
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("partnerskap"),
    )
    counterpart = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counterpart_activities",
        verbose_name=_("motpart (ort)"),
    )
    title = models.CharField(_("rubrik"), max_length=300)
    kind = models.CharField(_("typ"), max_length=20, choices=ActivityKind.choices)
    start = PartialDateField(_("datum eller period från"))
    end = PartialDateField(_("till"), null=True, blank=True)
    occurred_on = models.DateField(editable=False, db_index=True, help_text="lower bound of start, for sorting")
    participants_count = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    participants_note = models.CharField(_("om deltagarna"), max_length=200, blank=True)
    topics = models.TextField(_("ämnen"), blank=True)
    organiser = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="activities", verbose_name=_("arrangör")
    )
    areas = models.ManyToManyField(Sector, blank=True, related_name="activities", verbose_name=_("områden"))
    description = models.TextField(_("beskrivning"), blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("källa"))
    is_example = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["partnership", "-occurred_on"]),
            models.Index(fields=["municipality", "-occurred_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def sync_derived(self) -> tuple[str, ...]:
        """`occurred_on` is only the sortable lower bound of `start`: the one place that keeps it true
        (every save, every validation, every `update_versioned`), so no caller sets it."""
        if self.start is None:
            return ()
        self.occurred_on = self.start.lower
        return ("occurred_on",)


class NationalFigure(models.Model):
    """A national survey figure (e.g. SKR: 272 municipalities had twin towns in 2007)."""

    year = models.PositiveSmallIntegerField(_("år"))
    metric = models.CharField(_("mått"), max_length=60)
    value = models.DecimalField(_("värde"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("enhet"), max_length=30)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, verbose_name=_("källa"))

    class Meta:
        verbose_name = _("nationell siffra")
        verbose_name_plural = _("nationella siffror")
        ordering = ["metric", "year"]
        constraints = [models.UniqueConstraint(fields=["year", "metric"], name="uniq_national_figure")]

    def __str__(self) -> str:
        return f"{self.metric} {self.year}: {self.value} {self.unit}"
