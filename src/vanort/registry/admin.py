"""Django admin for administrators. Edits here are the administrator's escape hatch."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone

from vanort.audit.services import audit_record, record_state
from vanort.core.admin import VersionCheckedAdmin
from vanort.registry.models import (
    Activity,
    Actor,
    Country,
    NationalFigure,
    Partnership,
    Place,
    PlaceName,
    Sector,
    Source,
)


class HistoryKeepingAdmin(VersionCheckedAdmin):
    """Register history is never deleted. An admin edit names the version it was opened at:
    a stale one is refused, and a saved one is a new version (so older web/API edits are refused)."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        form.audit_before = record_state(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The audit entry is written after the many-to-many fields, in the admin's transaction."""
        super().save_related(request, form, formsets, change)
        before, after = getattr(form, "audit_before", None), record_state(form.instance)
        action = "updated" if change else "created"
        audit_record(user=request.user, instance=form.instance, action=action, before=before, after=after, note="admin")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_sv", "name_en", "name_uk")
    search_fields = ("code", "name_sv", "name_en")


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "label_sv", "label_en", "label_uk", "position")


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    fields = ("name", "language")
    extra = 0


@admin.register(Place)
class PlaceAdmin(HistoryKeepingAdmin):
    list_display = ("name", "kind", "country", "code", "is_example")
    list_filter = ("kind", "country", "is_example")
    search_fields = ("name", "code", "names__name")
    raw_id_fields = ("parent", "source")
    inlines = [PlaceNameInline]
    readonly_fields = ("version",)


@admin.register(Partnership)
class PartnershipAdmin(HistoryKeepingAdmin):
    list_display = ("__str__", "kind", "start", "end", "end_reason", "status_override")
    list_filter = ("kind", "end_reason")
    raw_id_fields = ("place_a", "place_b", "source", "status_override_by")
    list_select_related = ("place_a", "place_b")
    readonly_fields = ("version",)


@admin.register(Activity)
class ActivityAdmin(HistoryKeepingAdmin):
    list_display = ("title", "kind", "start", "municipality")
    list_filter = ("kind",)
    raw_id_fields = ("municipality", "partnership", "counterpart", "organiser", "source")
    list_select_related = ("municipality",)
    readonly_fields = ("version", "occurred_on")


@admin.register(Actor)
class ActorAdmin(VersionCheckedAdmin):
    list_display = ("name", "kind", "country", "is_known_actor", "vetted_by", "vetted_at")
    list_filter = ("kind", "is_known_actor")
    readonly_fields = ("vetted_by", "vetted_at")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """Vetting in the admin records who vetted and when, as the registry service does."""
        super().save_model(request, obj, form, change)
        if {"is_known_actor", "known_actor_reason"} & set(form.changed_data):
            type(obj).objects.filter(pk=obj.pk).update(vetted_by=request.user, vetted_at=timezone.now())


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "locator")
    search_fields = ("title", "citation")


@admin.register(NationalFigure)
class NationalFigureAdmin(admin.ModelAdmin):
    list_display = ("metric", "year", "value", "unit")
