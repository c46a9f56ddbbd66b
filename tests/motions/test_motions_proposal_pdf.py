"""The anonymous proposal PDF: bounded sections, cached per version of what it shows (issue 8, low)."""

from datetime import date

import pytest

from vanort.core.errors import ValidationFailed
from vanort.motions import pdf, selectors, services
from vanort.motions.document import MAX_SECTION_CHARS

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_motion(motion_factory, registrar, advance):
    motion = advance(motion_factory(), "in_preparation")
    services.opinion_save(
        user=registrar,
        motion=motion,
        date=date(2024, 5, 1),
        sections=[("Sammanfattning", "Kort.")],
        signatories=[("Eva", "Kommundirektör")],
    )
    return motion


def test_pdf_is_rendered_once_per_version(client, public_motion, registrar, monkeypatch):
    renders = []
    real = pdf.render
    monkeypatch.setattr(pdf, "render", lambda doc: renders.append(1) or real(doc))
    url = f"/api/motions/{public_motion.pk}/proposal.pdf"
    first, second = client.get(url), client.get(f"/motioner/{public_motion.pk}/forslag.pdf")
    assert first.content == second.content
    assert len(renders) == 1
    opinion = selectors.motion_get(public_motion.pk).opinion
    services.opinion_save(
        user=registrar,
        motion=public_motion,
        date=date(2024, 5, 2),
        expected_version=opinion.version,
        sections=[("Sammanfattning", "Längre.")],
        signatories=[("Eva", "Kommundirektör")],
    )
    client.get(url)
    assert len(renders) == 2


def test_overlong_section_is_refused(public_motion, registrar):
    opinion = selectors.motion_get(public_motion.pk).opinion
    with pytest.raises(ValidationFailed) as err:
        services.opinion_save(
            user=registrar,
            motion=public_motion,
            date=date(2024, 5, 2),
            expected_version=opinion.version,
            signatories=[],
            sections=[("Sammanfattning", "x" * (MAX_SECTION_CHARS + 1))],
        )
    assert err.value.field == "sections"
