"""Documents in the admin, for support: once the final version is issued, the document, its
sections and recommendations are read-only here too; versions and endorsements always are
(they are made only through gcmhub)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.documents.models import Document, Endorsement, Recommendation, Section, Version


def _final(document_id) -> bool:
    return Version.objects.filter(document_id=document_id, major__gte=1).exists()


class LockedWhenFinal:
    """Refuse changes and deletions of an object whose document has its final version."""

    def _document_id(self, obj):
        return obj.pk if isinstance(obj, Document) else obj.document_id

    def has_change_permission(self, request, obj=None):
        if obj is not None and _final(self._document_id(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _final(self._document_id(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document":
            kwargs["queryset"] = Document.objects.exclude(versions__major__gte=1)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(LockedWhenFinal, SimpleHistoryAdmin):
    list_display = ["title", "cycle", "kind", "language", "public"]
    list_filter = ["kind"]
    readonly_fields = ["public", "public_token"]


@admin.register(Section)
class SectionAdmin(LockedWhenFinal, SimpleHistoryAdmin):
    list_display = ["title", "document", "order", "kind"]
    list_filter = ["document"]
    readonly_fields = ["version"]


@admin.register(Recommendation)
class RecommendationAdmin(LockedWhenFinal, SimpleHistoryAdmin):
    list_display = ["__str__", "document", "order"]
    list_filter = ["document"]


@admin.register(Version)
class VersionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["document", "number", "issued_at", "issued_by", "short_hash"]
    list_filter = ["document"]
    exclude = ["content"]


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["organisation", "version", "response", "responded_at"]
    list_filter = ["response"]
