"""Logging in and out (Django's views, with the partner official's language)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import translate_url
from django.utils.translation import get_language

from vanort.cooperation.permissions import is_partner_official


class LoginView(auth_views.LoginView):
    """Django's login; partner officials land in the Ukrainian interface unless they chose a language."""

    template_name = "web/accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        explicit = settings.LANGUAGE_COOKIE_NAME in self.request.COOKIES or (get_language() or "sv")[:2] != "sv"
        if is_partner_official(form.get_user()) and not explicit:
            response["Location"] = translate_url(response["Location"], "uk")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, "uk", samesite="Lax")
        return response
