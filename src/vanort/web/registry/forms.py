"""Web forms. They validate input shape; services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vanort.core.forms import PartialDateFormField
from vanort.registry.models import ActivityKind, Actor, PartnershipKind, Place, PlaceKind
from vanort.registry.selectors import actor_list, country_list, sector_list
from vanort.registry.status import EndReason, Status
from vanort.web.registry.widgets import PlacePicker, PlacePickerMixin

END_REASONS = [
    ("", "—"),
    (EndReason.LEFT, _("Lämnat")),
    (EndReason.PAUSED, _("Pausat")),
    (EndReason.TERMINATED, pgettext_lazy("end reason", "Avslutat")),
]
#: Why a partnership ended, in words (the partnership page says it as a sentence).
END_REASON_SENTENCES = {
    EndReason.LEFT: _("En av parterna lämnade samarbetet."),
    EndReason.PAUSED: _("Samarbetet är pausat."),
    EndReason.TERMINATED: _("Parterna avslutade samarbetet."),
}
STATUS_LABELS = {
    Status.ACTIVE: _("Aktivt"),
    Status.SPORADIC: _("Sporadiskt"),
    Status.DORMANT: _("Vilande"),
    Status.ENDED: pgettext_lazy("partnership status", "Avslutat"),
}


def _areas_field() -> forms.ModelMultipleChoiceField:
    """The areas (sectors) of a partnership or an activity, as checkboxes keyed by code."""
    return forms.ModelMultipleChoiceField(
        label=_("Områden"),
        queryset=sector_list(),
        required=False,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Place) -> str:
        return f"{obj.name} ({obj.country_id})"


class PartnershipFilterForm(forms.Form):
    q = forms.CharField(label=_("Ort"), required=False)
    country = forms.ModelChoiceField(
        label=_("Land"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("Alla länder"),
    )
    kind = forms.ChoiceField(label=_("Typ"), required=False, choices=[("", _("Alla typer")), *PartnershipKind.choices])
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla"))] + [(s.value, STATUS_LABELS[s]) for s in Status]
    )
    area = forms.ModelChoiceField(
        label=_("Område"),
        queryset=sector_list(),
        required=False,
        to_field_name="code",
        empty_label=_("Alla områden"),
    )

    def __init__(self, *args: Any, countries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries  # type: ignore[attr-defined]


class PartnershipForm(PlacePickerMixin, forms.Form):
    picker_fields = ("partner",)
    municipality = PlaceChoiceField(label=_("Kommun"), queryset=None)
    partner = PlaceChoiceField(
        label=_("Partnerort"),
        queryset=None,
        required=False,
        widget=PlacePicker,
        help_text=_(
            "Skriv några bokstäver av namnet, på valfritt språk, och välj orten i listan. "
            "Finns den inte, fyll i en ny ort nedan."
        ),
    )
    new_partner_name = forms.CharField(label=_("Ny ort: namn"), required=False, max_length=200)
    new_partner_country = forms.ModelChoiceField(
        label=_("Ny ort: land"), queryset=country_list(), required=False, to_field_name="code"
    )
    new_partner_kind = forms.ChoiceField(
        label=_("Ny ort: typ"), choices=PlaceKind.choices, initial=PlaceKind.CITY, required=False
    )
    kind = forms.ChoiceField(label=_("Typ av samarbete"), choices=PartnershipKind.choices)
    start = PartialDateFormField(
        label=pgettext_lazy("date", "Start"),
        required=False,
        help_text=_("Till exempel 12 mars 1989, mars 1989, 1985 eller 1940-talet."),
    )
    start_note = forms.CharField(label=_("Om starten"), required=False, max_length=300)
    end = PartialDateFormField(label=_("Slut"), required=False)
    end_reason = forms.ChoiceField(label=_("Skäl till slut"), choices=END_REASONS, required=False)
    end_note = forms.CharField(label=_("Om slutet"), required=False, max_length=300)
    areas = _areas_field()
    agreement_reference = forms.CharField(label=_("Avtal (diarienummer eller titel)"), required=False, max_length=300)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, municipalities: Any, partners: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
        if editing:
            for name in ("municipality", "partner", "new_partner_name", "new_partner_country", "new_partner_kind"):
                del self.fields[name]
        self.setup_pickers()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.resolve_pickers(data)
        new_partner_given = data.get("new_partner_name") and data.get("new_partner_country")
        if "partner" in self.fields and not data.get("partner") and not new_partner_given:
            self.add_error("partner", _("Välj en partnerort eller ange namn och land för en ny ort."))
        return data


class StatusOverrideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Fastställd status"),
        required=False,
        choices=[("", _("Ingen – använd den härledda"))] + [(s.value, STATUS_LABELS[s]) for s in Status],
    )
    reason = forms.CharField(label=_("Skäl"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActivityForm(PlacePickerMixin, forms.Form):
    picker_fields = ("counterpart",)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    kind = forms.ChoiceField(label=_("Typ"), choices=ActivityKind.choices)
    start = PartialDateFormField(
        label=_("Datum eller period från"), help_text=_("Till exempel 12 oktober 2023, 2023-10-12 eller oktober 2023.")
    )
    end = PartialDateFormField(label=_("Till"), required=False)
    partnership = forms.ModelChoiceField(label=pgettext_lazy("singular", "Partnerskap"), queryset=None, required=False)
    counterpart = PlaceChoiceField(
        label=_("Motpart (ort)"),
        queryset=None,
        required=False,
        widget=PlacePicker,
        help_text=_("Skriv några bokstäver och välj orten i listan."),
    )
    organiser = forms.ModelChoiceField(label=_("Arrangör"), queryset=actor_list(), required=False)
    new_organiser = forms.CharField(
        label=_("Eller en ny arrangör"),
        required=False,
        max_length=200,
        help_text=_("Namnet på en organisation som inte finns i listan; den läggs till i registret."),
    )
    new_organiser_kind = forms.ChoiceField(
        label=_("Den nya arrangörens typ"), choices=Actor.Kind.choices, initial=Actor.Kind.ASSOCIATION, required=False
    )
    participants_count = forms.IntegerField(
        label=_("Antal deltagare"), required=False, min_value=0, max_value=2_147_483_647
    )
    participants_note = forms.CharField(label=_("Om deltagarna"), required=False, max_length=200)
    topics = forms.CharField(label=_("Ämnen"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    areas = _areas_field()
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The fields a saved activity may change (its municipality and partnership stay).
    EDITABLE = (
        "title",
        "kind",
        "start",
        "end",
        "counterpart",
        "organiser",
        "participants_count",
        "participants_note",
        "topics",
        "description",
    )

    def __init__(self, *args: Any, partnerships: Any, places: Any, **kwargs: Any) -> None:
        """With `partnerships=None` the form edits a saved activity: no partnership choice."""
        super().__init__(*args, **kwargs)
        if partnerships is None:
            for name in ("partnership", "new_organiser", "new_organiser_kind"):
                del self.fields[name]
        else:
            self.fields["partnership"].queryset = partnerships  # type: ignore[attr-defined]
        self.fields["counterpart"].queryset = places  # type: ignore[attr-defined]
        self.setup_pickers()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.resolve_pickers(data)
        if data.get("organiser") and data.get("new_organiser"):
            self.add_error("new_organiser", _("Välj en arrangör i listan eller skriv en ny, inte båda."))
        if "new_organiser_kind" in self.fields and not data.get("new_organiser_kind"):
            data["new_organiser_kind"] = Actor.Kind.OTHER
        return data


class PlaceForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    official_name = forms.CharField(label=_("Officiellt namn"), max_length=200, required=False)
    population = forms.IntegerField(label=_("Invånare"), required=False, min_value=0)
    wikidata_qid = forms.RegexField(
        label=_("Wikidata-id"), regex=r"^(Q\d+)?$", required=False, max_length=20, help_text=_("Till exempel Q47034.")
    )
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)
