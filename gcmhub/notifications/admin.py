from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was told to whom: read only (notify() writes them)."""

    list_display = ["recipient", "kind", "text", "network", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "network"]
    search_fields = ["recipient__username", "recipient__email", "message"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Preference)
class PreferenceAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
