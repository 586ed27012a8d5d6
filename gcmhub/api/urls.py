from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from gcmhub.api import web
from gcmhub.api.views.comments import CommentViewSet
from gcmhub.api.views.consultations import ConsultationViewSet
from gcmhub.api.views.coordination import ObligationViewSet, WorkingGroupViewSet
from gcmhub.api.views.decisions import DecisionViewSet
from gcmhub.api.views.documents import DocumentViewSet, ReviewViewSet
from gcmhub.api.views.inputs import InputViewSet
from gcmhub.api.views.meetings import MeetingViewSet
from gcmhub.api.views.networks import CycleViewSet, NetworkViewSet
from gcmhub.api.views.objectives import ObjectiveViewSet
from gcmhub.api.views.organisations import OrganisationViewSet
from gcmhub.api.views.progress import ProgressReportViewSet
from gcmhub.api.views.scores import ScoreSheetViewSet
from gcmhub.api.views.workplan import (
    ActivityViewSet,
    IndicatorViewSet,
    OutputViewSet,
    ReportingPeriodViewSet,
)

router = DefaultRouter()
router.register("networks", NetworkViewSet, basename="api-network")
router.register("cycles", CycleViewSet, basename="api-cycle")
router.register("objectives", ObjectiveViewSet, basename="api-objective")
cycle = r"cycles/(?P<cycle_pk>\d+)/"
router.register(cycle + "organisations", OrganisationViewSet, basename="api-organisation")
router.register(cycle + "inputs", InputViewSet, basename="api-input")
router.register(cycle + "consultations", ConsultationViewSet, basename="api-consultation")
router.register(cycle + "decisions", DecisionViewSet, basename="api-decision")
router.register(cycle + "score-sheets", ScoreSheetViewSet, basename="api-score-sheet")
router.register(cycle + "documents", DocumentViewSet, basename="api-document")
router.register(cycle + "reviews", ReviewViewSet, basename="api-review")
router.register(
    cycle + r"reviews/(?P<review_pk>\d+)/comments", CommentViewSet, basename="api-comment"
)
router.register(cycle + "outputs", OutputViewSet, basename="api-output")
router.register(cycle + "activities", ActivityViewSet, basename="api-activity")
router.register(cycle + "indicators", IndicatorViewSet, basename="api-indicator")
router.register(cycle + "periods", ReportingPeriodViewSet, basename="api-period")
router.register(cycle + "progress-reports", ProgressReportViewSet, basename="api-progress-report")
router.register(cycle + "obligations", ObligationViewSet, basename="api-obligation")
router.register(cycle + "working-groups", WorkingGroupViewSet, basename="api-working-group")
router.register(cycle + "meetings", MeetingViewSet, basename="api-meeting")

# The API answers 401 itself: the site-wide login redirect is not for it.
for pattern in router.urls:
    login_not_required(pattern.callback)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("token/", web.token, name="api-token"),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path(
        "docs/",
        # The split view serves its start-up script at ?script: no inline script (CSP).
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    # ReDoc is not served: its bundle loads its logo from a CDN, runs its search in a blob:
    # worker and injects styles without a nonce, all refused by the Content-Security-Policy.
    # The same schema reads in Swagger UI.
    path(
        "redoc/",
        login_not_required(RedirectView.as_view(pattern_name="api-docs", permanent=True)),
        name="api-redoc",
    ),
]
