"""The guided aid form: only the questions that matter given the answers so far.

Which questions matter is the engine's call (`vanort.aid.relevant_fields`); this module only
gives them Swedish-first labels and turns form answers into the engine's JSON case.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vanort import aid
from vanort.registry.models import Country

QUESTIONS = {
    "giver": _("Vem ger stödet?"),
    "owner_authorised": _(
        "Har ägaren (kommunen eller regionen) beslutat att bolaget eller förbundet får lämna bistånd?"
    ),
    "recipient_country": _("Mottagarland"),
    "decision_date": _("Beslutsdatum"),
    "activity": _("Vad gäller det?"),
    "form": _("Vilken form har stödet?"),
    "fin_purpose": _("Vad ska pengarna användas till?"),
    "linked_equipment_permitted": _("Är den donation som pengarna hör till själv tillåten?"),
    "equipment_origin": _("Var kommer utrustningen från?"),
    "disaster": _("Är landet i behov av katastrofhjälp (krig, återuppbyggnad efter krig, naturkatastrof, nödläge)?"),
    "goods_type": _("Vilken sorts varor?"),
    "recipient_entity": _("Vem tar emot stödet?"),
    "use_verification_plan": _("Finns en plan för att följa upp att stödet används som avsett?"),
    "decision_body": _("Vem fattar beslutet?"),
}

ANSWERS = {
    "kommun": _("Kommunen"),
    "region": _("Regionen"),
    "kommunalt_bolag": _("Ett kommunalt bolag"),
    "kommunalforbund": _("Ett kommunalförbund"),
    "aid": _("Bistånd: stöd till partnern"),
    "twinning_exchange": _("Vänortsutbyte med nytta för kommunen själv"),
    "service_export": _("Tjänsteexport på affärsmässiga villkor"),
    "equipment": _("Utrustning"),
    "advice": _("Rådgivning"),
    "training": _("Utbildning"),
    "other_in_kind": _("Annat stöd i natura"),
    "financial": _("Pengar"),
    "training_advice_costs": _("Kostnader för utbildning och rådgivning"),
    "transport_setup": _("Transport och iordningställande av skänkt utrustning"),
    "commissioning_personnel": _("Personal som tar skänkt utrustning i bruk"),
    "other": _("Annat"),
    "spare": _("Kommunen behöver den inte längre"),
    "in_use": _("Den används i verksamheten"),
    "purchased_for_donation": _("Den köps in för att skänkas"),
    "civil": _("Civila varor"),
    "dual_use": _("Produkter med dubbla användningsområden"),
    "military": _("Militära varor"),
    "foreign_public": _("En offentlig aktör i landet, t.ex. en kommun"),
    "international_aid_org": _("En internationell biståndsorganisation"),
    "ngo_channel": _("En ideell organisation som förmedlar stödet"),
    "private": _("En privat aktör"),
    "fullmaktige": _("Fullmäktige"),
    "styrelse_or_namnd": _("Styrelse eller nämnd"),
    "delegate": _("Delegat"),
    "bolagsstyrelse": _("Bolagsstyrelse"),
    "none": _("Inget beslut ännu"),
    True: _("Ja"),
    False: _("Nej"),
}


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
                    queryset=Country.objects.order_by("name_sv"),
                    to_field_name="code",
                    empty_label=_("Välj land"),
                    required=False,
                )
            elif name == "decision_date":
                self.fields[name] = forms.DateField(
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


class SaveAssessmentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik för bedömningen"), max_length=300)
