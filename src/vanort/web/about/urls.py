"""About, accessibility and privacy (part of `vanort.web.urls`, namespace "web")."""

from django.urls import path

from vanort.web.about import views

urlpatterns = [
    path("om/", views.about, name="about"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("integritet/", views.privacy, name="privacy"),
]
