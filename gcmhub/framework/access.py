"""Access helpers for a cycle's cooperation framework (the GCM reference data is public)."""

from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import Step
from gcmhub.framework import selectors
from gcmhub.framework.models import CooperationFramework


def framework_steps(user, cycle: Cycle) -> frozenset[Step]:
    """Everyone who reads the cycle views its framework; whoever manages the cycle edits it."""
    actor = actor_for(user, cycle.network)
    steps = {Step.VIEW} if actor.has(Perm.CYCLE_VIEW) else set()
    if actor.has(Perm.CYCLE_MANAGE):
        steps.add(Step.EDIT)
    return frozenset(steps)


def get_cooperation_framework_for_user(user, *, cycle: Cycle) -> CooperationFramework | None:
    """The cycle's framework (None while none is recorded), with the `steps` the user may take."""
    framework = selectors.cooperation_framework_for_cycle(cycle)
    if framework is not None:
        framework.steps = framework_steps(user, cycle)
    return framework
