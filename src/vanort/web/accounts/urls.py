"""Login and logout (part of `vanort.web.urls`, namespace "web")."""

from django.contrib.auth import views as auth_views
from django.urls import path

from vanort.web.accounts import views

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
]
