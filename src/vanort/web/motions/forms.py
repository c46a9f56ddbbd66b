"""Forms of the motion pages. They validate input shape; the motion services decide what is allowed."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vanort.core.forms import DayFormField, RecordsField
from vanort.motions.labels import ACTION_LABELS
from vanort.motions.models import MotionOutcome, MotionState
from vanort.motions.services import INPUT_NEEDED, INPUT_NOT_TAKEN, OPINION_HEADINGS, ProposerIn
from vanort.motions.states import TRANSITIONS, Action, Input, InputKind
from vanort.registry.models import Place

_PROPOSER = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<party>[^()]{1,20})\))?\s*$")
_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
_CHOOSE: list[tuple[str, Any]] = [("", _("– Välj –"))]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MotionFilterForm(forms.Form):
    q = forms.CharField(label=_("Sök (rubrik, förslagsställare, diarienummer)"), required=False)
    state = forms.ChoiceField(label=_("Läge"), required=False, choices=[("", _("Alla lägen")), *MotionState.choices])


class PlaceMultipleField(RecordsField):
    def label_from_instance(self, obj: Place) -> str:
        return f"{obj.name} ({obj.country_id})"


class MotionForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=None)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    filed_date = DayFormField(label=_("Inlämnad"), **_DATE)
    proposers = forms.CharField(
        label=_("Förslagsställare"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En per rad, med parti inom parentes: Bo Källström (L)"),
    )
    body = forms.CharField(label=_("Sammanfattning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    att_clauses = forms.CharField(
        label=_("Att-satser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("En att-sats per rad."),
    )
    text = forms.CharField(label=_("Motionstext"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    recipients = forms.CharField(
        label=_("Beslutet ska skickas till"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En mottagare per rad. ”Samtliga nämnder” blir kommunens alla nämnder."),
    )
    places = PlaceMultipleField(label=_("Orter som motionen gäller"), queryset=None, required=False)
    partnerships = RecordsField(
        label=_("Partnerskap som motionen gäller"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, municipalities: Any, places: Any, partnerships: Any, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["places"].queryset = places  # type: ignore[attr-defined]
        self.fields["partnerships"].queryset = partnerships  # type: ignore[attr-defined]
        if editing:
            del self.fields["municipality"]

    def clean_proposers(self) -> list[ProposerIn]:
        result = []
        for line in _lines(self.cleaned_data["proposers"]):
            m = _PROPOSER.match(line)
            assert m is not None
            result.append(ProposerIn(m.group("name").strip(), (m.group("party") or "").strip()))
        if not result:
            raise forms.ValidationError(_("Ange minst en förslagsställare."))
        return result

    def clean_att_clauses(self) -> list[str]:
        return _lines(self.cleaned_data["att_clauses"])

    def clean_recipients(self) -> list[str]:
        return _lines(self.cleaned_data["recipients"])


#: The label of each action input the form offers (`states.TRANSITIONS`), by input name.
INPUT_LABELS = {
    "raised_on": _("Väckt i fullmäktige"),
    "recommendation": _("Kommunstyrelsens förslag"),
    "board_date": _("Kommunstyrelsens sammanträde"),
    "outcome": _("Fullmäktiges beslut"),
    "decided_on": _("Beslutsdatum"),
    "paragraph": _("Paragraf"),
    "diarie_number": _("Löpnummer (tomt = nästa lediga)"),
    "dispatched_on": _("Expedieringsdatum"),
    "recipients": _("Mottagare (en per rad; tomt = enligt motionen)"),
}


def _input_field(spec: Input) -> forms.Field:
    """The form field of one action input: its kind decides the widget, the spec its bounds."""
    common: dict[str, Any] = {
        "label": INPUT_LABELS[spec.name],
        "required": spec.required,
        "error_messages": {"required": INPUT_NEEDED},
    }
    if spec.kind == InputKind.DATE:
        return DayFormField(**common, **_DATE)
    if spec.kind == InputKind.OUTCOME:  # no outcome is chosen in advance: the officer picks one
        return forms.ChoiceField(choices=_CHOOSE + MotionOutcome.choices, **common)
    if spec.kind == InputKind.NUMBER:
        return forms.IntegerField(min_value=spec.minimum, max_value=spec.maximum, **common)
    if spec.kind == InputKind.LINES:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
    return forms.CharField(max_length=spec.max_length, **common)


class TransitionForm(forms.Form):
    """One action of the workflow, with the inputs that action takes (`states.TRANSITIONS`)."""

    action = forms.ChoiceField(choices=[(a.value, a.value) for a in Action], widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"t-{action}")
        super().__init__(*args, **kwargs)
        self.action = action
        self.label = ACTION_LABELS.get(action, action)
        self.spec = TRANSITIONS[Action(action)]
        for spec in self.spec.inputs:
            if spec.in_form:
                self.fields[spec.name] = _input_field(spec)
        self.fields["note"] = forms.CharField(
            label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields["action"].initial = action

    def clean(self) -> dict[str, Any]:
        """A posted input this action does not take is refused, as the service and the API refuse it."""
        cleaned = super().clean() or {}
        lead = f"{self.prefix}-"
        if any(k.startswith(lead) and k[len(lead) :] not in self.fields for k in self.data):
            raise forms.ValidationError(INPUT_NOT_TAKEN)
        return cleaned

    def service_inputs(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"action", "version", "note"}}
        for spec in self.spec.inputs:
            if spec.kind == InputKind.LINES and spec.name in data:
                data[spec.name] = _lines(data[spec.name]) or None
        return {k: v for k, v in data.items() if v not in (None, "")}


class ReferralForm(forms.Form):
    committee = forms.CharField(label=_("Remissinstans"), max_length=200)
    sent_on = DayFormField(label=_("Skickad"), **_DATE)
    due_on = DayFormField(label=_("Svar senast"), help_text=_("Planerat datum."), **_DATE)

    def __init__(self, *args: Any, committees: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if committees:  # the municipality's registered committees, to choose from
            self.fields["committee"] = forms.ChoiceField(
                label=_("Remissinstans"), choices=_CHOOSE + [(name, name) for name in committees]
            )


class ReferralAnswerForm(forms.Form):
    answered_on = DayFormField(label=_("Svar inkom"), **_DATE)
    answer = forms.CharField(label=_("Svar"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class OpinionForm(forms.Form):
    date = DayFormField(label=_("Datum"), **_DATE)
    department = forms.CharField(label=_("Förvaltning"), max_length=200, initial="Kommunstyrelsens förvaltning")
    decision_sentence = forms.CharField(
        label=_("Förslag till beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Lämnas tomt för en mening som byggs av kommunstyrelsens förslag."),
    )
    signatories = forms.CharField(
        label=_("Underskrifter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("En per rad: namn, titel"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, heading in enumerate(OPINION_HEADINGS):
            self.fields[f"section_{i}"] = forms.CharField(
                label=heading, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )

    def sections(self) -> list[tuple[str, str]]:
        return [(h, self.cleaned_data.get(f"section_{i}", "")) for i, h in enumerate(OPINION_HEADINGS)]

    def clean_signatories(self) -> list[tuple[str, str]]:
        result = []
        for line in _lines(self.cleaned_data["signatories"]):
            name, _sep, title = line.partition(",")
            result.append((name.strip(), title.strip()))
        return result


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Bilagans rubrik"), max_length=300)
    file = forms.FileField(label=_("Fil"), required=False)
