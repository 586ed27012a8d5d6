from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.regions.models import Region


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["networks", "coordinators"]
    search_fields = ["name", "name_tr"]
