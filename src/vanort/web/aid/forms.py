"""The guided aid form: only the questions that matter given the answers so far.

Which questions matter is the engine's call (`vanort.aid.relevant_fields`); the questions and
answers in words are the legal app's (`vanort.legal.document`, shared with the saved document);
this module turns form answers into the engine's JSON case.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vanort import aid
from vanort.core.forms import DayFormField
from vanort.legal.document import ANSWERS, QUESTIONS
from vanort.registry.selectors import country_list

__all__ = ["ANSWERS", "QUESTIONS", "AidCaseForm", "SaveAssessmentForm", "answers_from_query", "case_query"]


def _choice_value(value: Any) -> str:
    return {True: "true", False: "false"}.get(value, value) if isinstance(value, bool) else str(value)


class AidCaseForm(forms.Form):
    """Fields are added for the relevant questions only."""

    def __init__(self, data: Any, *, relevant: list[str]) -> None:
        super().__init__(data)
        for name in relevant:
            label = QUESTIONS[name]
            if name == "recipient_country":
                self.fields[name] = forms.ModelChoiceField(
                    label=label,
                    queryset=country_list(),
                    to_field_name="code",
                    empty_label=_("Välj land"),
                    required=False,
                )
            elif name == "decision_date":
                self.fields[name] = DayFormField(
                    label=label,
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}),
                    help_text=_("Tomt: i dag."),
                )
            else:
                choices = [(_choice_value(v), ANSWERS.get(v, str(v))) for v in aid.FIELD_CHOICES[name]]
                self.fields[name] = forms.ChoiceField(
                    label=label, choices=choices, required=False, widget=forms.RadioSelect
                )

    def case(self) -> dict[str, Any]:
        """The JSON case for the engine, from the answers given so far."""
        case: dict[str, Any] = {}
        for name, field in self.fields.items():
            raw = self.data.get(name)
            if not raw:
                continue
            if name == "recipient_country":
                case[name] = str(raw).upper()
            elif raw in ("true", "false"):
                case[name] = raw == "true"
            else:
                case[name] = raw
            if isinstance(field, forms.DateField):
                case[name] = str(raw)
        return case


def answers_from_query(query: Any) -> dict[str, Any]:
    """Raw answers (for the engine's relevance function) from the request's query string."""
    answers: dict[str, Any] = {}
    for name in aid.FIELDS:
        raw = query.get(name)
        if raw:
            answers[name] = {"true": True, "false": False}.get(raw, raw.upper() if name == "recipient_country" else raw)
    return answers


def case_query(query: Any) -> dict[str, str]:
    """Only the case's answers from a query or POST (never a CSRF token or a title)."""
    return {name: str(query[name]) for name in aid.FIELDS if query.get(name)}


class SaveAssessmentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik för bedömningen"), max_length=300)
    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=None, required=False)  # type: ignore[arg-type]
    public = forms.BooleanField(
        label=_("Publicera bedömningen (alla kan läsa den; ditt namn visas inte)"),
        required=False,
        initial=False,
    )
    motion = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**63 - 1)

    def __init__(self, *args: Any, municipalities: Any, optional_municipality: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optional_municipality = optional_municipality
        field = self.fields["municipality"]
        field.queryset = municipalities  # type: ignore[attr-defined]
        field.empty_label = _("Ingen kommun") if optional_municipality else None  # type: ignore[attr-defined]

    def clean_municipality(self) -> Any:
        """The chosen municipality; the only one when the user has one and sent none."""
        chosen = self.cleaned_data.get("municipality")
        if chosen is None and not self.optional_municipality:
            choices = list(self.fields["municipality"].queryset[:2])  # type: ignore[attr-defined]
            if len(choices) != 1:
                raise forms.ValidationError(_("Välj kommun."))
            chosen = choices[0]
        return chosen
