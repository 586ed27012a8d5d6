"""What the SOPs' calendar asks of people (My tasks): a focal point's obligations due soon or
late; the coordinator's own, and every organisation's late ones (one row per cycle)."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.coordination.models import Obligation
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.editions.texts import prefetch
from gcmhub.todo.registry import Item, holding, in_networks, of_organisations, speaking

# An obligation shows from this many days before its due date.
AHEAD = dt.timedelta(days=14)


def _item(obligation, label):
    cycle = obligation.rule.cycle
    return Item(
        kind_label=label,
        title=obligation.rule.display_title,
        url=cycle_reverse("obligation-list", cycle),
        network=cycle.network,
        cycle=cycle,
        deadline=obligation.due_date,
    )


def obligations_due(user, memberships):
    """Open obligations due within two weeks or late: a focal point's organisation's, and the
    secretariat's own for the coordinator."""
    until = timezone.localdate() + AHEAD
    focal = speaking(memberships, Perm.OBLIGATION_COMPLETE)
    managers = holding(memberships, Perm.SOP_MANAGE)
    mine = Q(pk__in=[])
    if focal:
        mine |= of_organisations(focal, network="rule__cycle__network")
    if managers:
        mine |= Q(organisation__isnull=True) & in_networks(managers, "rule__cycle__network")
    if not (focal or managers):
        return []
    obligations = (
        Obligation.objects.filter(mine, done_at__isnull=True, due_date__lte=until)
        .select_related("rule__cycle__network")
        .order_by("due_date")
    )
    obligations = list(obligations)
    prefetch([o.rule for o in obligations])  # the titles in the reader's language: one query
    return [_item(o, _("Obligation due")) for o in obligations]


def obligations_late(user, memberships):
    """For the coordinator: the organisations' late obligations, counted per cycle."""
    managers = holding(memberships, Perm.SOP_MANAGE)
    if not managers:
        return []
    late = (
        Obligation.objects.filter(
            in_networks(managers, "rule__cycle__network"),
            organisation__isnull=False,
            done_at__isnull=True,
            due_date__lt=timezone.localdate(),
        )
        .select_related("rule__cycle__network")
        .order_by("due_date")
    )
    by_cycle: dict[int, list] = {}
    for obligation in late:
        by_cycle.setdefault(obligation.rule.cycle_id, []).append(obligation)
    items = []
    for rows in by_cycle.values():
        cycle = rows[0].rule.cycle
        items.append(
            Item(
                kind_label=_("Late obligations"),
                title=ngettext(
                    "%(count)s obligation of the organisations is late",
                    "%(count)s obligations of the organisations are late",
                    len(rows),
                )
                % {"count": len(rows)},
                url=cycle_reverse("obligation-list", cycle) + "?state=late",
                network=cycle.network,
                cycle=cycle,
                deadline=rows[0].due_date,
            )
        )
    return items


def register() -> None:
    from gcmhub.todo import registry

    registry.register("coordination.obligations-due", obligations_due)
    registry.register("coordination.obligations-late", obligations_late)
