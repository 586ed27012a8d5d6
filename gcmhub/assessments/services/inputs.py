"""An organisation's input on an objective: started, saved, and moved through the one
workflow (`INPUT_POLICY`): submitted, returned, accepted, reopened after the close."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gcmhub.assessments.content import InputContent
from gcmhub.assessments.models import INPUT_POLICY, Input, Need, ProposedAction, Reference
from gcmhub.assessments.services.collection import collection_closed, collection_of
from gcmhub.assessments.services.emails import (
    notify_accepted,
    notify_returned,
    notify_submitted,
)
from gcmhub.core import workflow
from gcmhub.core.access import actor_for
from gcmhub.core.audit import delete_audited, save_audited, save_changed, set_related
from gcmhub.core.errors import check_version
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Cycle, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.core.workflow import Facts, State, Step
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import members_with
from gcmhub.framework.models import Action, GuidingPrinciple, Objective
from gcmhub.notifications.models import Kind
from gcmhub.notifications.services import notify


def input_facts(input: Input) -> Facts:
    """What the workflow needs to know of an input, the collection's state read now."""
    return input.facts(collection_closed=collection_closed(input.cycle_id))


def _require_step(user: User, input: Input, step: Step) -> None:
    if not workflow.can(
        INPUT_POLICY, actor_for(user, input.cycle.network), step, input_facts(input)
    ):
        raise PermissionDenied


@transaction.atomic
def input_open(
    *, cycle: Cycle, organisation: Organisation, objective: Objective, by: User
) -> Input:
    """Return the organisation's input on the objective, starting a draft if there is none."""
    if not cycle.assignments.filter(organisation=organisation, objective=objective).exists():
        raise ValidationError(
            _(
                "Your organisation is not asked about this objective; add it to your objectives "
                "first."
            )
        )
    actor = actor_for(by, cycle.network)
    # Only the organisation's own focal points start or reopen its input.
    new = Facts(state=State.DRAFT, organisation_id=organisation.pk)
    if not workflow.can(INPUT_POLICY, actor, Step.EDIT, new):
        raise PermissionDenied
    input = cycle.inputs.filter(organisation=organisation, objective=objective).first()
    if input is not None:
        return input
    if collection_of(cycle).is_closed:
        raise ValidationError(_("The collection of inputs is closed."))
    # Written in the interface language unless the writer says otherwise.
    input = Input(
        cycle=cycle,
        organisation=organisation,
        objective=objective,
        language=current_language(),
        updated_by=by,
    )
    return save_audited(input, by=by)


def _sync(model, parent_field: str, parent, rows: list[dict], fields: list[str], by: User) -> bool:
    """Make the children of `parent` equal `rows`: update by id, create new, delete the rest.

    True when that changed anything."""
    existing = {obj.pk: obj for obj in model.objects.filter(**{parent_field: parent})}
    kept, changed = set(), False
    for order, row in enumerate(rows):
        obj = existing.get(row.get("id")) if row.get("id") else None
        if obj is None:
            obj = model(**{parent_field: parent})
        for name in fields:
            if name in row:
                setattr(obj, name, row[name])
        obj.order = order
        changed |= save_changed(obj, by=by)
        kept.add(obj.pk)
    for pk, obj in existing.items():
        if pk not in kept:
            delete_audited(obj, by=by)
            changed = True
    return changed


@transaction.atomic
def input_save(*, input: Input, by: User, content: InputContent, expected_version: int) -> Input:
    """Save an input's content if it is still the version the person started from."""
    input = (
        Input.objects.select_for_update()
        .select_related("cycle__network", "objective")
        .get(pk=input.pk)
    )
    _require_step(by, input, Step.EDIT)
    check_version(
        input,
        expected_version,
        _(
            "Someone else saved this input after you opened it. Your changes were not "
            "saved: open the input again to see the current text."
        ),
    )
    input.language = content.language
    input.situation = clean_text(content.situation)
    input.gaps = clean_text(content.gaps)
    changed = _sync(
        Need,
        "input",
        input,
        [{**n, "description": clean_text(n["description"])} for n in content.needs],
        ["type", "description"],
        by,
    )
    changed |= _sync(
        ProposedAction,
        "input",
        input,
        [
            {**a, "description": clean_text(a["description"]), "lead_id": a.get("lead")}
            for a in content.proposed_actions
        ],
        ["description", "horizon", "lead_id"],
        by,
    )
    changed |= _sync(
        Reference,
        "input",
        input,
        [{**r, "title": clean_text(r["title"])} for r in content.references],
        ["kind", "title", "url", "file"],
        by,
    )
    changed |= set_related(
        input.gcm_actions,
        Action.objects.filter(objective=input.objective, letter__in=content.gcm_actions),
    )
    changed |= set_related(
        input.principles, GuidingPrinciple.objects.filter(key__in=content.principles)
    )
    if content.consultations is not None:
        changed |= set_related(
            input.consultations, input.cycle.consultations.filter(pk__in=content.consultations)
        )
    save_changed(input, by=by, related_changed=changed, updated_by=by)
    return input


