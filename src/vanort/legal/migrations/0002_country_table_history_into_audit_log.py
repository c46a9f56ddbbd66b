"""The country table's own history moves into the register's audit log (one log for
administrators); existing entries are copied, then the old table is dropped."""

from django.db import migrations


def copy_history(apps, schema_editor):  # type: ignore[no-untyped-def]
    change_model = apps.get_model("legal", "CountryAidStatusChange")
    entry_model = apps.get_model("audit", "AuditEntry")
    entries = []
    for change in change_model.objects.order_by("changed_at", "id").iterator():
        before, after = change.before or {}, change.after or {}
        changes = {
            key: [before.get(key), after.get(key)]
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        }
        user = change.changed_by
        entries.append(
            entry_model(
                at=change.changed_at,
                actor_id=change.changed_by_id,
                actor_label=user.username if user is not None else "system",
                record_type="legal.countryaidstatus",
                record_id=change.row_id_ref,
                record_label=change.country,
                action=change.action,
                changes=changes,
                note=change.note,
            )
        )
    entry_model.objects.bulk_create(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("audit", "0001_audit_entries"),
    ]

    operations = [
        migrations.RunPython(copy_history, migrations.RunPython.noop),
        migrations.DeleteModel(name="CountryAidStatusChange"),
    ]
