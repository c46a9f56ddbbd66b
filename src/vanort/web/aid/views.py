"""The aid check pages: the guided form, saved assessments (page, print, PDF), the country table."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

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
from vanort.accounts.selectors import is_admin
from vanort.core.errors import ApplicationError, ValidationFailed
from vanort.legal import pdf as legal_pdf
from vanort.legal import selectors as legal_selectors
from vanort.legal import services as legal_services
from vanort.legal.document import verdict_document
from vanort.legal.models import AidAssessment
from vanort.motions import selectors as motion_selectors
from vanort.motions.models import Motion
from vanort.registry.selectors import country_list
from vanort.web.aid import forms as aid_forms


def _lang() -> str:
    return aid.normalise_lang(get_language())


def _save_form(user: Any, data: Any = None, *, motion_id: str | None = None) -> aid_forms.SaveAssessmentForm:
    return aid_forms.SaveAssessmentForm(
        data,
        municipalities=legal_selectors.saving_municipalities(user),
        optional_municipality=is_admin(user),
        initial={"motion": motion_id} if motion_id else None,
    )


def _motion_for(user: Any, motion_id: int | None) -> Motion | None:
    """The motion an assessment is saved for, if the saver may see it (else a form error, not a 404)."""
    if motion_id is None:
        return None
    try:
        return motion_selectors.motion_get(motion_id, viewer=user)
    except Motion.DoesNotExist:
        return None


def aid_check(request: HttpRequest) -> HttpResponse:
    """GET only, no side effects: the URL is the case, so it can be shared and printed."""
    answers = aid_forms.answers_from_query(request.GET)
    relevant = aid.relevant_fields(answers, rulebook=legal_selectors.current_rulebook())
    submitted = aid_forms.case_query(request.GET)
    motion_id = request.GET.get("motion", "")
    motion_id = motion_id if motion_id.isdigit() and len(motion_id) < 19 else ""
    form = aid_forms.AidCaseForm(request.GET if submitted else None, relevant=relevant)
    may_save = legal_selectors.may_save_assessment(request.user)
    context: dict[str, Any] = {
        "form": form,
        "save_form": _save_form(request.user, motion_id=motion_id) if may_save else None,
        "motion_id": motion_id,
        # the "show" button was pressed: move focus and scroll to the verdict (vendored aid.js)
        "focus_result": bool(request.GET.get("visa")),
    }
    if submitted:
        case = form.case()
        missing = [name for name in relevant if name not in case and name != "decision_date"]
        context["missing"] = [aid_forms.QUESTIONS[name] for name in missing]
        if not missing:
            try:
                verdict = legal_services.check_case(case, lang=_lang())
            except aid.AidInputError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, _("Svaret kan inte användas; kontrollera det och försök igen."))
            else:
                context["doc"] = verdict_document(verdict, case, lang=_lang())
                context["answers"] = list(submitted.items())
    return render(request, "web/aid/check.html", context)


@login_required
@require_http_methods(["POST"])
def aid_save(request: HttpRequest) -> HttpResponse:
    answers = aid_forms.answers_from_query(request.POST)
    relevant = aid.relevant_fields(answers, rulebook=legal_selectors.current_rulebook())
    case = aid_forms.AidCaseForm(request.POST, relevant=relevant).case()
    save_form = _save_form(request.user, request.POST)
    if save_form.is_valid():
        motion = _motion_for(request.user, save_form.cleaned_data.get("motion"))
        try:
            if save_form.cleaned_data.get("motion") and motion is None:
                raise ValidationFailed(_("Motionen finns inte."), field="motion")
            assessment = legal_services.assessment_save(
                user=request.user,
                title=save_form.cleaned_data["title"],
                case=case,
                municipality=save_form.cleaned_data["municipality"],
                public=save_form.cleaned_data["public"],
                motion=motion,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect("web:aid_assessment_detail", pk=assessment.pk)
    else:
        messages.error(request, _("Ge bedömningen en rubrik och välj kommun."))
    # Back to the form with the case only: never echo the CSRF token or other POST fields in a URL.
    query = aid_forms.case_query(request.POST)
    if str(request.POST.get("motion", "")).isdigit():
        query["motion"] = str(request.POST["motion"])[:19]
    return redirect(f"{reverse('web:aid_check')}?{urlencode(query)}")


def _visible_assessment(request: HttpRequest, pk: int) -> AidAssessment:
    assessment = legal_selectors.assessment_visible(request.user, pk)
    if assessment is None:
        raise Http404
    return assessment


def aid_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    context = {
        "assessment": assessment,
        "doc": verdict_document(assessment.verdict, assessment.case, lang=_lang()),
        "show_saver": legal_selectors.may_see_saver(request.user, assessment),
    }
    return render(request, "web/aid/assessment.html", context)


def aid_assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _visible_assessment(request, pk)
    doc = verdict_document(assessment.verdict, assessment.case, lang=_lang())
    body = legal_pdf.render(
        doc,
        title=assessment.title,
        municipality=assessment.municipality.name if assessment.municipality else "",
        saved_on=assessment.created_at.date().isoformat(),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="stodbedomning-{assessment.pk}-{doc.lang}.pdf"'
    return response


def aid_assessments(request: HttpRequest) -> HttpResponse:
    drifts = legal_selectors.assessments_that_would_differ() if is_admin(request.user) else None
    page = Paginator(legal_selectors.assessments_visible(request.user), 25).get_page(request.GET.get("page"))
    rulebook = legal_selectors.current_rulebook()
    lang = _lang()
    labels = {o.value: t.get(lang) for o, t in rulebook.outcome_labels.items()}
    rows = [(a, labels.get(a.outcome, a.outcome)) for a in page]
    drift_rows = (
        None
        if drifts is None
        else [
            (d, labels.get(d.stored_outcome, d.stored_outcome), labels.get(d.now_outcome, d.now_outcome))
            for d in drifts
        ]
    )
    return render(request, "web/aid/assessments.html", {"page": page, "rows": rows, "drifts": drift_rows})


def aid_countries(request: HttpRequest) -> HttpResponse:
    country = (request.GET.get("country") or "").replace("\x00", "").strip().upper()[:2] or None
    lang = _lang()
    names = {c.code: c.name_for(lang) for c in country_list()}
    book = legal_selectors.current_rulebook()
    labels = {key: text.get(lang) for key, text in book.status_labels.items()}
    rows = [
        (
            r,
            names.get(r.country, r.country),
            labels.get(r.status, ""),
            book.table_text(r.basis).get(lang),
            book.table_text(r.source).get(lang),
            lang if book.has_table_text(r.basis) else "en",  # an edited row's note is as written (English)
        )
        for r in legal_selectors.status_rows(country)
    ]
    history = legal_selectors.status_history(20) if is_admin(request.user) else None
    return render(request, "web/aid/countries.html", {"rows": rows, "country": country or "", "history": history})
