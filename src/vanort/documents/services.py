"""Writes for documents: import (idempotent per checksum), review repairs, apply extractions.

Applying goes through the motions and registry services, so imported records obey the same
rules, permissions and event logs as records typed in by a person.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from vanort.accounts.selectors import user_municipality_ids
from vanort.core.errors import Conflict, PermissionDenied, ValidationFailed
from vanort.core.partial_dates import parse_optional
from vanort.documents.models import Extraction, ImportJob, Repair, SourceDocument
from vanort.documents.permissions import can_apply, can_review, require_apply, require_import
from vanort.motions import services as motion_services
from vanort.motions.models import Motion
from vanort.motions.services import OPINION_HEADINGS
from vanort.registry import selectors as registry_selectors
from vanort.registry import services as registry_services
from vanort.registry.models import Partnership, Place, PlaceKind, Source
from vanort.registry.permissions import can_edit_places
from vanort.textrepair import DocumentAnalysis, DocumentError, analyse_document, extract_fields, extract_text, segment
from vanort.textrepair.extract import Progress


def max_upload_bytes() -> int:
    return int(getattr(settings, "VANORT_MAX_UPLOAD_BYTES", 20_000_000))


def _guess_municipality(fields: dict[str, Any]) -> Place | None:
    """The home municipality named in the partnership facts, if it is a Swedish kommun."""
    for fact in fields.get("partnership_facts", []):
        if fact.get("a"):
            place = registry_selectors.place_list(country="SE", kind=PlaceKind.KOMMUN, q=fact["a"]).first()
            if place is not None:
                return place
    return None


def _municipality_required() -> ValidationFailed:
    return ValidationFailed(
        _("Välj vilken kommun dokumentet hör till."), field="municipality", code="municipality_required"
    )


def _resolve_municipality(user: Any, municipality: Place | None, fields: dict[str, Any] | None) -> Place:
    """The given municipality (the user must belong to it), else the one the document names
    if the user belongs to it, else the user's only municipality. Never none."""
    if municipality is not None:
        require_apply(user, municipality.pk)
        return municipality
    if fields is not None:
        guess = _guess_municipality(fields)
        if guess is not None and can_apply(user, guess.pk):
            return guess
    mine = user_municipality_ids(user) if getattr(user, "pk", None) is not None else frozenset()
    if len(mine) == 1:
        return registry_selectors.place_get(next(iter(mine)))
    raise _municipality_required()


def _analyse(data: bytes, filename: str, progress: Progress | None = None) -> DocumentAnalysis:
    from vanort.ocr import default_ocr  # Tesseract and PDFium live outside the pure core

    try:
        return analyse_document(data, filename, max_bytes=max_upload_bytes(), ocr=default_ocr(), progress=progress)
    except DocumentError as exc:
        raise ValidationFailed(exc.message, field="file", code=exc.code) from exc


