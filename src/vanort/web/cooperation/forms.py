"""Forms of the cooperation pages. They validate input shape; the cooperation services decide."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vanort import aid
from vanort.cooperation.models import Form, Language, Urgency
from vanort.core.forms import DayFormField, PartialDateFormField, RecordsField
from vanort.registry.models import ActivityKind, Sector
from vanort.registry.selectors import sector_list
from vanort.web.aid.forms import ANSWERS, QUESTIONS

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class SectorField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Sector) -> str:
        return str(obj)


class NeedFilterForm(forms.Form):
    sector = SectorField(label=_("Område"), queryset=sector_list(), required=False, empty_label=_("Alla områden"))
    oblast = forms.ModelChoiceField(label=_("Oblast"), queryset=None, required=False, empty_label=_("Alla oblast"))
    urgency = forms.ChoiceField(label=_("Brådska"), required=False, choices=[("", _("All brådska")), *Urgency.choices])

    def __init__(self, *args: Any, oblasts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["oblast"].queryset = oblasts  # type: ignore[attr-defined]


class InitiativeFilterForm(forms.Form):
    sector = SectorField(label=_("Område"), queryset=sector_list(), required=False, empty_label=_("Alla områden"))


class SectorsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Sector) -> str:
        return str(obj)


class OnceForm(forms.Form):
    """A creating form with a one-time token: submitting it again (a double click) creates nothing new."""

    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex

    def renew_key(self) -> None:
        """A fresh token, for a form shown again after its token was refused."""
        self.data = self.data.copy()
        self.data[self.add_prefix("idempotency_key")] = uuid.uuid4().hex


class NeedForm(OnceForm):
    place = forms.ModelChoiceField(label=_("Ort"), queryset=None)
    sector = SectorField(label=_("Område"), queryset=sector_list())
    form = forms.ChoiceField(label=_("Form av stöd"), choices=Form.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    language = forms.ChoiceField(label=_("Textens språk"), choices=Language.choices, initial="uk")
    quantity = forms.IntegerField(label=_("Antal"), required=False, min_value=1, max_value=1_000_000)
    urgency = forms.ChoiceField(label=_("Brådska"), choices=Urgency.choices, initial="normal")
    deadline = DayFormField(label=_("Behövs senast"), required=False, **_DATE)

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places  # type: ignore[attr-defined]


class OfferForm(OnceForm):
    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=None)
    sector = SectorField(label=_("Område"), queryset=sector_list())
    form = forms.ChoiceField(label=_("Form av stöd"), choices=Form.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    language = forms.ChoiceField(label=_("Textens språk"), choices=Language.choices, initial="sv")
    quantity = forms.IntegerField(label=_("Antal"), required=False, min_value=1, max_value=1_000_000)
    spare = forms.BooleanField(label=_("Överbliven utrustning som kommunen inte längre behöver"), required=False)
    available_until = DayFormField(label=_("Tillgängligt till"), required=False, **_DATE)

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class InitiativeForm(OnceForm):
    """A new initiative of a known actor (or of the municipality itself) with its partner places."""

    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=None)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    actor = forms.ModelChoiceField(
        label=_("Känd aktör"), queryset=None, required=False, empty_label=_("Kommunen själv")
    )
    partner_places = RecordsField(
        label=_("Partnerorter"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    sectors = SectorsField(
        label=_("Områden"), queryset=sector_list(), required=False, widget=forms.CheckboxSelectMultiple
    )
    period_start = DayFormField(label=_("Från"), required=False, **_DATE)
    period_end = DayFormField(label=_("Till"), required=False, **_DATE)

    def __init__(self, *args: Any, municipalities: Any, actors: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["actor"].queryset = actors  # type: ignore[attr-defined]
        self.fields["partner_places"].queryset = places  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31)


class TransitionForm(VersionForm):
    action = forms.CharField(widget=forms.HiddenInput, max_length=30)
    note = forms.CharField(label=_("Anteckning"), required=False, max_length=2000)


class ApproveForm(VersionForm):
    decision_date = DayFormField(label=_("Beslutsdatum"), **_DATE)


class ConditionForm(forms.Form):
    done = forms.BooleanField(required=False)


def _answers(values: Any) -> list[tuple[str, Any]]:
    return [(v.value, ANSWERS.get(v.value, v.value)) for v in values]


class ContributionForm(forms.Form):
    """A contribution to an initiative; labels are the guided aid form's questions."""

    form = forms.ChoiceField(label=QUESTIONS["form"], choices=Form.choices)
    purpose = forms.CharField(label=_("Syfte"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    value_sek = forms.DecimalField(
        label=_("Värde (kr)"), required=False, min_value=0, max_value=10**12, max_digits=15, decimal_places=2
    )
    recipient_place = forms.ModelChoiceField(label=_("Mottagare"), queryset=None)
    recipient_entity = forms.ChoiceField(label=QUESTIONS["recipient_entity"], choices=_answers(aid.RecipientEntity))
    planned_on = DayFormField(label=_("Datum"), required=False, **_DATE)
    equipment_origin = forms.ChoiceField(
        label=QUESTIONS["equipment_origin"], required=False, choices=[("", "–"), *_answers(aid.EquipmentOrigin)]
    )
    fin_purpose = forms.ChoiceField(
        label=QUESTIONS["fin_purpose"], required=False, choices=[("", "–"), *_answers(aid.FinPurpose)]
    )
    decision_body = forms.ChoiceField(
        label=QUESTIONS["decision_body"], choices=_answers(aid.DecisionBody), initial="delegate"
    )

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_place"].queryset = places  # type: ignore[attr-defined]


class VisitForm(forms.Form):
    """A study visit of the initiative; personal data only where needed (a count, names optional)."""

    title = forms.CharField(label=_("Rubrik"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=[
            (ActivityKind.STUDY_VISIT_IN.value, ActivityKind.STUDY_VISIT_IN.label),
            (ActivityKind.STUDY_VISIT_OUT.value, ActivityKind.STUDY_VISIT_OUT.label),
        ],
    )
    start = PartialDateFormField(label=_("Datum eller period från"))
    participants_count = forms.IntegerField(label=_("Antal deltagare"), required=False, min_value=0, max_value=100_000)
    participants_note = forms.CharField(
        label=_("Om deltagarna"), required=False, max_length=200, help_text=_("Namn bara när de behövs.")
    )
    topics = forms.CharField(label=_("Ämnen"), required=False, max_length=2000)
