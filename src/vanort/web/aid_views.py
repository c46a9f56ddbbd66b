"""The aid check pages: the guided form, saved assessments, the country table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vanort import aid
from vanort.accounts.selectors import is_admin, user_municipality_ids
from vanort.core.errors import ApplicationError
from vanort.legal import selectors as legal_selectors
from vanort.legal import services as legal_services
from vanort.registry.models import Country, Place
from vanort.web import aid_forms


def _rules_language() -> str:
    """The rules file speaks Swedish and English; Ukrainian readers get the English text."""
    return "sv" if (get_language() or "sv").startswith("sv") else "en"


def _verdict_context(verdict: dict[str, Any]) -> dict[str, Any]:
    rulebook = legal_selectors.current_rulebook()
    lang = _rules_language()
    fired = []
    for rule_id in verdict["rules"]:
        rule = rulebook.rule(rule_id)
        fired.append(
            {"id": rule.id, "text": rule.text.get(lang), "citations": rule.citations, "verified": rule.verified}
        )
    label = next((t.get(lang) for o, t in rulebook.outcome_labels.items() if o.value == verdict["outcome"]), "")
    return {"verdict": verdict, "fired": fired, "outcome_label": label, "explanation": verdict["explanation"].get(lang)}


def aid_check(request: HttpRequest) -> HttpResponse:
    """GET only, no side effects: the URL is the case, so it can be shared and printed."""
    answers = aid_forms.answers_from_query(request.GET)
    relevant = aid.relevant_fields(answers, rulebook=legal_selectors.current_rulebook())
    form = aid_forms.AidCaseForm(request.GET or None, relevant=relevant)
    context: dict[str, Any] = {"form": form, "save_form": aid_forms.SaveAssessmentForm()}
    if request.GET:
        case = form.case()
        missing = [name for name in relevant if name not in case and name != "decision_date"]
        context["missing"] = [aid_forms.QUESTIONS[name] for name in missing]
        if not missing:
            try:
                verdict = legal_services.check_case(case, lang=_rules_language())
            except aid.AidInputError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                context.update(_verdict_context(verdict))
                context["answers"] = [(k, request.GET[k]) for k in aid.FIELDS if request.GET.get(k)]
    return render(request, "web/aid/check.html", context)


@login_required
@require_http_methods(["POST"])
def aid_save(request: HttpRequest) -> HttpResponse:
    answers = aid_forms.answers_from_query(request.POST)
    relevant = aid.relevant_fields(answers, rulebook=legal_selectors.current_rulebook())
    case = aid_forms.AidCaseForm(request.POST, relevant=relevant).case()
    save_form = aid_forms.SaveAssessmentForm(request.POST)
    municipalities = user_municipality_ids(request.user)
    municipality = Place.objects.filter(pk__in=municipalities).first() if municipalities else None
    if save_form.is_valid():
        try:
            assessment = legal_services.assessment_save(
                user=request.user, title=save_form.cleaned_data["title"], case=case, municipality=municipality
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect("web:aid_assessment", pk=assessment.pk)
    else:
        messages.error(request, _("Ge bedömningen en rubrik."))
    return redirect(f"{reverse('web:aid_check')}?{request.POST.urlencode()}")


def aid_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = legal_selectors.assessments().filter(pk=pk).first()
    if assessment is None:
        raise Http404
    context = {"assessment": assessment, **_verdict_context(assessment.verdict)}
    return render(request, "web/aid/assessment.html", context)


def aid_assessments(request: HttpRequest) -> HttpResponse:
    drifts = legal_selectors.assessments_that_would_differ() if is_admin(request.user) else None
    page = Paginator(legal_selectors.assessments(), 25).get_page(request.GET.get("page"))
    return render(request, "web/aid/assessments.html", {"page": page, "drifts": drifts})


def aid_countries(request: HttpRequest) -> HttpResponse:
    country = (request.GET.get("country") or "").upper() or None
    names = dict(Country.objects.values_list("code", "name_sv"))
    rows = [(r, names.get(r.country, "")) for r in legal_selectors.status_rows(country)]
    history = legal_selectors.status_history(20) if is_admin(request.user) else None
    return render(request, "web/aid/countries.html", {"rows": rows, "country": country or "", "history": history})