def document_precheck(*, data: bytes, filename: str) -> None:
    """The checks that need no OCR (size, type, a readable PDF structure, text encoding), so a
    bad file is refused at upload and not only later by the background job."""
    if len(data) > max_upload_bytes():
        raise ValidationFailed(
            _("Filen är större än %(mb)s MB.") % {"mb": max_upload_bytes() // 1_000_000}, field="file", code="too_large"
        )
    try:
        extract_text(data, filename, max_bytes=max_upload_bytes())
    except DocumentError as exc:
        if exc.code not in {"no_text", "needs_ocr"}:  # these are what OCR is for
            raise ValidationFailed(exc.message, field="file", code=exc.code) from exc


def _store(
    *, user: Any, data: bytes, filename: str, digest: str, municipality: Place, analysis: DocumentAnalysis
) -> SourceDocument:
    fields = analysis.to_contract_dict()
    document = SourceDocument.objects.create(
        checksum=digest,
        filename=filename[-255:],
        content=data,
        size=len(data),
        source_kind=analysis.extracted.source_kind,
        encoding=analysis.extracted.encoding or "",
        evidence=(analysis.extracted.evidence or "")[:300],
        document_kind=fields["document"]["kind"],
        title=(fields["document"]["title"] or filename)[:500],
        text=analysis.extracted.text,
        repaired_text=analysis.repair.text,
        tokens=analysis.repair.tokens,
        ocr_pages=analysis.extracted.ocr_pages,
        municipality=municipality,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    Repair.objects.bulk_create(
        [
            Repair(
                document=document,
                line=c.line + 1,
                start=c.start,
                end=c.end,
                before=c.before[:200],
                after=c.after[:200],
                confidence=c.confidence,
                decision=Repair.Decision.ACCEPTED if c.applied else Repair.Decision.PENDING,
            )
            for c in analysis.repair.changes
        ]
    )
    Extraction.objects.create(document=document, fields=fields)
    return document


def _existing(digest: str, municipality: Place) -> SourceDocument | None:
    return SourceDocument.objects.filter(checksum=digest, municipality=municipality).first()


@transaction.atomic
def document_import(
    *,
    user: Any,
    data: bytes,
    filename: str,
    municipality: Place | None = None,
    progress: Progress | None = None,
) -> tuple[SourceDocument, bool]:
    """Read a document now (the CLI; the web uses :func:`import_job_start`) and store it with
    its proposed repairs and fields. Returns (document, created).

    The document belongs to ``municipality``, else to the municipality it names (if the user
    belongs there), else to the user's only municipality; otherwise it is refused. The same
    bytes imported again into the same municipality return the first import unchanged.
    """
    require_import(user)
    digest = hashlib.sha256(data).hexdigest()
    if municipality is not None:
        require_apply(user, municipality.pk)
        existing = _existing(digest, municipality)
        if existing is not None:
            return existing, False
    analysis = _analyse(data, filename, progress)
    municipality = _resolve_municipality(user, municipality, analysis.to_contract_dict())
    existing = _existing(digest, municipality)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            document = _store(
                user=user, data=data, filename=filename, digest=digest, municipality=municipality, analysis=analysis
            )
    except IntegrityError:  # the same file imported concurrently: the other import won
        return SourceDocument.objects.get(checksum=digest, municipality=municipality), False
    return document, True


# -- background import jobs ------------------------------------------------------------------

STALE_AFTER = timedelta(minutes=10)  # a running job not heard of for this long was killed


def _require_job(user: Any, job: ImportJob) -> None:
    if not can_apply(user, job.municipality_id):
        raise PermissionDenied(_("Du får bara se inläsningar för din egen kommun."))


def import_job_start(
    *, user: Any, data: bytes, filename: str, municipality: Place | None
) -> tuple[ImportJob | None, SourceDocument | None]:
    """Queue a file for reading in the background. Returns (job, None), or (None, document)
    when the same bytes are already a document of this municipality."""
    require_import(user)
    municipality = _resolve_municipality(user, municipality, None)
    document_precheck(data=data, filename=filename)
    digest = hashlib.sha256(data).hexdigest()
    existing = _existing(digest, municipality)
    if existing is not None:
        return None, existing
    with transaction.atomic():
        job = ImportJob.objects.create(
            municipality=municipality,
            uploaded_by=user if getattr(user, "pk", None) else None,
            filename=filename[-255:],
            content=data,
            checksum=digest,
        )
        _enqueue(job)
    job.refresh_from_db()
    return job, None


def _enqueue(job: ImportJob) -> None:
    from vanort.documents.tasks import import_job_task

    import_job_task.enqueue(job.pk)


def import_job_run(job_id: int) -> None:
    """The worker's side: read the file, then write document, repairs and extraction in one
    transaction. A failure marks the job failed with the reason; nothing else is written."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == ImportJob.Status.DONE:
        return
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        pages_done=0,
        pages_total=0,
        error="",
        error_code="",
        updated_at=timezone.now(),
    )

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(pages_done=done, pages_total=total, updated_at=timezone.now())

    data = bytes(job.content)
    try:
        analysis = _analyse(data, job.filename, progress)
    except ValidationFailed as exc:
        _job_failed(job_id, exc.code, exc.message)
        return
    except Exception:
        _job_failed(job_id, "internal", _("Ett oväntat fel avbröt inläsningen. Försök igen."))
        raise
    try:
        with transaction.atomic():
            document = _existing(job.checksum, job.municipality) or _store(
                user=job.uploaded_by,
                data=data,
                filename=job.filename,
                digest=job.checksum,
                municipality=job.municipality,
                analysis=analysis,
            )
            # the bytes now live in the document; the job keeps only its record
            ImportJob.objects.filter(pk=job_id).update(
                status=ImportJob.Status.DONE, document=document, content=b"", updated_at=timezone.now()
            )
    except Exception:
        _job_failed(job_id, "internal", _("Ett oväntat fel avbröt inläsningen. Försök igen."))
        raise


def _job_failed(job_id: int, code: str, message: str) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, error_code=code[:40], error=message[:500], updated_at=timezone.now()
    )


def import_job_get(*, user: Any, pk: int) -> ImportJob:
    """Raises ImportJob.DoesNotExist, also for another municipality's job."""
    job = ImportJob.objects.select_related("document").defer("content").get(pk=pk)
    if not can_apply(user, job.municipality_id):
        raise ImportJob.DoesNotExist
    return job


def import_job_is_stale(job: ImportJob) -> bool:
    return job.status in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING} and (
        timezone.now() - job.updated_at > STALE_AFTER
    )


def import_job_retry(*, user: Any, job: ImportJob) -> ImportJob:
    """Run a failed job, or one whose worker was killed (no word for STALE_AFTER), again."""
    _require_job(user, job)
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportJob.Status.FAILED and not import_job_is_stale(locked):
            raise Conflict(_("Inläsningen pågår redan eller är klar."), code="job_not_retryable")
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, updated_at=timezone.now())
        _enqueue(locked)
    job.refresh_from_db()
    return job


