"""The register pages: places, partnerships, activities (part of `vanort.web.urls`, namespace "web")."""

from django.urls import path

from vanort.web.registry import views

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
]
