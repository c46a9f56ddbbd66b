"""Statistics and the open-data page (part of `vanort.web.urls`, namespace "web")."""

from django.urls import path

from vanort.web.insight import data_views, stats_views

urlpatterns = [
    path("statistik/", stats_views.stats, name="stats"),
    path("statistik/<slug:slug>.csv", stats_views.chart_csv, name="stats_csv"),
    path("data/", data_views.data_index, name="data_index"),
]
