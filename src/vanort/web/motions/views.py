"""Motion pages: thin views over `vanort.motions` selectors and services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vanort.accounts.models import Role
from vanort.core.bounds import parse_id
from vanort.core.errors import ApplicationError
from vanort.core.http import download_response
from vanort.legal import selectors as legal_selectors
from vanort.motions import document, pdf, selectors, services
from vanort.motions.models import Attachment, Motion, OfficialOpinion, Referral
from vanort.motions.permissions import can_handle_motions
from vanort.motions.services import OPINION_HEADINGS
from vanort.motions.states import allowed_actions
from vanort.registry import selectors as registry_selectors
from vanort.registry.models import Place, PlaceKind
from vanort.web.motions import forms
from vanort.web.responses import apply_error as _apply_error
from vanort.web.responses import forbidden as _forbidden
from vanort.web.responses import form_status as _status
from vanort.web.responses import page_of


def _motion(pk: int, viewer: Any) -> Motion:
    try:
        return selectors.motion_get(pk, viewer=viewer)
    except Motion.DoesNotExist as exc:
        raise Http404 from exc


def _handler_municipalities(user: Any) -> Any:
    return registry_selectors.municipalities_of(user, roles=(Role.REGISTRAR, Role.CASE_OFFICER))


def motion_list(request: HttpRequest) -> HttpResponse:
    form = forms.MotionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    place = _filter_place(request)
    qs = selectors.motion_list(
        selectors.MotionFilters(
            state=data.get("state") or None, q=data.get("q") or None, place_id=place.pk if place else None
        ),
        viewer=request.user,
    )
    page = page_of(request, qs)
    return render(
        request,
        "web/motions/list.html",
        {
            "form": form,
            "page": page,
            "querystring": request.GET.urlencode(),
            "today": selectors.today(),
            "place": place,
            "can_create": request.user.is_authenticated and _handler_municipalities(request.user).exists(),
        },
    )


def _filter_place(request: HttpRequest) -> Place | None:
    """The place of `?place=` (the place page's "all motions" link); an unknown id shows all."""
    pk = parse_id(request.GET.get("place"))
    if pk is None:
        return None
    try:
        return registry_selectors.place_get(pk)
    except Place.DoesNotExist:
        return None


def _detail(request: HttpRequest, motion: Motion, *, status: int = 200, **forms_: Any) -> HttpResponse:
    can_edit = can_handle_motions(request.user, motion.municipality_id)
    allowed = allowed_actions(motion.state) if can_edit else []
    transitions = [
        forms_.get(f"t_{a.value}") or forms.TransitionForm(action=a, initial={"version": motion.version})
        for a in allowed
    ]
    # A refused action that is not possible from this state still shows its error, first.
    refused = [f for k, f in forms_.items() if k.startswith("t_") and k[2:] not in allowed]
    referrals_open = can_edit and services.referrals_open(motion)
    referral_forms = (
        {
            r.pk: forms.ReferralAnswerForm(initial={"version": r.version}, prefix=f"r{r.pk}")
            for r in motion.referrals.all()
            if r.answered_on is None
        }
        if referrals_open
        else {}
    )
    return render(
        request,
        "web/motions/detail.html",
        {
            "motion": motion,
            "can_edit": can_edit,
            "transitions": refused + transitions,
            "overdue": selectors.overdue(motion),
            "referral_form": (forms_.get("referral") or forms.ReferralForm(committees=_committee_names(motion)))
            if referrals_open
            else None,
            "referral_answer_forms": referral_forms,
            "attachment_form": forms_.get("attachment") or forms.AttachmentForm(),
            "opinion": getattr(motion, "opinion", None),
            "opinion_open": can_edit and services.opinion_open(motion),
            "history": selectors.motion_history(motion),
            "aid_assessments": legal_selectors.assessments_for_motion(request.user, motion.pk),
        },
        status=status,
    )


def _committee_names(motion: Motion) -> list[str]:
    return selectors.committee_names(motion.municipality_id)


def motion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _motion(pk, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def motion_create(request: HttpRequest) -> HttpResponse:
    municipalities = _handler_municipalities(request.user)
    if not municipalities.exists():
        return _forbidden(request)
    form = forms.MotionForm(
        request.POST or None,
        municipalities=municipalities,
        places=registry_selectors.foreign_places(),
        partnerships=registry_selectors.partnerships_of_municipalities(municipalities),
        initial={"municipality": municipalities.first()},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            motion = services.motion_create(
                user=request.user,
                municipality=d["municipality"],
                title=d["title"],
                filed_date=d["filed_date"],
                proposers=d["proposers"],
                body=d["body"],
                att_clauses=d["att_clauses"],
                text=d["text"],
                recipients=d["recipients"],
                places=d["places"],
                partnerships=d["partnerships"],
            )
        except ApplicationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Motionen är sparad som utkast."))
            return redirect("web:motion_detail", pk=motion.pk)
    return render(request, "web/motions/form.html", {"form": form, "creating": True}, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def motion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    if not can_handle_motions(request.user, motion.municipality_id):
        return _forbidden(request)
    initial = {
        "title": motion.title,
        "filed_date": motion.filed_date,
        "body": motion.body,
        "text": motion.text,
        "proposers": "\n".join(str(p) for p in motion.proposers.all()),
        "att_clauses": "\n".join(motion.att_clauses),
        "recipients": "\n".join(motion.recipients),
        "places": list(motion.places.all()),
        "partnerships": list(motion.partnerships.all()),
        "version": motion.version,
    }
    form = forms.MotionForm(
        request.POST or None,
        initial=initial,
        municipalities=None,
        places=registry_selectors.foreign_places(),
        partnerships=registry_selectors.partnerships_of_municipalities([motion.municipality_id]),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.motion_update(
                user=request.user,
                motion=motion,
                expected_version=d["version"] or 0,
                proposers=d["proposers"],
                places=d["places"],
                partnerships=d["partnerships"],
                **{k: d[k] for k in ("title", "filed_date", "body", "att_clauses", "text", "recipients")},
            )
        except ApplicationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("web:motion_detail", pk=motion.pk)
    return render(request, "web/motions/form.html", {"form": form, "motion": motion}, status=_status(form))


@login_required
@require_POST
def motion_transition(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    if not can_handle_motions(request.user, motion.municipality_id):
        return _forbidden(request)
    action = next((v for k, v in request.POST.items() if k.endswith("-action")), "")
    try:
        form = forms.TransitionForm(request.POST, action=action)
    except ValueError:
        form = forms.TransitionForm(request.POST, action="submit")
        form.add_error(None, _("Okänd åtgärd."))
        return _detail(request, motion, status=400, t_submit=form)
    if form.is_valid():
        try:
            services.motion_transition(
                user=request.user,
                motion=motion,
                action=action,
                expected_version=form.cleaned_data["version"],
                note=form.cleaned_data.get("note", ""),
                **form.service_inputs(),
            )
        except ApplicationError as error:
            if error.status == 403:
                return _forbidden(request)
            _apply_error(form, error)
        else:
            moved = _motion(pk, request.user)
            messages.success(request, _("Motionen är nu i läget ”%(state)s”.") % {"state": moved.get_state_display()})
            return redirect("web:motion_detail", pk=motion.pk)
    return _detail(request, _motion(pk, request.user), status=400, **{f"t_{action}": form})


@login_required
@require_POST
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    if not can_handle_motions(request.user, motion.municipality_id):  # permission before validation
        return _forbidden(request)
    form = forms.ReferralForm(request.POST, committees=_committee_names(motion))
    if form.is_valid():
        try:
            services.referral_create(user=request.user, motion=motion, **form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                return _forbidden(request)
            _apply_error(form, error)
        else:
            messages.success(request, _("Remissen är registrerad."))
            return redirect("web:motion_detail", pk=motion.pk)
    return _detail(request, motion, status=400, referral=form)


@login_required
@require_POST
def referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        referral = selectors.referral_get(pk)
    except Referral.DoesNotExist as exc:
        raise Http404 from exc
    if not can_handle_motions(request.user, referral.motion.municipality_id):  # permission before validation
        return _forbidden(request)
    form = forms.ReferralAnswerForm(request.POST, prefix=f"r{referral.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.referral_answer(
                user=request.user,
                referral=referral,
                expected_version=d["version"],
                answered_on=d["answered_on"],
                answer=d["answer"],
            )
        except ApplicationError as error:
            if error.status == 403:
                return _forbidden(request)
            _apply_error(form, error)
        else:
            messages.success(request, _("Remissvaret är sparat."))
            return redirect("web:motion_detail", pk=referral.motion_id)
    messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
    return _detail(request, _motion(referral.motion_id, request.user), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def opinion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    if not can_handle_motions(request.user, motion.municipality_id):
        return _forbidden(request)
    opinion: OfficialOpinion | None = getattr(motion, "opinion", None)
    initial: dict[str, Any] = {}
    if opinion is not None:
        by_heading = {s.heading: s.body for s in opinion.sections.all()}
        initial = {
            "date": opinion.date,
            "department": opinion.department,
            "decision_sentence": opinion.decision_sentence,
            "version": opinion.version,
            "signatories": "\n".join(f"{s.name}, {s.title}" for s in opinion.signatories.all()),
            **{f"section_{i}": by_heading.get(h, "") for i, h in enumerate(OPINION_HEADINGS)},
        }
    form = forms.OpinionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.opinion_save(
                user=request.user,
                motion=motion,
                date=d["date"],
                department=d["department"],
                decision_sentence=d["decision_sentence"],
                sections=form.sections(),
                signatories=d["signatories"],
                expected_version=d["version"],
            )
        except ApplicationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Tjänsteutlåtandet är sparat."))
            return redirect("web:motion_detail", pk=motion.pk)
    return render(request, "web/motions/opinion_form.html", {"form": form, "motion": motion}, status=_status(form))


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                user=request.user, motion=motion, title=form.cleaned_data["title"], file=form.cleaned_data.get("file")
            )
        except ApplicationError as error:
            if error.status == 403:
                return _forbidden(request)
            _apply_error(form, error)
        else:
            messages.success(request, _("Bilagan är tillagd."))
            return redirect("web:motion_detail", pk=motion.pk)
    return _detail(request, motion, status=400, attachment=form)


def attachment_file(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """The attachment's file, as a download, for whoever may read the motion."""
    try:
        attachment = selectors.attachment_get(pk, attachment_pk, viewer=request.user)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
    if not attachment.has_file:
        raise Http404
    return download_response(attachment.content, filename=attachment.filename, content_type=attachment.content_type)


def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    return render(request, "web/motions/proposal.html", {"motion": motion, "doc": document.build(motion)})


def proposal_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    motion = _motion(pk, request.user)
    response = HttpResponse(pdf.proposal_pdf(motion), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.file_name(motion)}"'
    return response


def _home_municipality(request: HttpRequest) -> Place | None:
    code = request.GET.get("kommun") or settings.VANORT_HOME_MUNICIPALITY
    try:
        return registry_selectors.place_by_code(code, kind=PlaceKind.KOMMUN)
    except Place.DoesNotExist:
        return None


def _home_municipality_id(request: HttpRequest) -> int | None:
    place = _home_municipality(request)
    return place.pk if place else None


def deadlines(request: HttpRequest) -> HttpResponse:
    municipality_id = _home_municipality_id(request)
    return render(
        request,
        "web/motions/deadlines.html",
        {
            "overdue": selectors.motions_overdue(municipality_id=municipality_id),
            "due_soon": selectors.motions_due_soon(municipality_id=municipality_id),
            "days": selectors.DUE_SOON_DAYS,
            "today": selectors.today(),
        },
    )


def deadlines_report(request: HttpRequest) -> HttpResponse:
    """The printable list of motions not decided within a year (5 kap. 35 § KL)."""
    municipality = _home_municipality(request)
    return render(
        request,
        "web/motions/report.html",
        {
            "motions": selectors.motions_overdue(municipality_id=municipality.pk if municipality else None),
            "municipality": municipality,
            "today": selectors.today(),
        },
    )
