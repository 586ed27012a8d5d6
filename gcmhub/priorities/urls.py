from django.urls import path

from gcmhub.priorities import views

urlpatterns = [
    path("", views.priorities_home, name="priorities-home"),
    path("criteria/", views.criteria, name="priority-criteria"),
    path("invite/", views.invite, name="priority-invite"),
    path("open/", views.round_open, name="scoring-open"),
    path("close/", views.round_close, name="scoring-close"),
    path("remind/", views.remind, name="scoring-remind"),
    path("sheets/<int:sheet_pk>/reopen/", views.sheet_reopen, name="sheet-reopen"),
    path("score/", views.scoring_sheet, name="scoring-sheet"),
    path("score/withdraw/", views.sheet_withdraw, name="sheet-withdraw"),
    path("results/", views.results, name="priority-results"),
    path("objectives/<int:number>/", views.objective_priority, name="objective-priority"),
    path("objectives/<int:number>/history/", views.decision_history, name="decision-history"),
    path("decisions/", views.decision_list, name="decision-list"),
]
