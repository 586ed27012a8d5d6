from django.urls import path

from gcmhub.coordination import views

urlpatterns = [
    path("coordination/", views.coordination, name="coordination"),
    path("coordination/terms-of-reference/", views.terms_of_reference, name="terms-of-reference"),
    path("coordination/groups/new/", views.working_group_edit, name="working-group-create"),
    path(
        "coordination/groups/<int:group_pk>/", views.working_group_edit, name="working-group-edit"
    ),
    path("coordination/sops/new/", views.sop_rule_edit, name="sop-rule-create"),
    path("coordination/sops/<int:rule_pk>/", views.sop_rule_edit, name="sop-rule-edit"),
    path("coordination/obligations/", views.obligation_list, name="obligation-list"),
    path(
        "coordination/obligations/<int:obligation_pk>/",
        views.obligation_mark,
        name="obligation-mark",
    ),
]
