"""Admin edits of versioned records refuse stale versions, like the web and the API.

The change form carries the version it was opened at. Validation locks the row and compares
(a form error, not a silent overwrite, when someone saved in between); the save then goes
through `update_versioned`, the same conditional UPDATE the services use.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from vanort.core.models import STALE_MESSAGE, update_versioned


class VersionedAdminForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is not None:
            current = (
                type(self.instance)
                .objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if data.get("expected_version") != current:
                raise forms.ValidationError(STALE_MESSAGE, code="stale_edit")
        return data


class VersionCheckedAdmin(admin.ModelAdmin):
    """Base admin for models with a `version` (TimeStampedModel)."""

    form = VersionedAdminForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return tuple(dict.fromkeys([*super().get_readonly_fields(request, obj), "version"]))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        concrete = {f.name for f in obj._meta.concrete_fields if not isinstance(f, models.AutoField)}
        changes = {name: getattr(obj, name) for name in form.cleaned_data if name in concrete}
        update_versioned(obj, expected_version=form.cleaned_data["expected_version"], **changes)
