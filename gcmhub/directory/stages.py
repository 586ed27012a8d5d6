"""The set-up stage of a cycle: horizons, cooperation framework, organisations and people."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm, Role
from gcmhub.core.stages import Stage, StageState, Status, register
from gcmhub.framework.models import CooperationFramework


def setup_facts(cycle) -> dict:
    """Count what the set-up of a cycle has (a fixed number of queries)."""
    network = cycle.network
    framework = (
        CooperationFramework.objects.filter(cycle=cycle)
        .annotate(
            priority_count=Count("priorities", distinct=True),
            outcome_count=Count("priorities__outcomes", distinct=True),
            migration_outcome_count=Count(
                "priorities__outcomes",
                filter=Q(priorities__outcomes__migration_relevant=True),
                distinct=True,
            ),
        )
        .first()
    )
    organisations = network.organisations.annotate(
        focal_points=Count(
            "memberships",
            filter=Q(memberships__role=Role.FOCAL_POINT, memberships__is_active=True),
        )
    ).values_list("focal_points", flat=True)
    roles = dict(
        network.memberships.filter(is_active=True)
        .values_list("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    open_invitations = network.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).count()
    counts = list(organisations)
    return {
        "framework": framework,
        "organisation_count": len(counts),
        "without_focal_point": sum(1 for n in counts if n == 0),
        "roles": roles,
        "people": sum(roles.values()),
        "open_invitations": open_invitations,
    }


def setup_state(cycle, user) -> StageState:
    facts = setup_facts(cycle)
    lines = [
        _("Short term until %(short)s, medium term until %(medium)s, long term until %(long)s.")
        % {
            "short": date_format(cycle.short_term_until),
            "medium": date_format(cycle.medium_term_until),
            "long": date_format(cycle.long_term_until),
        }
    ]
    framework = facts["framework"]
    if framework is None:
        lines.append(_("No cooperation framework recorded yet."))
    else:
        lines.append(
            ngettext(
                "%(title)s: %(priorities)d strategic priorities, %(count)d outcome.",
                "%(title)s: %(priorities)d strategic priorities, %(count)d outcomes.",
                framework.outcome_count,
            )
            % {
                "title": framework.title,
                "priorities": framework.priority_count,
                "count": framework.outcome_count,
            }
        )
    lines.append(
        ngettext(
            "%(count)d organisation, %(missing)d without a focal point.",
            "%(count)d organisations, %(missing)d without a focal point.",
            facts["organisation_count"],
        )
        % {"count": facts["organisation_count"], "missing": facts["without_focal_point"]}
    )
    lines.append(
        ngettext("%(count)d person takes part.", "%(count)d people take part.", facts["people"])
        % {"count": facts["people"]}
    )
    if facts["open_invitations"]:
        lines.append(
            ngettext(
                "%(count)d invitation not yet accepted.",
                "%(count)d invitations not yet accepted.",
                facts["open_invitations"],
            )
            % {"count": facts["open_invitations"]}
        )
    has_outcomes = framework is not None and framework.outcome_count > 0
    if not facts["organisation_count"] and framework is None:
        status = Status.NOT_STARTED
    elif has_outcomes and facts["organisation_count"] and not facts["without_focal_point"]:
        status = Status.DONE
    else:
        status = Status.IN_PROGRESS
    links = [
        (_("Cooperation framework"), cycle_reverse("cooperation-framework", cycle)),
        (
            _("Organisations"),
            reverse("organisation-list", kwargs={"network_slug": cycle.network.slug}),
        ),
    ]
    return StageState(status=status, facts=lines, links=links)


def register_stages():
    register(
        Stage(
            key="setup",
            order=10,
            label=_("Set-up"),
            description=_(
                "Horizons of the cycle, the cooperation framework it aligns with, and the "
                "organisations and focal points taking part."
            ),
            url_name="cycle-setup",
            perm=Perm.CYCLE_VIEW,
            state=setup_state,
        )
    )
