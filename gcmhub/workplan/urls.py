from django.urls import path

from gcmhub.workplan import views

urlpatterns = [
    path("workplan/", views.workplan, name="workplan"),
    path("workplan/gaps/", views.gap_view, name="workplan-gaps"),
    path("workplan/outputs/new/", views.output_edit, name="output-create"),
    path("workplan/outputs/<int:output_pk>/", views.output_edit, name="output-edit"),
    path("workplan/activities/new/", views.activity_edit, name="activity-create"),
    path("workplan/activities/<int:activity_pk>/", views.activity_edit, name="activity-edit"),
    path("workplan/indicators/", views.indicator_list, name="indicator-list"),
    path("workplan/indicators/new/", views.indicator_edit, name="indicator-create"),
    path("workplan/indicators/<int:indicator_pk>/", views.indicator_edit, name="indicator-edit"),
    path("workplan/breakdowns/new/", views.breakdown_edit, name="breakdown-create"),
    path("workplan/breakdowns/<int:breakdown_pk>/", views.breakdown_edit, name="breakdown-edit"),
    path("workplan/reports/", views.report_list, name="report-list"),
    path("workplan/periods/new/", views.period_edit, name="period-create"),
    path("workplan/periods/<int:period_pk>/", views.period_edit, name="period-edit"),
    path("workplan/periods/<int:period_pk>/my-report/", views.report_start, name="report-start"),
    path("workplan/reports/<int:report_pk>/", views.report_detail, name="report-detail"),
    path("workplan/reports/<int:report_pk>/review/", views.report_review, name="report-review"),
    path(
        "workplan/reports/<int:report_pk>/withdraw/",
        views.report_withdraw,
        name="report-withdraw",
    ),
]
