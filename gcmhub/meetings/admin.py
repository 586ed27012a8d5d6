from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.meetings.models import AgendaItem, Attendee, Meeting, MeetingInvitation, Outcome


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "title"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cycle", "type", "starts_at", "outcome"]
    list_filter = ["type", "outcome"]
    inlines = [AgendaItemInline]
    raw_id_fields = ["version"]


@admin.register(MeetingInvitation)
class MeetingInvitationAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "organisation", "person", "reply"]
    list_filter = ["reply"]


@admin.register(Attendee)
class AttendeeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "meeting", "organisation", "presence", "walk_in"]
    list_filter = ["presence", "walk_in"]


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "type", "resolved_in", "done"]
    list_filter = ["type"]
