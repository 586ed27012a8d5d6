from django.urls import path

from gcmhub.directory import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("logo/", views.network_logo, name="network-logo"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path(
        "organisations/<int:organisation_pk>/",
        views.organisation_detail,
        name="organisation-detail",
    ),
    path(
        "organisations/<int:organisation_pk>/edit/",
        views.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organisations/<int:organisation_pk>/history/",
        views.organisation_history,
        name="organisation-history",
    ),
    path("people/", views.member_list, name="member-list"),
    path("people/<int:membership_pk>/edit/", views.member_edit, name="member-edit"),
    path("people/<int:membership_pk>/history/", views.member_history, name="member-history"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path(
        "invitations/<int:invitation_pk>/resend/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "invitations/<int:invitation_pk>/withdraw/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
]
