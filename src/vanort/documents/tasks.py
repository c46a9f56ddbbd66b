"""Background tasks (django-tasks; the database backend's worker runs them, see
docs/decisions/0002-background-jobs-django-tasks.md)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_job_task(job_id: int) -> None:
    """Read one uploaded file (OCR, repair, fields) and store the document."""
    from vanort.documents.services import import_job_run

    import_job_run(job_id)
