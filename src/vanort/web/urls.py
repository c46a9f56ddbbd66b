from django.contrib.auth import views as auth_views
from django.urls import path

from vanort.web.about import views as about_views
from vanort.web.aid import views as aid_views
from vanort.web.cooperation import urls as coop_urls
from vanort.web.cooperation import views as coop_views
from vanort.web.documents import views as document_views
from vanort.web.insight import data_views, stats_views
from vanort.web.motions import urls as motion_urls
from vanort.web.registry import views
from vanort.web.search import views as search_views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("orter/", views.place_list, name="place_list"),
    path("orter/valj/<str:field>/", views.place_picker, name="place_picker"),
    path("orter/<int:pk>/", views.place_detail, name="place_detail"),
    path("orter/<int:pk>/andra/", views.place_edit, name="place_edit"),
    path("orter/<int:place_pk>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/andra/", views.activity_edit, name="activity_edit"),
    path("partnerskap/", views.partnership_list, name="partnership_list"),
    path("partnerskap/ny/", views.partnership_create, name="partnership_create"),
    path("partnerskap/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerskap/<int:pk>/andra/", views.partnership_edit, name="partnership_edit"),
    path("partnerskap/<int:pk>/status/", views.partnership_status, name="partnership_status"),
    path("aktiviteter/", views.activity_list, name="activity_list"),
    path("statistik/", stats_views.stats, name="stats"),
    path("statistik/<slug:slug>.csv", stats_views.chart_csv, name="stats_csv"),
    path("data/", data_views.data_index, name="data_index"),
    path("sok/", search_views.search_page, name="search"),
    path("om/", about_views.about, name="about"),
    path("tillganglighet/", about_views.accessibility, name="accessibility"),
    path("integritet/", about_views.privacy, name="privacy"),
    path("stod/", aid_views.aid_check, name="aid_check"),
    path("stod/spara/", aid_views.aid_save, name="aid_save"),
    path("stod/bedomningar/", aid_views.aid_assessments, name="aid_assessments"),
    path("stod/bedomningar/<int:pk>/", aid_views.aid_assessment, name="aid_assessment_detail"),
    path("stod/bedomningar/<int:pk>/", aid_views.aid_assessment, name="aid_assessment"),  # older name
    path("stod/bedomningar/<int:pk>/pdf/", aid_views.aid_assessment_pdf, name="aid_assessment_pdf"),
    path("stod/lander/", aid_views.aid_countries, name="aid_countries"),
    path("dokument/", document_views.document_list, name="document_list"),
    path("dokument/las-in/", document_views.document_upload, name="document_upload"),
    path("dokument/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("dokument/jobb/<int:pk>/", document_views.document_job, name="document_job"),
    path("dokument/jobb/<int:pk>/igen/", document_views.document_job_retry, name="document_job_retry"),
    path("dokument/<int:pk>/rattning/<int:repair_pk>/", document_views.repair_decide, name="repair_decide"),
    path("dokument/<int:pk>/las-in-falt/", document_views.document_apply, name="document_apply"),
    path("dokument/<int:pk>/falt/", document_views.document_edit_fields, name="document_edit_fields"),
    path("logga-in/", coop_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]

urlpatterns += motion_urls.urlpatterns
urlpatterns += coop_urls.urlpatterns
