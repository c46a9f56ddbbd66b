import pytest

from vanort.core.errors import Conflict, PermissionDenied, ValidationFailed
from vanort.core.system import SYSTEM
from vanort.documents import services
from vanort.documents.models import Extraction, Repair, SourceDocument
from vanort.motions.models import Motion
from vanort.registry.models import Partnership, Source

pytestmark = pytest.mark.django_db


def _counts():
    return (SourceDocument.objects.count(), Repair.objects.count(), Extraction.objects.count())


def test_import_stores_text_repairs_and_fields(seed_bytes, reference_data):
    document, created = services.document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    assert created
    assert document.municipality.code == "0126"
    assert document.document_kind == "motion_answer"
    assert "Källström" in document.repaired_text
    assert document.repaired_text.count("\n") == document.text.count("\n")
    assert document.extraction.fields["motion"]["proposed_decision"] == "besvarad"
    assert document.repairs.filter(decision="accepted").count() > 300


def test_reimport_of_the_same_bytes_changes_nothing(seed_bytes, reference_data):
    first, _ = services.document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    before = _counts()
    again, created = services.document_import(user=SYSTEM, data=seed_bytes, filename="other-name.txt")
    assert (again.pk, created, _counts()) == (first.pk, False, before)


def test_pdf_text_layer_is_read(pdf_bytes, huddinge):
    document, _ = services.document_import(user=SYSTEM, data=pdf_bytes, filename="motion.pdf", municipality=huddinge)
    assert document.source_kind == "pdf"
    assert "vänort med Irpin" in document.text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"%PDF-1.4\n1 0 obj broken", "broken_pdf"),
    ],
)
def test_bad_files_get_a_clear_error_and_leave_nothing(data, code, reference_data):
    with pytest.raises(ValidationFailed) as err:
        services.document_import(user=SYSTEM, data=data, filename="bad.pdf" if data.startswith(b"%PDF") else "bad.txt")
    assert (err.value.code, err.value.field) == (code, "file")
    assert _counts() == (0, 0, 0)


def test_too_large_file_is_refused(settings, reference_data):
    settings.VANORT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationFailed) as err:
        services.document_import(user=SYSTEM, data=b"Hej " * 100, filename="big.txt")
    assert err.value.code == "too_large"
    assert _counts() == (0, 0, 0)


def test_user_without_role_cannot_import(seed_bytes, user_factory, reference_data):
    with pytest.raises(PermissionDenied):
        services.document_import(user=user_factory(), data=seed_bytes, filename="seed.txt")
    assert _counts() == (0, 0, 0)


@pytest.fixture
def seed_document(seed_bytes, reference_data):
    from vanort.motions.demo import load_committees

    load_committees()
    document, _ = services.document_import(user=SYSTEM, data=seed_bytes, filename="seed.txt")
    return document


def test_apply_creates_the_motion_case_and_partnerships(seed_document, case_officer):
    extraction = services.extraction_apply(
        user=case_officer, document=seed_document, expected_version=seed_document.extraction.version
    )
    motion = Motion.objects.get(pk=extraction.result["motion"]["motion"])
    assert (motion.state, motion.recommendation, str(motion.filed_date), str(motion.deadline)) == (
        "board_proposal",
        "besvarad",
        "2023-02-13",
        "2024-02-13",
    )
    assert [(p.name, p.party) for p in motion.proposers.all()] == [("Bo Källström", "L")]
    assert motion.events.count() >= 7  # every step is logged, nothing skipped
    partners = {p.other(seed_document.municipality_id).name for p in Partnership.objects.all()}
    assert {"Vanda", "Askim", "Nuuk"} <= partners
    assert all(s.document_checksum == seed_document.checksum for s in Source.objects.filter(partnership__isnull=False))
    seed_document.refresh_from_db()
    assert seed_document.status == "applied"


def test_apply_twice_is_refused(seed_document, case_officer):
    services.extraction_apply(user=case_officer, document=seed_document, expected_version=1)
    with pytest.raises(Conflict):
        services.extraction_apply(user=case_officer, document=seed_document, expected_version=2)
    assert Motion.objects.count() == 1


def test_other_municipality_cannot_apply_and_nothing_is_created(seed_document, other_officer):
    with pytest.raises(PermissionDenied):
        services.extraction_apply(user=other_officer, document=seed_document, expected_version=1)
    assert (Motion.objects.count(), Partnership.objects.count()) == (0, 0)


def test_rejecting_a_repair_restores_the_ocr_word_and_refreshes_fields(seed_document, case_officer):
    repair = seed_document.repairs.get(before="Kallstrom")
    services.repair_decide(user=case_officer, repair=repair, accept=False)
    seed_document.refresh_from_db()
    line = seed_document.repaired_text.split("\n")[repair.line - 1]
    assert "Kallstrom" in line
    assert seed_document.extraction.version == 2


def test_stale_review_cannot_be_applied(seed_document, case_officer):
    repair = seed_document.repairs.filter(decision="accepted").first()
    services.repair_decide(user=case_officer, repair=repair, accept=False)
    with pytest.raises(Conflict):
        services.extraction_apply(user=case_officer, document=seed_document, expected_version=1)
    assert Motion.objects.count() == 0


def test_apply_after_demo_does_not_duplicate(seed_document, case_officer):
    from vanort.registry.demo import load_demo

    load_demo()
    before = Partnership.objects.count()
    extraction = services.extraction_apply(user=case_officer, document=seed_document, expected_version=1)
    assert Partnership.objects.count() == before
    assert {r["result"] for r in extraction.result["partnerships"]} == {"linked"}


def test_other_municipality_cannot_take_over_or_review_a_document(seed_document, other_officer, botkyrka):
    repair = seed_document.repairs.get(before="Kallstrom")
    with pytest.raises(PermissionDenied):
        services.document_set_municipality(user=other_officer, document=seed_document, municipality=botkyrka)
    with pytest.raises(PermissionDenied):
        services.repair_decide(user=other_officer, repair=repair, accept=False)
    seed_document.refresh_from_db()
    repair.refresh_from_db()
    assert (seed_document.municipality.code, repair.decision) == ("0126", "accepted")


def test_refused_apply_does_not_move_the_document(seed_document, case_officer, user_factory, botkyrka):
    from vanort.accounts.models import Role

    both = user_factory(role=Role.CASE_OFFICER, municipality=seed_document.municipality)
    from vanort.accounts.services import membership_grant

    membership_grant(user=both, municipality_id=botkyrka.pk, role=Role.CASE_OFFICER)
    with pytest.raises(Conflict):
        services.extraction_apply(user=both, document=seed_document, expected_version=99, municipality=botkyrka)
    seed_document.refresh_from_db()
    assert seed_document.municipality.code == "0126"
