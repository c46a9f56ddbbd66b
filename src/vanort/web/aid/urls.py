"""The aid check and saved assessments (part of `vanort.web.urls`, namespace "web")."""

from django.urls import path

from vanort.web.aid import views

urlpatterns = [
    path("stod/", views.aid_check, name="aid_check"),
    path("stod/spara/", views.aid_save, name="aid_save"),
    path("stod/bedomningar/", views.aid_assessments, name="aid_assessments"),
    path("stod/bedomningar/<int:pk>/", views.aid_assessment, name="aid_assessment_detail"),
    path("stod/bedomningar/<int:pk>/", views.aid_assessment, name="aid_assessment"),  # older name
    path("stod/bedomningar/<int:pk>/pdf/", views.aid_assessment_pdf, name="aid_assessment_pdf"),
    path("stod/lander/", views.aid_countries, name="aid_countries"),
]
