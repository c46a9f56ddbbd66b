# The documents' municipality becomes required, in a migration of its own: on PostgreSQL the
# data step of 0002 leaves deferred constraint checks that forbid an ALTER TABLE in the same
# transaction.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0002_document_municipality_required_import_jobs'),
    ]

    operations = [
        migrations.AlterField(
            model_name='sourcedocument',
            name='municipality',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='registry.place', verbose_name='kommun'),
        ),
        migrations.AddConstraint(
            model_name='sourcedocument',
            constraint=models.UniqueConstraint(fields=('municipality', 'checksum'), name='document_checksum_per_municipality'),
        ),
    ]
