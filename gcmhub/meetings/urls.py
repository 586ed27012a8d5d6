from django.urls import path

from gcmhub.meetings.views import attendance, meetings, minutes

m = "<int:meeting_pk>/"

urlpatterns = [
    path("", meetings.meeting_list, name="meeting-list"),
    path("new/", meetings.meeting_create, name="meeting-create"),
    path("actions/", minutes.action_list, name="action-list"),
    path(m, meetings.meeting_detail, name="meeting-detail"),
    path(m + "edit/", meetings.meeting_edit, name="meeting-edit"),
    path(m + "cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    path(m + "agenda/", minutes.agenda_edit, name="agenda-edit"),
    path(m + "invitations/", attendance.invitations, name="invitations"),
    path(m + "invitations/send/", attendance.invitations_send, name="invitations-send"),
    path(
        m + "invitations/<int:invitation_pk>/reply/",
        attendance.invitation_reply,
        name="invitation-reply",
    ),
    path(m + "check-in/", attendance.check_in, name="check-in"),
    path(m + "check-in/<int:attendee_pk>/", attendance.attendee_mark, name="attendee-mark"),
    path(m + "minutes/", minutes.minutes, name="minutes"),
    path(m + "minutes/<int:item_pk>/", minutes.minutes_save, name="minutes-save"),
    path(m + "minutes/<int:item_pk>/outcomes/", minutes.outcome_add, name="outcome-add"),
    path(m + "outcomes/<int:outcome_pk>/delete/", minutes.outcome_delete, name="outcome-delete"),
    path(m + "outcomes/<int:outcome_pk>/done/", minutes.action_done, name="action-done"),
    path(m + "outcomes/<int:outcome_pk>/resolve/", minutes.outcome_resolve, name="outcome-resolve"),
    path(m + "validation/", minutes.validation_record, name="validation-record"),
    path(m + "meeting.ics", meetings.meeting_calendar, name="meeting-calendar"),
    path(m + "minutes.<str:fmt>", minutes.minutes_download, name="minutes-download"),
]