def _require_review(user: Any, document: SourceDocument) -> None:
    if not can_review(user, document.municipality_id):
        raise PermissionDenied(_("Du får bara granska dokument för din egen kommun."))


def render_repaired(document: SourceDocument) -> str:
    """The OCR text with the accepted repairs applied; line structure unchanged."""
    lines = document.text.split("\n")
    accepted: dict[int, list[Repair]] = {}
    for r in document.repairs.filter(decision=Repair.Decision.ACCEPTED):
        accepted.setdefault(r.line, []).append(r)
    for number, repairs in accepted.items():
        line = lines[number - 1]
        for r in sorted(repairs, key=lambda x: x.start, reverse=True):
            line = line[: r.start] + r.after + line[r.end :]
        lines[number - 1] = line
    return "\n".join(lines)


MAX_WORD = 200


@transaction.atomic
def repair_decide(*, user: Any, repair: Repair, accept: bool, correction: str | None = None) -> Repair:
    """Accept or reject one repair, or type the right word instead (``correction``); the
    repaired text and the extracted fields follow."""
    document = SourceDocument.objects.select_for_update().get(pk=repair.document_id)
    _require_review(user, document)
    if document.status == SourceDocument.Status.APPLIED:
        raise Conflict(_("Dokumentet är redan inläst; rättningarna kan inte ändras."), code="already_applied")
    if correction is not None:
        correction = correction.strip()
        if not correction or len(correction) > MAX_WORD or "\x00" in correction or "\n" in correction:
            raise ValidationFailed(
                _("Skriv det rätta ordet (1–%(n)s tecken, på en rad).") % {"n": MAX_WORD}, field="correction"
            )
        repair.after = correction
        repair.decision = Repair.Decision.ACCEPTED
    else:
        repair.decision = Repair.Decision.ACCEPTED if accept else Repair.Decision.REJECTED
    repair.decided_by = user if getattr(user, "pk", None) else None
    repair.save(update_fields=["after", "decision", "decided_by"])
    _refresh_fields(document)
    return repair


def _refresh_fields(document: SourceDocument) -> None:
    document.repaired_text = render_repaired(document)
    document.save(update_fields=["repaired_text"])
    extraction = document.extraction
    fields = extract_fields(document.repaired_text).to_dict()
    changed = document.repairs.filter(decision=Repair.Decision.ACCEPTED).count()
    # corrections a person typed into the fields survive a re-extraction
    edited = extraction.fields.get("edited") or {}
    if fields.get("motion") and edited:
        fields["motion"] = {**fields["motion"], **edited}
    extraction.fields = {
        **fields,
        "repair": {"tokens": document.tokens, "changed": changed},
        **({"edited": edited} if edited else {}),
    }
    extraction.version += 1
    extraction.save(update_fields=["fields", "version"])


PROPOSED_DECISIONS = ("bifall", "delvis_bifall", "avslag", "besvarad", "avskriven")
MAX_TITLE = 500


