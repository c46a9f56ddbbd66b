from django.contrib import admin

from vanort.cooperation.models import (
    AidCheck,
    Condition,
    Contribution,
    Initiative,
    InitiativeEvent,
    Match,
    Need,
    Notification,
    Offer,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class EventInline(ReadOnlyInline):
    model = InitiativeEvent


class ConditionInline(ReadOnlyInline):
    model = Condition


class AidCheckInline(ReadOnlyInline):
    model = AidCheck


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "actor", "state", "is_example")
    list_filter = ("state", "is_example")
    search_fields = ("title",)
    readonly_fields = ("state", "version")
    raw_id_fields = ("municipality", "partnership", "motion", "source", "partner_places", "activities")
    inlines = [EventInline]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ("initiative", "form", "outcome", "status", "decision_date")
    list_filter = ("status", "outcome", "form")
    readonly_fields = ("status", "verdict", "outcome", "rules_version", "checked_at", "approved_by", "approved_at")
    raw_id_fields = ("initiative", "recipient_place")
    inlines = [ConditionInline, AidCheckInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "place", "sector", "form", "urgency", "status", "is_example")
    list_filter = ("status", "urgency", "sector", "is_example")
    search_fields = ("title", "description")
    raw_id_fields = ("place",)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "sector", "form", "spare", "status", "is_example")
    list_filter = ("status", "sector", "spare", "is_example")
    search_fields = ("title", "description")
    raw_id_fields = ("municipality",)


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("need", "offer", "score", "rank", "legal_outcome", "status")
    list_filter = ("status", "legal_outcome")
    raw_id_fields = ("need", "offer", "initiative")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "created_at", "read_at")
