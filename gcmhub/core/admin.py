from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.core.models import Cycle, Network, User


@admin.register(User)
class GcmhubUserAdmin(UserAdmin, SimpleHistoryAdmin):
    fieldsets = [*UserAdmin.fieldsets, (None, {"fields": ["language"]})]
    list_display = ["username", "first_name", "last_name", "email", "language", "is_staff"]


class CycleInline(admin.TabularInline):
    model = Cycle
    extra = 0
    fields = ["title", "start_date", "end_date"]
    show_change_link = True


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "country", "established_on"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CycleInline]


@admin.register(Cycle)
class CycleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "network", "start_date", "end_date"]
    list_filter = ["network"]