@transaction.atomic
def extraction_edit(
    *, user: Any, document: SourceDocument, expected_version: int, motion: dict[str, Any]
) -> Extraction:
    """A reviewer corrects the motion's fields before applying: title, dates, proposed
    decision, att-clauses and recipients. Stale edits and bad values are refused."""
    document = SourceDocument.objects.select_for_update().get(pk=document.pk)
    _require_review(user, document)
    extraction = Extraction.objects.select_for_update().get(document=document)
    if extraction.status == Extraction.Status.APPLIED:
        raise Conflict(_("Dokumentet är redan inläst."), code="already_applied")
    if extraction.version != expected_version:
        raise Conflict(_("Fälten har ändrats sedan du öppnade sidan. Ladda om och försök igen."))
    clean: dict[str, Any] = {}
    title = str(motion.get("title") or "").strip()
    if not title or len(title) > MAX_TITLE or "\x00" in title:
        raise ValidationFailed(_("Motionen behöver en titel (högst 500 tecken)."), field="title")
    clean["title"] = title
    for key in ("filed_date", "opinion_date"):
        value = str(motion.get(key) or "").strip()
        if value:
            parsed = _iso(value, key)
            assert parsed is not None
            if not 1900 <= parsed.year <= 2100:
                raise ValidationFailed(_("Ogiltigt datum i dokumentet."), field=key)
            clean[key] = parsed.isoformat()
        else:
            clean[key] = None
    if clean["filed_date"] is None:
        raise ValidationFailed(_("Ange när motionen väcktes."), field="filed_date")
    decision = str(motion.get("proposed_decision") or "").strip() or None
    if decision is not None and decision not in PROPOSED_DECISIONS:
        raise ValidationFailed(_("Okänt förslag till beslut."), field="proposed_decision")
    clean["proposed_decision"] = decision
    for key in ("att_clauses", "recipients"):
        items = [line.strip() for line in motion.get(key) or [] if line.strip()]
        if any(len(item) > 2000 or "\x00" in item for item in items) or len(items) > 100:
            raise ValidationFailed(_("För lång eller ogiltig rad."), field=key)
        clean[key] = items
    fields = dict(extraction.fields)
    fields["motion"] = {**(fields.get("motion") or {"proposers": [], "signatories": []}), **clean}
    fields["edited"] = clean
    extraction.fields = fields
    extraction.version += 1
    extraction.save(update_fields=["fields", "version"])
    return extraction


def _source(document: SourceDocument, locator: str) -> Source:
    return registry_services.source_get_or_create(
        title=document.title,
        kind=Source.Kind.DOCUMENT,
        citation=document.filename,
        locator=locator,
        document_checksum=document.checksum,
    )


def _line_of(text: str, needle: str) -> str:
    for number, line in enumerate(text.split("\n"), start=1):
        if needle and needle.casefold() in line.casefold():
            return f"rad {number}"
    return ""


