"""Document pages: upload, review the OCR repairs as a diff, check the fields, apply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vanort.core.errors import ApplicationError
from vanort.documents import selectors, services
from vanort.documents.models import ImportJob, Repair, SourceDocument
from vanort.documents.permissions import can_import, can_review
from vanort.motions.models import MotionOutcome
from vanort.registry.selectors import municipalities_of
from vanort.web.documents import forms
from vanort.web.responses import form_status


def document_list(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()
    page = Paginator(selectors.document_list(q=q or None, viewer=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "web/documents/list.html", {"page": page, "q": q, "can_import": can_import(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest) -> HttpResponse:
    """Queue the file for reading in the background and show the job's progress."""
    form = forms.UploadForm(request.POST or None, request.FILES or None, municipalities=municipalities_of(request.user))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.max_upload_bytes():
            form.add_error(
                "file", _("Filen är större än %(mb)s MB.") % {"mb": services.max_upload_bytes() // 1_000_000}
            )
        else:
            try:
                job, existing = services.import_job_start(
                    user=request.user,
                    data=upload.read(),
                    filename=upload.name,
                    municipality=form.cleaned_data["municipality"],
                )
            except ApplicationError as error:
                form.add_error(error.field if error.field in ("file", "municipality") else None, error.message)
            else:
                if existing is not None:
                    messages.info(request, _("Samma fil är redan inläst; här är den."))
                    return redirect("web:document_detail", pk=existing.pk)
                assert job is not None
                if job.status == ImportJob.Status.DONE and job.document_id:
                    messages.success(request, _("Dokumentet är inläst. Granska rättningarna och fälten."))
                    return redirect("web:document_detail", pk=job.document_id)
                return redirect("web:document_job", pk=job.pk)
    return render(request, "web/documents/upload.html", {"form": form}, status=form_status(form))


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    try:
        return services.import_job_get(user=request.user, pk=pk)
    except ImportJob.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_http_methods(["GET"])
def document_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; htmx polls the status fragment until the review is ready."""
    job = _job_or_404(request, pk)
    context = {"job": job, "stale": services.import_job_is_stale(job)}
    if request.headers.get("HX-Request"):
        response = render(request, "web/documents/_job_status.html", context)
        if job.status == ImportJob.Status.DONE and job.document_id:
            response["HX-Redirect"] = reverse("web:document_detail", kwargs={"pk": job.document_id})
        return response
    return render(request, "web/documents/job.html", context)


@login_required
@require_http_methods(["POST"])
def document_job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    try:
        services.import_job_retry(user=request.user, job=job)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.info(request, _("Inläsningen körs igen."))
    return redirect("web:document_job", pk=pk)


LINES_PER_PAGE = 150


def kind_label(kind: str) -> str:
    labels = {
        "motion_answer": _("Svar på motion"),
        "motion": _("Motion"),
        "minutes": _("Protokoll"),
        "other": _("Annat dokument"),
    }
    return str(labels.get(kind, kind))


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.document_get(pk, viewer=request.user)
    except SourceDocument.DoesNotExist as exc:
        raise Http404 from exc
    repairs = list(document.repairs.all())
    for repair in repairs:
        repair.page = (repair.line - 1) // LINES_PER_PAGE + 1  # type: ignore[attr-defined]
    lines = Paginator(selectors.review_lines(document), LINES_PER_PAGE).get_page(request.GET.get("rader"))
    fields = document.extraction.fields
    motion = fields.get("motion") or {}
    return render(
        request,
        "web/documents/detail.html",
        {
            "document": document,
            "lines": lines,
            "kind_label": kind_label(fields.get("document", {}).get("kind", document.document_kind)),
            "extraction": document.extraction,
            "fields": fields,
            "repairs": repairs,
            "pending": [r for r in repairs if r.decision == Repair.Decision.PENDING],
            "applied_changes": [r for r in repairs if r.decision != Repair.Decision.PENDING],
            "can_review": can_review(request.user, document.municipality_id)
            and document.status == SourceDocument.Status.REVIEW,
            "municipalities": municipalities_of(request.user) if request.user.is_authenticated else [],
            "decisions": [(code, label) for code, label in MotionOutcome.choices],
            "att_text": "\n".join(motion.get("att_clauses") or []),
            "recipients_text": "\n".join(motion.get("recipients") or []),
        },
    )


@login_required
@require_http_methods(["POST"])
def repair_decide(request: HttpRequest, pk: int, repair_pk: int) -> HttpResponse:
    repair = selectors.repair_of_document(pk, repair_pk)
    if repair is None:
        raise Http404
    before = repair.before
    correction = request.POST.get("correction")
    accept = request.POST.get("accept") == "1"
    try:
        repair = services.repair_decide(
            user=request.user, repair=repair, accept=accept, correction=correction if correction is not None else None
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if correction is not None:
            text = _("Rad %(line)s: «%(before)s» rättades till «%(after)s» som du skrev.")
        elif accept:
            text = _("Rad %(line)s: «%(before)s» rättades till «%(after)s».")
        else:
            text = _("Rad %(line)s: förslaget «%(after)s» avvisades; «%(before)s» står kvar som i OCR-texten.")
        messages.success(request, text % {"line": repair.line, "before": before, "after": repair.after})
    return redirect(f"{request.path.rsplit('/rattning/', 1)[0]}/#repair-{repair_pk}")


@login_required
@require_http_methods(["POST"])
def document_edit_fields(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.document_get(pk, viewer=request.user)
        version = int(request.POST.get("version", ""))
    except SourceDocument.DoesNotExist as exc:
        raise Http404 from exc
    except ValueError:
        messages.error(request, _("Ogiltig begäran: ladda om sidan och försök igen."))
        return redirect("web:document_detail", pk=pk)
    post = request.POST
    try:
        services.extraction_edit(
            user=request.user,
            document=document,
            expected_version=version,
            motion={
                "title": post.get("title", ""),
                "filed_date": post.get("filed_date", ""),
                "opinion_date": post.get("opinion_date", ""),
                "proposed_decision": post.get("proposed_decision", ""),
                "att_clauses": post.get("att_clauses", "").splitlines(),
                "recipients": post.get("recipients", "").splitlines(),
            },
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Fälten är rättade."))
    return redirect(f"{reverse('web:document_detail', kwargs={'pk': pk})}#h-fields")


@login_required
@require_http_methods(["POST"])
def document_apply(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        document = selectors.document_get(pk, viewer=request.user)
    except SourceDocument.DoesNotExist as exc:
        raise Http404 from exc
    form = forms.ApplyForm(request.POST, municipalities=municipalities_of(request.user))
    if not form.is_valid():
        messages.error(request, _("Ogiltig begäran: ladda om sidan och försök igen."))
        return redirect("web:document_detail", pk=pk)
    try:
        services.extraction_apply(
            user=request.user,
            document=document,
            expected_version=form.cleaned_data["version"],
            municipality=form.cleaned_data["municipality"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Fälten är inlästa i registret."))
    return redirect("web:document_detail", pk=pk)
