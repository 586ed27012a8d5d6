from django.urls import path

from gcmhub.assessments import views

urlpatterns = [
    path("", views.assessment_home, name="assessment-home"),
    path("settings/", views.collection_edit, name="collection-edit"),
    path("close/", views.collection_close, name="collection-close"),
    path("reopen/", views.collection_reopen, name="collection-reopen"),
    path("requests/", views.requests_send, name="requests-send"),
    path("assignments/", views.assignment_list, name="assignment-list"),
    path(
        "assignments/<int:organisation_pk>/",
        views.assignment_edit,
        name="assignment-edit",
    ),
    path("assignments/add/", views.assignment_volunteer, name="assignment-volunteer"),
    path("inputs/", views.input_list, name="input-list"),
    path("inputs/start/<int:number>/", views.input_start, name="input-start"),
    path("inputs/<int:input_pk>/", views.input_detail, name="input-detail"),
    path("inputs/<int:input_pk>/edit/", views.input_edit, name="input-edit"),
    path("inputs/<int:input_pk>/submit/", views.input_submit, name="input-submit"),
    path("inputs/<int:input_pk>/withdraw/", views.input_withdraw, name="input-withdraw"),
    path("inputs/<int:input_pk>/return/", views.input_return, name="input-return"),
    path("inputs/<int:input_pk>/accept/", views.input_accept, name="input-accept"),
    path("inputs/<int:input_pk>/reopen/", views.input_reopen, name="input-reopen"),
    path("inputs/<int:input_pk>/history/", views.input_history, name="input-history"),
    path(
        "inputs/<int:input_pk>/references/<int:reference_pk>/file/",
        views.reference_file,
        name="reference-file",
    ),
    path(
        "questionnaires/<int:organisation_pk>.xlsx",
        views.questionnaire_download,
        name="questionnaire-download",
    ),
    path("questionnaires/upload/", views.questionnaire_upload, name="questionnaire-upload"),
    path(
        "questionnaires/uploads/<int:upload_pk>/",
        views.questionnaire_preview,
        name="questionnaire-preview",
    ),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_edit, name="consultation-create"),
    path(
        "consultations/<int:consultation_pk>/",
        views.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "consultations/<int:consultation_pk>/edit/",
        views.consultation_edit,
        name="consultation-edit",
    ),
    path(
        "consultations/<int:consultation_pk>/attachments/",
        views.attachment_add,
        name="attachment-add",
    ),
    path(
        "consultations/<int:consultation_pk>/attachments/<int:attachment_pk>/",
        views.attachment_file,
        name="attachment-file",
    ),
    path(
        "consultations/<int:consultation_pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path("coverage/", views.coverage, name="coverage"),
    path("objectives/<int:number>/", views.objective_synthesis, name="objective-synthesis"),
]
