"""What meetings and the road to a final version ask of people (My tasks): invitations to
answer, action points owned, endorsements to give; for the secretariat, agreed changes still
to make and endorsements outstanding. One query per kind of task, whatever the networks."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.documents.models import Endorsement, EndorsementResponse, Version
from gcmhub.meetings.models import MeetingInvitation, Outcome, OutcomeType, Reply
from gcmhub.todo.registry import Item, holding, in_networks, of_organisations, speaking


def invitations_to_answer(user, memberships):
    """Invitations to coming meetings without a reply: the person's own, and their
    organisation's for a focal point."""
    members = holding(memberships, Perm.MEETING_VIEW)
    if not members:
        return []
    focal = speaking(members, Perm.MEETING_VIEW)
    mine = Q(person=user) & in_networks(members, "meeting__cycle__network")
    if focal:
        mine |= of_organisations(focal, network="meeting__cycle__network")
    invitations = (
        MeetingInvitation.objects.filter(mine, reply=Reply.PENDING)
        .filter(meeting__starts_at__gte=timezone.now(), meeting__cancelled_at__isnull=True)
        .select_related("meeting__cycle__network", "organisation")
        .order_by("meeting__starts_at")
    )
    seen, items = set(), []
    for invitation in invitations:
        meeting = invitation.meeting
        if meeting.pk in seen:
            continue
        seen.add(meeting.pk)
        items.append(
            Item(
                kind_label=_("Invitation to answer"),
                title=meeting.title,
                url=meeting.get_absolute_url(),
                network=meeting.cycle.network,
                cycle=meeting.cycle,
                deadline=timezone.localtime(meeting.starts_at).date(),
                since=invitation.sent_at,
            )
        )
    return items


def action_points_owned(user, memberships):
    """Open action points the person owns, or their organisation (for its focal points)."""
    members = holding(memberships, Perm.MEETING_VIEW)
    if not members:
        return []
    focal = speaking(members, Perm.MEETING_VIEW)
    mine = Q(owner_person=user) & in_networks(members, "meeting__cycle__network")
    if focal:
        mine |= of_organisations(
            focal, organisation="owner_organisation", network="meeting__cycle__network"
        )
    points = (
        Outcome.objects.filter(mine, type=OutcomeType.ACTION_POINT, done=False)
        .select_related("meeting__cycle__network", "owner_organisation")
        .order_by("due_date", "pk")
    )
    return [
        Item(
            kind_label=_("Action point you own")
            if p.owner_person_id == user.pk
            else _("Action point of %(organisation)s")
            % {"organisation": p.owner_organisation.short_name},
            title=p.text[:200],
            url=cycle_reverse("action-list", p.meeting.cycle),
            network=p.meeting.cycle.network,
            cycle=p.meeting.cycle,
            deadline=p.due_date,
            since=p.meeting.starts_at,
            reason=_("From %(meeting)s") % {"meeting": p.meeting.title},
        )
        for p in points
    ]


def endorsements_to_give(user, memberships):
    """The final versions the focal point's organisation is asked to endorse."""
    mine = speaking(memberships, Perm.ENDORSE)
    if not mine:
        return []
    endorsements = (
        Endorsement.objects.filter(
            of_organisations(mine, network="version__document__cycle__network"),
            response=EndorsementResponse.PENDING,
        )
        .select_related("version__document__cycle__network")
        .defer("version__content")
        .order_by("requested_at")
    )
    return [
        Item(
            kind_label=_("Endorsement to give"),
            title=_("%(document)s, version %(number)s")
            % {"document": e.version.document.title, "number": e.version.number},
            url=cycle_reverse("meeting-list", e.version.document.cycle) + "#endorse-heading",
            network=e.version.document.cycle.network,
            cycle=e.version.document.cycle,
            since=e.requested_at,
        )
        for e in endorsements
    ]


def endorsements_outstanding(user, memberships):
    """For the coordinator: final versions with endorsements not yet given (one per version)."""
    secretariat = holding(memberships, Perm.DOCUMENT_FINALISE)
    if not secretariat:
        return []
    pending = (
        Endorsement.objects.filter(
            in_networks(secretariat, "version__document__cycle__network"),
            response=EndorsementResponse.PENDING,
        )
        .select_related("version__document__cycle__network")
        .defer("version__content")
        .order_by("version_id", "requested_at")
    )
    by_version: dict[int, list] = {}
    for endorsement in pending:
        by_version.setdefault(endorsement.version_id, []).append(endorsement)
    items = []
    for rows in by_version.values():
        version = rows[0].version
        cycle = version.document.cycle
        items.append(
            Item(
                kind_label=_("Endorsements outstanding"),
                title=_("%(document)s, version %(number)s")
                % {"document": version.document.title, "number": version.number},
                url=cycle_reverse("meeting-list", cycle),
                network=cycle.network,
                cycle=cycle,
                since=rows[0].requested_at,
                reason=ngettext(
                    "%(count)s organisation has not answered yet.",
                    "%(count)s organisations have not answered yet.",
                    len(rows),
                )
                % {"count": len(rows)},
            )
        )
    return items


def agreed_changes_open(user, memberships):
    """For the secretariat: agreed changes of validation meetings not yet made (per document),
    while the document has no final version."""
    secretariat = holding(memberships, Perm.MEETING_SECRETARIAT)
    if not secretariat:
        return []
    final = Version.objects.filter(document=OuterRef("meeting__version__document"), major__gte=1)
    changes = (
        Outcome.objects.filter(
            in_networks(secretariat, "meeting__cycle__network"),
            type=OutcomeType.AGREED_CHANGE,
            resolved_in__isnull=True,
            resolve_in_next=False,
            meeting__version__isnull=False,
        )
        .filter(~Exists(final))
        .select_related("meeting__cycle__network", "meeting__version__document")
        .defer("meeting__version__content")
        .order_by("meeting__starts_at", "pk")
    )
    by_document: dict[int, list] = {}
    for change in changes:
        by_document.setdefault(change.meeting.version.document_id, []).append(change)
    items = []
    for rows in by_document.values():
        meeting = rows[0].meeting
        items.append(
            Item(
                kind_label=_("Agreed changes to make"),
                title=meeting.version.document.title,
                url=cycle_reverse("meeting-list", meeting.cycle),
                network=meeting.cycle.network,
                cycle=meeting.cycle,
                since=meeting.starts_at,
                reason=ngettext(
                    "%(count)s change agreed at the validation meeting is not made yet.",
                    "%(count)s changes agreed at the validation meeting are not made yet.",
                    len(rows),
                )
                % {"count": len(rows)},
            )
        )
    return items


def register() -> None:
    from gcmhub.todo import registry

    registry.register("meetings.invitations", invitations_to_answer)
    registry.register("meetings.action-points", action_points_owned)
    registry.register("meetings.endorsements-to-give", endorsements_to_give)
    registry.register("meetings.endorsements-outstanding", endorsements_outstanding)
    registry.register("meetings.agreed-changes", agreed_changes_open)
