"""The search page (part of `vanort.web.urls`, namespace "web")."""

from django.urls import path

from vanort.web.search import views

urlpatterns = [
    path("sok/", views.search_page, name="search"),
]
