from django.contrib import admin

from vanort.documents.models import Extraction, Repair, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "filename", "document_kind", "status", "municipality", "created_at")
    list_filter = ("status", "document_kind")
    search_fields = ("title", "filename", "checksum")
    exclude = ("content",)
    readonly_fields = ("checksum", "size", "source_kind", "encoding", "evidence", "tokens", "uploaded_by")


@admin.register(Repair)
class RepairAdmin(admin.ModelAdmin):
    list_display = ("document", "line", "before", "after", "confidence", "decision")
    list_filter = ("decision",)


@admin.register(Extraction)
class ExtractionAdmin(admin.ModelAdmin):
    list_display = ("document", "status", "applied_at")
    readonly_fields = ("fields", "result", "applied_by", "applied_at")