def _iso(value: str | None, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed(_("Ogiltigt datum i dokumentet."), field=field) from exc


def _apply_motion(user: Any, document: SourceDocument, motion: dict[str, Any]) -> dict[str, Any]:
    municipality = document.municipality
    filed = _iso(motion.get("filed_date"), "filed_date")
    if municipality is None or filed is None or not motion.get("title"):
        return {"motion": None, "note": "motion needs a municipality, a title and a filed date"}
    existing = Motion.objects.filter(municipality=municipality, title__iexact=motion["title"], filed_date=filed).first()
    if existing is not None:
        return {"motion": existing.pk, "state": existing.state, "note": "linked"}
    source = _source(document, _line_of(document.repaired_text, motion["title"][:30]))
    m = motion_services.motion_create(
        user=user,
        municipality=municipality,
        title=motion["title"],
        filed_date=filed,
        proposers=[motion_services.ProposerIn(p["name"], p.get("party") or "") for p in motion["proposers"]]
        or [motion_services.ProposerIn(_("Okänd"))],
        att_clauses=motion.get("att_clauses", []),
        recipients=motion.get("recipients", []),
        source=source,
    )
    note = _("Inläst från dokumentet %(name)s") % {"name": document.filename}
    m = motion_services.motion_submit(user=user, motion=m, expected_version=m.version, note=note)
    m = motion_services.motion_register(user=user, motion=m, expected_version=m.version, note=note)
    m = motion_services.motion_raise(user=user, motion=m, expected_version=m.version, raised_on=filed, note=note)
    opinion_date = _iso(motion.get("opinion_date"), "opinion_date")
    if document.document_kind == "motion_answer" and opinion_date is not None:
        m = motion_services.motion_start_preparation(user=user, motion=m, expected_version=m.version, note=note)
        sections = [
            (s.heading, s.text)
            for s in segment(document.repaired_text)
            if s.heading.casefold() in {h.casefold() for h in OPINION_HEADINGS}
        ]
        motion_services.opinion_save(
            user=user,
            motion=m,
            date=opinion_date,
            sections=sections,
            signatories=[(s["name"], s.get("title") or "") for s in motion.get("signatories", [])],
        )
        m = motion_services.motion_complete_opinion(user=user, motion=m, expected_version=m.version, note=note)
        if motion.get("proposed_decision"):
            m = motion_services.motion_propose(
                user=user, motion=m, expected_version=m.version, recommendation=motion["proposed_decision"], note=note
            )
    return {"motion": m.pk, "state": m.state, "note": "created"}


def _partner(name: str, country: str | None, document: SourceDocument) -> Place | None:
    if not country:
        return None
    found = (
        registry_selectors.place_list(country=country, q=name)
        .exclude(kind__in=[PlaceKind.REGION, PlaceKind.OBLAST])
        .first()
    )
    if found is not None:
        return found
    return registry_services.place_get_or_create(
        kind=PlaceKind.CITY,
        country_code=country,
        name=name,
        source=_source(document, _line_of(document.repaired_text, name)),
    )


def _apply_fact(user: Any, document: SourceDocument, fact: dict[str, Any]) -> dict[str, Any]:
    home = document.municipality
    row = {"b": fact["b"], "country": fact.get("country")}
    if home is None or not can_edit_places(user, {home.pk}):
        return {**row, "result": "skipped: needs a case officer of the municipality"}
    partner = _partner(fact["b"], fact.get("country"), document)
    if partner is None:
        return {**row, "result": "skipped: partner country unknown"}
    low, high = sorted([home, partner], key=lambda p: p.pk)
    existing = Partnership.objects.filter(place_a=low, place_b=high, kind=fact["kind"]).first()
    if existing is not None:
        return {**row, "place": partner.pk, "place_name": partner.name, "result": "linked", "partnership": existing.pk}
    start = parse_optional(fact.get("start"), field="partnership_facts")
    end = parse_optional(fact.get("end"), field="partnership_facts")
    place_row = {"place": partner.pk, "place_name": partner.name}
    p = registry_services.partnership_create(
        user=user,
        place_a=home,
        place_b=partner,
        kind=fact["kind"],
        start=start,
        end=end,
        end_reason="terminated" if fact.get("status") == "ended" else "",
        end_note=_("Avslutat enligt dokumentet.") if fact.get("status") == "ended" else "",
        source=_source(document, _line_of(document.repaired_text, fact["b"])),
    )
    return {**row, **place_row, "result": "created", "partnership": p.pk}


@transaction.atomic
def extraction_apply(
    *, user: Any, document: SourceDocument, expected_version: int, municipality: Place | None = None
) -> Extraction:
    """A person accepts the extracted fields: create the motion case and the partnership facts.

    All or nothing (choosing the municipality included); applying twice is refused; a stale
    review (fields changed since the page was read) is refused.
    """
    if municipality is not None and municipality.pk != document.municipality_id:
        document = document_set_municipality(user=user, document=document, municipality=municipality)
    require_apply(user, document.municipality_id)
    extraction = Extraction.objects.select_for_update().get(document=document)
    if extraction.status == Extraction.Status.APPLIED:
        raise Conflict(_("Dokumentet är redan inläst."), code="already_applied")
    if extraction.version != expected_version:
        raise Conflict(_("Fälten har ändrats sedan du öppnade sidan. Ladda om och försök igen."))
    fields = extraction.fields
    result: dict[str, Any] = {"motion": None, "partnerships": []}
    if fields.get("motion"):
        result["motion"] = _apply_motion(user, document, fields["motion"])
    result["partnerships"] = [_apply_fact(user, document, f) for f in fields.get("partnership_facts", [])]
    extraction.status = Extraction.Status.APPLIED
    extraction.result = result
    extraction.applied_by = user if getattr(user, "pk", None) else None
    extraction.applied_at = timezone.now()
    extraction.version += 1
    extraction.save()
    SourceDocument.objects.filter(pk=document.pk).update(status=SourceDocument.Status.APPLIED)
    return extraction


@transaction.atomic
def document_set_municipality(*, user: Any, document: SourceDocument, municipality: Place) -> SourceDocument:
    """Move a document to another municipality: allowed for someone of both (or an admin)."""
    require_apply(user, document.municipality_id)
    require_apply(user, municipality.pk)
    if document.status == SourceDocument.Status.APPLIED:
        raise Conflict(_("Dokumentet är redan inläst."), code="already_applied")
    if SourceDocument.objects.filter(municipality=municipality, checksum=document.checksum).exists():
        raise Conflict(_("Kommunen har redan ett dokument med samma innehåll."), code="duplicate_document")
    document.municipality = municipality
    document.save(update_fields=["municipality"])
    return document
