"""The shipped country table's sources as human citations (issue 12): rows still carrying the
old developer-facing source texts get the new ones; rows an administrator edited are left alone."""

from django.db import migrations

SOURCES = {
    "Vänort compilation from general knowledge; not checked against a primary source": "Vänort's own compilation from public information; not checked against a primary source",
    "Vänort LEGAL_RULES.md, 'Who receives Swedish state aid' (known facts): Ukraine strategy 2023–2027": "Government of Sweden: Strategy for Sweden's reconstruction and reform cooperation with Ukraine 2023–2027, decided 13 July 2023",
    "Vänort LEGAL_RULES.md: older, undated list of 36 Swedish partner countries": "Older, undated list of Sweden's 36 partner countries for development cooperation",
    "Vänort LEGAL_RULES.md, 'Who receives Swedish state aid' (known facts)": "Publicly reported changes to Sweden's bilateral development cooperation 2023–2026, compiled for Vänort (to be checked against Sida and the Government Offices)",
    "Vänort LEGAL_RULES.md: countries not known to receive aid (EU members, Norway, Iceland, Greenland via Denmark)": "Countries not known to receive Swedish state aid: EU member states, Norway, Iceland, Greenland (Kingdom of Denmark)",
}


def forwards(apps, schema_editor):
    model = apps.get_model("legal", "CountryAidStatus")
    for old, new in SOURCES.items():
        model.objects.filter(source=old).update(source=new)


def backwards(apps, schema_editor):
    model = apps.get_model("legal", "CountryAidStatus")
    for old, new in SOURCES.items():
        model.objects.filter(source=new).update(source=old)


class Migration(migrations.Migration):
    dependencies = [("legal", "0002_aid_assessment_public")]

    operations = [migrations.RunPython(forwards, backwards)]
