"""Administrators read the audit log here: a list with filters and a read-only page per entry
showing each field from what to what. Nothing can be added, changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from vanort.audit.models import AuditEntry


class RecordTypeFilter(admin.SimpleListFilter):
    title = _("posttyp")
    parameter_name = "record_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        types = AuditEntry.objects.order_by("record_type").values_list("record_type", flat=True).distinct()
        return [(t, t) for t in types]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(record_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "action", "record_type", "record_id", "record_label", "changed_fields")
    list_filter = (RecordTypeFilter, "action", ("actor", admin.RelatedOnlyFieldListFilter), "at")
    search_fields = ("record_label", "actor_label", "note", "=record_id")
    date_hierarchy = "at"
    list_select_related = ("actor",)
    fields = (
        "at",
        "actor",
        "actor_label",
        "action",
        "record_type",
        "record_id",
        "record_label",
        "changes_table",
        "note",
    )
    readonly_fields = fields

    @admin.display(description=_("ändrade fält"))
    def changed_fields(self, entry: AuditEntry) -> str:
        return ", ".join(sorted(entry.changes))

    @admin.display(description=_("ändringar (från → till)"))
    def changes_table(self, entry: AuditEntry) -> str:
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((name, _shown(pair[0]), _shown(pair[1])) for name, pair in sorted(entry.changes.items())),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("fält"),
            _("från"),
            _("till"),
            rows,
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _shown(value: Any) -> str:
    return "–" if value in (None, "", []) else str(value)