def _transition(input: Input, by: User, step: Step, **changes) -> Input:
    input = (
        Input.objects.select_for_update()
        .select_related("cycle__network", "organisation", "objective")
        .get(pk=input.pk)
    )
    input.state = workflow.transition(
        INPUT_POLICY, step, actor=actor_for(by, input.cycle.network), facts=input_facts(input)
    )
    for name, value in changes.items():
        setattr(input, name, value)
    return save_audited(input, by=by)


@transaction.atomic
def input_submit(*, input: Input, by: User) -> Input:
    """The focal point submits the input as their institution's position (never an empty one)."""
    input = _transition(
        input, by, Step.SUBMIT, submitted_at=timezone.now(), submitted_by=by, return_reason=""
    )
    if not (
        input.situation.strip()
        or input.gaps.strip()
        or input.needs.exists()
        or input.proposed_actions.exists()
    ):
        # Raised inside the transaction: the submission is undone.
        raise ValidationError(
            _(
                "This input is empty, so it was not submitted: describe the situation or the "
                "gaps, or add a need or a proposed action, first."
            )
        )
    notify_submitted(input, by)
    return input


@transaction.atomic
def input_return(*, input: Input, by: User, reason: str) -> Input:
    """Send the input back to its organisation with the reason; they are told by e-mail."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the input is returned.")})
    input = _transition(
        input, by, Step.RETURN, return_reason=reason, reviewed_at=timezone.now(), reviewed_by=by
    )
    notify_returned(input, by)
    return input


@transaction.atomic
def input_accept(*, input: Input, by: User) -> Input:
    input = _transition(
        input, by, Step.ACCEPT, reviewed_at=timezone.now(), reviewed_by=by, reopened=False
    )
    notify_accepted(input, by)
    return input


@transaction.atomic
def input_reopen(*, input: Input, by: User, reason: str) -> Input:
    """Let one input be changed again after the collection closed (the coordinator's call)."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the input is reopened.")})
    input = _transition(input, by, Step.REOPEN, reopened=True, return_reason=reason)
    notify_returned(input, by)
    return input


@transaction.atomic
def input_withdraw(*, input: Input, by: User) -> Input:
    """Take a submitted input back to draft, until the secretariat has returned or accepted it;
    the secretariat is told. The row is locked first: a review that lands at the same moment
    either comes before (and the withdrawal is refused) or after (and finds a draft)."""
    current = Input.objects.select_for_update().get(pk=input.pk)
    if current.state in (State.RETURNED, State.ACCEPTED):
        raise ValidationError(
            _("The secretariat has already reviewed this input: it can no longer be withdrawn.")
        )
    if current.state == State.DRAFT:
        raise ValidationError(_("This input is not submitted: there is nothing to withdraw."))
    if not input_facts(current).open:
        raise ValidationError(
            _("The collection of inputs is closed: the input can no longer be withdrawn.")
        )
    input = _transition(input, by, Step.WITHDRAW, submitted_at=None, submitted_by=None)
    notify(
        members_with(input.cycle.network_id, Perm.INPUT_REVIEW),
        Kind.WITHDRAWN,
        message=gettext_noop(
            "%(organisation)s withdrew its input on objective %(objective)s: it is a draft again."
        ),
        params={
            "organisation": lambda: input.organisation.label,
            "objective": input.objective.number,
        },
        # A draft again: the secretariat cannot open it, but sees where it stands.
        url=cycle_reverse("assessment-home", input.cycle),
        cycle=input.cycle,
        actor=by,
    )
    return input
