"""Administrators edit the country table here; every change goes through the services and
is written to the append-only audit log (vanort.audit)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from vanort.core.admin import VersionedAdminForm
from vanort.core.errors import ApplicationError
from vanort.legal import services
from vanort.legal.models import AidAssessment, CountryAidStatus


class CountryAidStatusForm(VersionedAdminForm):
    class Meta:
        model = CountryAidStatus
        fields = ["country", *services.STATUS_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            services.status_row_validate(
                country=(data.get("country") or "").upper(), values=data, exclude_pk=self.instance.pk
            )
        except ApplicationError as error:
            raise forms.ValidationError({error.field or "__all__": error.message}) from error
        return data


@admin.register(CountryAidStatus)
class CountryAidStatusAdmin(admin.ModelAdmin):
    form = CountryAidStatusForm
    list_display = ("country", "status", "valid_from", "valid_to", "checked_at")
    list_filter = ("status",)
    search_fields = ("country", "basis")
    readonly_fields = ("version",)

    def save_model(self, request: HttpRequest, obj: CountryAidStatus, form: Any, change: bool) -> None:
        values = {k: form.cleaned_data[k] for k in services.STATUS_FIELDS}
        if change:
            original = CountryAidStatus.objects.get(pk=obj.pk)
            expected = form.cleaned_data["expected_version"]
            services.status_row_update(user=request.user, row=original, expected_version=expected, **values)
        else:
            created = services.status_row_create(user=request.user, country=form.cleaned_data["country"], **values)
            obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: CountryAidStatus) -> None:
        services.status_row_delete(user=request.user, row=obj)


@admin.register(AidAssessment)
class AidAssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "outcome", "public", "rules_version", "created_by", "created_at")
    list_filter = ("public",)
    readonly_fields = ("case", "verdict", "outcome", "rules_version", "created_by", "created_at")
