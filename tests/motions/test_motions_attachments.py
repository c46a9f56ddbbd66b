"""Motion attachments: limited size and type, bytes stored in the row, served as downloads
with the motion's read permission (issue 8, medium)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vanort.core.errors import ValidationFailed
from vanort.motions import services
from vanort.motions.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, motion, name, data, title="Bilaga"):
    return client.post(
        reverse("web:motion_attachment_add", args=[motion.pk]), {"title": title, "file": SimpleUploadedFile(name, data)}
    )


def test_pdf_is_stored_in_the_row_and_downloaded_as_attachment(client, registrar, motion_factory, settings):
    motion = motion_factory()
    client.force_login(registrar)
    assert _upload(client, motion, "motion.pdf", PDF).status_code == 302
    a = Attachment.objects.get()
    assert (bytes(a.content), a.filename, a.size, a.content_type) == (PDF, "motion.pdf", len(PDF), "application/pdf")
    assert not (settings.MEDIA_ROOT / "motions").exists() or not any((settings.MEDIA_ROOT / "motions").iterdir())
    page = client.get(reverse("web:motion_detail", args=[motion.pk])).content.decode()
    url = reverse("web:motion_attachment_file", args=[motion.pk, a.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response.content == PDF


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("sida.html", b"<html><script>alert(1)</script></html>"),
        ("sida.pdf", b"<html><script>alert(1)</script></html>"),
        ("program.exe", b"MZ\x90\x00"),
        ("text.txt", b"\xff\xfe\x00\x00binary"),
        ("tom.pdf", b""),
    ],
)
def test_wrong_types_are_refused_and_nothing_is_written(client, registrar, motion_factory, name, data):
    motion = motion_factory()
    client.force_login(registrar)
    response = _upload(client, motion, name, data)
    assert response.status_code == 400
    assert Attachment.objects.count() == 0


def test_too_large_file_is_refused(client, registrar, motion_factory, settings):
    settings.VANORT_MAX_ATTACHMENT_BYTES = 1000
    motion = motion_factory()
    client.force_login(registrar)
    response = _upload(client, motion, "stor.pdf", PDF + b"0" * 2000)
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert Attachment.objects.count() == 0


def test_service_refuses_bad_type_with_field(registrar, motion_factory):
    with pytest.raises(ValidationFailed) as err:
        services.attachment_add(
            user=registrar, motion=motion_factory(), title="x", file=SimpleUploadedFile("x.svg", b"<svg/>")
        )
    assert err.value.field == "file"


def test_file_of_a_never_submitted_motion_is_not_served_to_others(client, registrar, motion_factory, other_officer):
    motion = motion_factory()
    a = services.attachment_add(user=registrar, motion=motion, title="x", file=SimpleUploadedFile("a.pdf", PDF))
    urls = [
        reverse("web:motion_attachment_file", args=[motion.pk, a.pk]),
        f"/api/motions/{motion.pk}/attachments/{a.pk}/file",
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(other_officer)
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(registrar)
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response.content) == (200, PDF)
        assert response["Content-Disposition"].startswith("attachment;")


def test_attachment_id_of_another_motion_is_a_404(client, registrar, motion_factory):
    m1, m2 = motion_factory(), motion_factory(title="Annan")
    a = services.attachment_add(user=registrar, motion=m1, title="x", file=SimpleUploadedFile("a.pdf", PDF))
    client.force_login(registrar)
    assert client.get(reverse("web:motion_attachment_file", args=[m2.pk, a.pk])).status_code == 404
