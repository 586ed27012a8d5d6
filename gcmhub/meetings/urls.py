from django.urls import path

from gcmhub.meetings import views

m = "<int:meeting_pk>/"

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("actions/", views.action_list, name="action-list"),
    path(m, views.meeting_detail, name="meeting-detail"),
    path(m + "edit/", views.meeting_edit, name="meeting-edit"),
    path(m + "agenda/", views.agenda_edit, name="agenda-edit"),
    path(m + "invitations/", views.invitations, name="invitations"),
    path(m + "invitations/send/", views.invitations_send, name="invitations-send"),
    path(
        m + "invitations/<int:invitation_pk>/reply/",
        views.invitation_reply,
        name="invitation-reply",
    ),
    path(m + "check-in/", views.check_in, name="check-in"),
    path(m + "check-in/<int:attendee_pk>/", views.attendee_mark, name="attendee-mark"),
    path(m + "minutes/", views.minutes, name="minutes"),
    path(m + "minutes/<int:item_pk>/", views.minutes_save, name="minutes-save"),
    path(m + "minutes/<int:item_pk>/outcomes/", views.outcome_add, name="outcome-add"),
    path(m + "outcomes/<int:outcome_pk>/delete/", views.outcome_delete, name="outcome-delete"),
    path(m + "outcomes/<int:outcome_pk>/done/", views.action_done, name="action-done"),
    path(m + "outcomes/<int:outcome_pk>/resolve/", views.outcome_resolve, name="outcome-resolve"),
    path(m + "validation/", views.validation_record, name="validation-record"),
    path(m + "meeting.ics", views.meeting_calendar, name="meeting-calendar"),
    path(m + "minutes.<str:fmt>", views.minutes_download, name="minutes-download"),
]
