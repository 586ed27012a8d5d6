from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.directory.models import Invitation, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "type", "parent", "network"]
    list_filter = ["network", "type"]
    search_fields = ["name", "name_tr", "acronym"]
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "network", "role", "organisation", "is_active"]
    list_filter = ["network", "role", "is_active"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "network", "role", "organisation", "created_at", "accepted_at"]
    list_filter = ["network", "role"]
    readonly_fields = ["accepted_at", "accepted_by", "invited_by"]
