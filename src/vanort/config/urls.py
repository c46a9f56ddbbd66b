from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from vanort.api.urls import api
from vanort.web.about.views import healthz
from vanort.web.insight.data_views import data_download

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/", api.urls),
    re_path(r"^data/(?P<name>[a-z]+)\.(?P<fmt>csv|json)$", data_download, name="data_download"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    *i18n_patterns(path("", include("vanort.web.urls")), prefix_default_language=False),
]
