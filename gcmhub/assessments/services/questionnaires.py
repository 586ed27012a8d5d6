"""Uploaded questionnaires: compared with the inputs as they are (the preview), then applied
all at once, or cancelled."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gcmhub.assessments.content import InputContent, input_content
from gcmhub.assessments.models import INPUT_POLICY, Input, QuestionnaireUpload
from gcmhub.assessments.questionnaire import Reader
from gcmhub.assessments.selectors import input_detail
from gcmhub.assessments.services.collection import collection_closed
from gcmhub.assessments.services.inputs import input_open, input_save, input_submit
from gcmhub.core import workflow
from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import locked
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import Step
from gcmhub.directory.models import Organisation
from gcmhub.framework.models import Objective


@dataclass
class PlannedChange:
    """What applying a questionnaire would do to one input."""

    objective: Objective
    input: Input | None
    status: str  # new, changed, unchanged, conflict, locked
    content: InputContent
    version_at_download: int
    changed_fields: list[str] = field(default_factory=list)


FIELD_LABELS = {
    "language": pgettext_lazy("part of an input, in a list of what changed", "language"),
    "situation": pgettext_lazy(
        "part of an input, in a list of what changed", "situation and achievements"
    ),
    "gaps": pgettext_lazy("part of an input, in a list of what changed", "gaps and challenges"),
    "needs": pgettext_lazy("part of an input, in a list of what changed", "needs"),
    "proposed_actions": pgettext_lazy(
        "part of an input, in a list of what changed", "proposed actions"
    ),
    "references": pgettext_lazy("part of an input, in a list of what changed", "references"),
    "gcm_actions": pgettext_lazy("part of an input, in a list of what changed", "GCM actions"),
    "principles": pgettext_lazy(
        "part of an input, in a list of what changed", "guiding principles"
    ),
}
CONTENT_KEYS = (
    "situation",
    "gaps",
    "needs",
    "proposed_actions",
    "references",
    "gcm_actions",
    "principles",
)


def _require_own(by: User, cycle: Cycle, organisation: Organisation) -> None:
    """Only the organisation's own focal points upload its questionnaire."""
    require(by, Perm.INPUT_CONTRIBUTE, cycle=cycle)
    if not actor_for(by, cycle.network).speaks_for(organisation.pk):
        raise PermissionDenied


def questionnaire_plan(
    *, cycle: Cycle, organisation: Organisation, payload: dict, by: User
) -> list[PlannedChange]:
    """Compare a questionnaire's content with the inputs as they are now (no writes)."""
    objectives = {
        o.number: o
        for o in Objective.objects.filter(number__in=[i["objective"] for i in payload["inputs"]])
    }
    current = {
        i.objective_id: i
        for i in cycle.inputs.filter(organisation=organisation, objective__in=objectives.values())
    }
    closed = collection_closed(cycle.pk)
    actor = actor_for(by, cycle.network)
    plan = []
    for item in payload["inputs"]:
        objective = objectives[item["objective"]]
        content = InputContent(**item["content"])
        input = current.get(objective.pk)
        if input is None:
            status = "new" if any(content.comparable()[k] for k in CONTENT_KEYS) else "unchanged"
            if status == "new" and closed:
                status = "locked"
            plan.append(
                PlannedChange(objective, None, status, content, item["version_at_download"])
            )
            continue
        now = input_content(input_detail(input)).comparable()
        wanted = content.comparable()
        if not content.written:
            wanted["language"] = now["language"]  # the language of no text changes nothing
        changed = [FIELD_LABELS[k] for k in wanted if wanted[k] != now[k]]
        if not changed:
            status = "unchanged"
        elif input.version != item["version_at_download"]:
            status = "conflict"
        elif not workflow.can(
            INPUT_POLICY, actor, Step.EDIT, input.facts(collection_closed=closed)
        ):
            status = "locked"
        else:
            status = "changed"
        plan.append(
            PlannedChange(objective, input, status, content, item["version_at_download"], changed)
        )
    return plan


