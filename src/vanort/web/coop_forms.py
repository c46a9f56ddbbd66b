"""Forms of the cooperation pages. They validate input shape; the cooperation services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vanort.cooperation.models import Form, Language, Urgency
from vanort.registry.models import Place, Sector

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class SectorField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Sector) -> str:
        return str(obj)


class NeedFilterForm(forms.Form):
    sector = SectorField(
        label=_("Område"), queryset=Sector.objects.all(), required=False, empty_label=_("Alla områden")
    )
    oblast = forms.ModelChoiceField(
        label=_("Oblast"), queryset=Place.objects.none(), required=False, empty_label=_("Alla oblast")
    )
    urgency = forms.ChoiceField(label=_("Brådska"), required=False, choices=[("", _("All brådska")), *Urgency.choices])

    def __init__(self, *args: Any, oblasts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["oblast"].queryset = oblasts  # type: ignore[attr-defined]


class NeedForm(forms.Form):
    place = forms.ModelChoiceField(label=_("Ort"), queryset=Place.objects.none())
    sector = SectorField(label=_("Område"), queryset=Sector.objects.all())
    form = forms.ChoiceField(label=_("Form av stöd"), choices=Form.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    language = forms.ChoiceField(label=_("Textens språk"), choices=Language.choices, initial="uk")
    quantity = forms.IntegerField(label=_("Antal"), required=False, min_value=1, max_value=1_000_000)
    urgency = forms.ChoiceField(label=_("Brådska"), choices=Urgency.choices, initial="normal")
    deadline = forms.DateField(label=_("Behövs senast"), required=False, **_DATE)

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]


class OfferForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=Place.objects.none())
    sector = SectorField(label=_("Område"), queryset=Sector.objects.all())
    form = forms.ChoiceField(label=_("Form av stöd"), choices=Form.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    language = forms.ChoiceField(label=_("Textens språk"), choices=Language.choices, initial="sv")
    quantity = forms.IntegerField(label=_("Antal"), required=False, min_value=1, max_value=1_000_000)
    spare = forms.BooleanField(label=_("Överbliven utrustning som kommunen inte längre behöver"), required=False)
    available_until = forms.DateField(label=_("Tillgängligt till"), required=False, **_DATE)

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31)


class TransitionForm(VersionForm):
    action = forms.CharField(widget=forms.HiddenInput, max_length=30)
    note = forms.CharField(label=_("Anteckning"), required=False, max_length=2000)


class ApproveForm(VersionForm):
    decision_date = forms.DateField(label=_("Beslutsdatum"), **_DATE)


class ConditionForm(forms.Form):
    done = forms.BooleanField(required=False)
