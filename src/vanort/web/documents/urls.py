"""Reading council documents: upload, review, apply (part of `vanort.web.urls`, namespace "web")."""

from django.urls import path

from vanort.web.documents import views

urlpatterns = [
    path("dokument/", views.document_list, name="document_list"),
    path("dokument/las-in/", views.document_upload, name="document_upload"),
    path("dokument/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokument/jobb/<int:pk>/", views.document_job, name="document_job"),
    path("dokument/jobb/<int:pk>/igen/", views.document_job_retry, name="document_job_retry"),
    path("dokument/<int:pk>/rattning/<int:repair_pk>/", views.repair_decide, name="repair_decide"),
    path("dokument/<int:pk>/las-in-falt/", views.document_apply, name="document_apply"),
    path("dokument/<int:pk>/falt/", views.document_edit_fields, name="document_edit_fields"),
]