def plan_problems(plan: list[PlannedChange]) -> list[str]:
    problems = []
    for change in plan:
        if change.status == "conflict":
            problems.append(
                _(
                    "Objective %(number)d: the input was changed on the web after this file was "
                    "downloaded. Download the questionnaire again so as not to overwrite that "
                    "change."
                )
                % {"number": change.objective.number}
            )
        elif change.status == "locked":
            problems.append(
                _("Objective %(number)d: the input cannot be changed now (%(state)s).")
                % {
                    "number": change.objective.number,
                    "state": change.input.get_state_display()
                    if change.input
                    else _("the collection is closed"),
                }
            )
    return problems


@transaction.atomic
def questionnaire_receive(
    *, cycle: Cycle, organisation: Organisation, by: User, file_name: str, data: bytes
):
    """Read an uploaded questionnaire. Returns (upload, problems): the upload is kept for the
    preview only when the file itself has no problem and would change something; a file that
    says what the inputs already say leaves no trace (None, [])."""
    _require_own(by, cycle, organisation)
    reader = Reader(cycle=cycle, organisation=organisation, file_name=file_name, data=data)
    payload = reader.read()
    if payload is None:
        return None, reader.problems
    plan = questionnaire_plan(cycle=cycle, organisation=organisation, payload=payload, by=by)
    if all(change.status == "unchanged" for change in plan):
        return None, []
    upload = QuestionnaireUpload.objects.create(
        cycle=cycle,
        organisation=organisation,
        file_name=file_name[:255],
        payload=payload,
        uploaded_by=by,
    )
    return upload, []


@transaction.atomic
def questionnaire_apply(*, upload, by: User, submit: bool = False) -> list[PlannedChange]:
    """Write a checked questionnaire into the inputs: all of it, or nothing if any problem."""
    upload = QuestionnaireUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != QuestionnaireUpload.Status.PREVIEWED or upload.uploaded_by_id != by.pk:
        raise ValidationError(_("This upload has already been applied or cancelled."))
    plan = questionnaire_plan(
        cycle=upload.cycle, organisation=upload.organisation, payload=upload.payload, by=by
    )
    problems = plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    for change in plan:
        if change.status not in ("new", "changed"):
            continue
        input = change.input or input_open(
            cycle=upload.cycle, organisation=upload.organisation, objective=change.objective, by=by
        )
        _keep_ids(change.content, input)
        input = input_save(
            input=input,
            by=by,
            content=change.content,
            expected_version=input.version if change.input is None else change.version_at_download,
        )
        if submit:
            input_submit(input=input, by=by)
    upload.status = QuestionnaireUpload.Status.APPLIED
    upload.submit = submit
    upload.applied_at = timezone.now()
    upload.save(update_fields=["status", "submit", "applied_at"])
    return plan


def _keep_ids(content: InputContent, input: Input) -> None:
    """Give rows read from a file the ids of identical existing rows, so their history and
    uploaded files stay with them."""
    for rows, existing, key in [
        (content.needs, input.needs.all(), lambda r: (r["type"], r["description"])),
        (
            content.proposed_actions,
            input.proposed_actions.all(),
            lambda r: (r["description"], r["horizon"], r.get("lead")),
        ),
        (content.references, input.references.all(), lambda r: (r["kind"], r["title"])),
    ]:
        available = {}
        for obj in existing:
            row = {
                "type": getattr(obj, "type", None),
                "description": getattr(obj, "description", None),
                "horizon": getattr(obj, "horizon", None),
                "lead": getattr(obj, "lead_id", None),
                "kind": getattr(obj, "kind", None),
                "title": getattr(obj, "title", None),
            }
            available.setdefault(key(row), []).append(obj.pk)
        for row in rows:
            ids = available.get(key(row))
            if ids:
                row["id"] = ids.pop(0)


@transaction.atomic
def questionnaire_cancel(*, upload, by: User) -> None:
    upload = locked(upload)
    if upload.uploaded_by_id != by.pk or upload.status != QuestionnaireUpload.Status.PREVIEWED:
        raise PermissionDenied
    upload.status = QuestionnaireUpload.Status.CANCELLED
    upload.save(update_fields=["status"])
