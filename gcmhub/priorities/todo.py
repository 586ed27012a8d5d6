"""What the scoring asks of people (My tasks): the score sheet of a focal point's organisation
while scoring is open; for the coordinator, the open round and how many sheets are in."""

from django.utils.translation import gettext as _

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import State
from gcmhub.priorities.models import RoundStatus, ScoreSheet
from gcmhub.todo.registry import Item, holding, in_networks, of_organisations, speaking


def sheets_to_score(user, memberships):
    """Draft score sheets of the focal point's organisation in an open round (one query)."""
    mine = speaking(memberships, Perm.PRIORITY_SCORE)
    if not mine:
        return []
    sheets = ScoreSheet.objects.filter(
        of_organisations(mine),
        state=State.DRAFT,
        cycle__scoring_round__status=RoundStatus.OPEN,
    ).select_related("cycle__network", "cycle__scoring_round")
    return [
        Item(
            kind_label=_("Score sheet to fill in"),
            title=_("Scores of %(organisation)s") % {"organisation": sheet.organisation.short_name},
            url=cycle_reverse("scoring-sheet", sheet.cycle),
            network=sheet.cycle.network,
            cycle=sheet.cycle,
            deadline=sheet.cycle.scoring_round.deadline,
            since=sheet.cycle.scoring_round.opened_at,
        )
        for sheet in sheets.select_related("organisation")
    ]


def rounds_open(user, memberships):
    """For the coordinator: open scoring rounds with sheets still to come (one query)."""
    managers = holding(memberships, Perm.PRIORITY_MANAGE)
    if not managers:
        return []
    sheets = ScoreSheet.objects.filter(
        in_networks(managers), cycle__scoring_round__status=RoundStatus.OPEN
    ).select_related("cycle__network", "cycle__scoring_round")
    by_cycle: dict[int, list] = {}
    for sheet in sheets:
        by_cycle.setdefault(sheet.cycle_id, []).append(sheet)
    items = []
    for rows in by_cycle.values():
        waiting = sum(1 for s in rows if s.state != State.SUBMITTED)
        if not waiting:
            continue
        cycle = rows[0].cycle
        items.append(
            Item(
                kind_label=_("Scoring open"),
                title=_("%(submitted)s of %(total)s score sheets submitted")
                % {"submitted": len(rows) - waiting, "total": len(rows)},
                url=cycle_reverse("priorities-home", cycle),
                network=cycle.network,
                cycle=cycle,
                deadline=cycle.scoring_round.deadline,
                since=cycle.scoring_round.opened_at,
            )
        )
    return items


def register() -> None:
    from gcmhub.todo import registry

    registry.register("priorities.sheets", sheets_to_score)
    registry.register("priorities.rounds", rounds_open)
