"""Django admin: committees are kept here; motions are read-only (the history never changes)."""

from django.contrib import admin

from vanort.motions.models import Committee, Motion, MotionEvent


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "is_committee", "position")
    list_filter = ("municipality",)
    search_fields = ("name",)


class MotionEventInline(admin.TabularInline):
    model = MotionEvent
    fields = ("at", "actor_label", "action", "from_state", "to_state", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Motion)
class MotionAdmin(admin.ModelAdmin):
    """Read-only: state changes go through the workflow services, never through the admin."""

    list_display = ("title", "municipality", "state", "filed_date", "deadline")
    list_filter = ("state",)
    search_fields = ("title",)
    inlines = [MotionEventInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
