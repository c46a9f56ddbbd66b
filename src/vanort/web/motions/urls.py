"""URL patterns of the motion pages; appended to `vanort.web.urls` (namespace "web")."""

from django.urls import path

from vanort.web.motions import views

urlpatterns = [
    path("motioner/", views.motion_list, name="motion_list"),
    path("motioner/ny/", views.motion_create, name="motion_create"),
    path("motioner/bevakning/", views.deadlines, name="motion_deadlines"),
    path("motioner/bevakning/redovisning/", views.deadlines_report, name="motion_report"),
    path("motioner/<int:pk>/", views.motion_detail, name="motion_detail"),
    path("motioner/<int:pk>/andra/", views.motion_edit, name="motion_edit"),
    path("motioner/<int:pk>/atgard/", views.motion_transition, name="motion_transition"),
    path("motioner/<int:pk>/remisser/", views.referral_create, name="motion_referral_create"),
    path("motioner/remisser/<int:pk>/svar/", views.referral_answer, name="motion_referral_answer"),
    path("motioner/<int:pk>/tjansteutlatande/", views.opinion_edit, name="motion_opinion"),
    path("motioner/<int:pk>/bilagor/", views.attachment_add, name="motion_attachment_add"),
    path("motioner/<int:pk>/bilagor/<int:attachment_pk>/", views.attachment_file, name="motion_attachment_file"),
    path("motioner/<int:pk>/forslag/", views.proposal, name="motion_proposal"),
    path("motioner/<int:pk>/forslag.pdf", views.proposal_pdf, name="motion_proposal_pdf"),
]
