"""A saved aid assessment can belong to a motion: the motion's officer-report section links it
and its PDF (issue 12, "linkable from a motion's opinion")."""

from datetime import date

import pytest
from django.urls import reverse

from vanort.core.errors import ValidationFailed
from vanort.legal import services
from vanort.legal.models import AidAssessment
from vanort.motions import services as motion_services

pytestmark = pytest.mark.django_db


def _motion(user, municipality):
    return motion_services.motion_create(
        user=user,
        municipality=municipality,
        title="Brandbil till Trostianets",
        filed_date=date(2024, 2, 20),
        proposers=[motion_services.ProposerIn("Bo Källström", "L")],
        att_clauses=["att en brandbil skänks"],
        recipients=["Samtliga nämnder"],
    )


def test_assessment_saved_from_a_motion_is_linked_on_its_page(client, aid_table, registrar, huddinge, fire_engine_case):
    motion = _motion(registrar, huddinge)
    client.force_login(registrar)
    query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in fire_engine_case.items()}

    assert 'name="motion"' in client.get(reverse("web:aid_check"), {**query, "motion": motion.pk}).content.decode()
    client.post(
        reverse("web:aid_save"), {**query, "title": "Brandbil", "municipality": huddinge.pk, "motion": motion.pk}
    )

    saved = AidAssessment.objects.get()
    assert saved.motion == motion
    page = client.get(reverse("web:motion_detail", args=[motion.pk])).content.decode()
    assert reverse("web:aid_assessment_detail", args=[saved.pk]) in page
    assert reverse("web:aid_assessment_pdf", args=[saved.pk]) in page


def test_a_motion_of_another_municipality_is_refused(
    aid_table, registrar, huddinge, botkyrka, user_factory, fire_engine_case
):
    other_motion = _motion(user_factory(role="registrar", municipality=botkyrka), botkyrka)

    with pytest.raises(ValidationFailed):
        services.assessment_save(
            user=registrar, title="x", case=fire_engine_case, municipality=huddinge, motion=other_motion
        )
    assert AidAssessment.objects.count() == 0


def test_unpublished_linked_assessment_is_not_shown_to_anonymous_readers(
    client, aid_table, registrar, huddinge, fire_engine_case
):
    motion = _motion(registrar, huddinge)
    motion_services.motion_submit(user=registrar, motion=motion, expected_version=motion.version)
    saved = services.assessment_save(
        user=registrar, title="Intern prövning", case=fire_engine_case, municipality=huddinge, motion=motion
    )

    page = client.get(reverse("web:motion_detail", args=[motion.pk]))
    assert page.status_code == 200
    assert reverse("web:aid_assessment_detail", args=[saved.pk]) not in page.content.decode()
