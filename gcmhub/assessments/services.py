"""Writes of the needs assessment. Each checks the workflow rules itself, records who acted
(audit), and runs in one transaction: it happens entirely or not at all."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gcmhub.assessments.models import (
    Assignment,
    AssignmentSource,
    Attachment,
    Collection,
    Consultation,
    Input,
    Need,
    ProposedAction,
    Reference,
    Synthesis,
)
from gcmhub.assessments.workflow import InputFacts, Step, can, next_state
from gcmhub.core.audit import (
    delete_audited,
    locked,
    save_audited,
    save_changed,
    set_related,
)
from gcmhub.core.errors import StaleVersion
from gcmhub.core.models import Cycle, User
from gcmhub.core.notify import cycle_url, send_templated
from gcmhub.core.permissions import Actor, Role
from gcmhub.core.text import clean_text
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import actor_of as directory_actor_of
from gcmhub.directory.selectors import focal_points_of
from gcmhub.framework.models import Action, GuidingPrinciple, Objective


def actor_of(user: User, cycle: Cycle) -> Actor:
    return directory_actor_of(user, cycle.network_id)


def _collection(cycle: Cycle, *, lock: bool = False) -> Collection:
    collection, _created = Collection.objects.get_or_create(cycle=cycle)
    if lock:
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
    return collection


def _check(user: User, input: Input, step: Step) -> None:
    collection = Collection.objects.filter(cycle_id=input.cycle_id).first()
    facts = InputFacts(
        state=input.state,
        organisation_id=input.organisation_id,
        collection_closed=bool(collection and collection.is_closed),
        reopened=input.reopened,
    )
    if not can(actor_of(user, input.cycle), step, facts):
        raise PermissionDenied


# Collection phase


@transaction.atomic
def collection_update(*, cycle: Cycle, by: User, data: dict) -> Collection:
    collection = _collection(cycle, lock=True)
    for name, value in data.items():
        setattr(collection, name, clean_text(value) if name == "instructions" else value)
    return save_audited(collection, by=by)


@transaction.atomic
def collection_close(*, cycle: Cycle, by: User) -> Collection:
    """Close the collection phase: from now on inputs are locked unless reopened one by one."""
    collection = _collection(cycle, lock=True)
    if collection.is_closed:
        raise ValidationError(_("The collection of inputs is already closed."))
    collection.closed_at = timezone.now()
    collection.closed_by = by
    cycle.inputs.filter(reopened=True).update(reopened=False)
    return save_audited(collection, by=by, update_fields=["closed_at", "closed_by"])


@transaction.atomic
def collection_reopen(*, cycle: Cycle, by: User) -> Collection:
    collection = _collection(cycle, lock=True)
    if not collection.is_closed:
        raise ValidationError(_("The collection of inputs is open."))
    collection.closed_at = None
    collection.closed_by = None
    return save_audited(collection, by=by, update_fields=["closed_at", "closed_by"])


# Assignments


@transaction.atomic
def assignments_set(*, cycle: Cycle, organisation: Organisation, objectives, by: User) -> None:
    """Make `objectives` the ones the coordinator asks `organisation` about.

    Objectives the organisation added itself stay; an objective on which the organisation
    has already written an input cannot be taken away.
    """
    if organisation.network_id != cycle.network_id:
        raise ValidationError(_("Choose an organisation of this network."))
    wanted = {o.pk for o in objectives}
    current = {a.objective_id: a for a in cycle.assignments.filter(organisation=organisation)}
    with_input = set(
        cycle.inputs.filter(organisation=organisation).values_list("objective_id", flat=True)
    )
    for objective_id, assignment in current.items():
        if objective_id in wanted or assignment.source == AssignmentSource.VOLUNTEERED:
            continue
        if objective_id in with_input:
            raise ValidationError(
                _(
                    "Objective %(number)s cannot be taken away: the organisation has already "
                    "written an input on it."
                )
                % {"number": assignment.objective.number}
            )
        delete_audited(assignment, by=by)
    for objective in objectives:
        if objective.pk not in current:
            save_audited(
                Assignment(cycle=cycle, organisation=organisation, objective=objective), by=by
            )


@transaction.atomic
def assignment_volunteer(*, cycle: Cycle, objective: Objective, by: User) -> Assignment:
    """A focal point adds an objective their organisation wants to speak to."""
    actor = actor_of(by, cycle)
    if actor.role != Role.FOCAL_POINT or not actor.organisation_id:
        raise PermissionDenied
    if _collection(cycle).is_closed:
        raise ValidationError(_("The collection of inputs is closed."))
    assignment = Assignment(
        cycle=cycle,
        organisation_id=actor.organisation_id,
        objective=objective,
        source=AssignmentSource.VOLUNTEERED,
    )
    return save_audited(assignment, by=by)


# Inputs


@dataclass
class InputContent:
    """What an input says; the same shape from the web form and from a questionnaire."""

    language: str = "en"
    situation: str = ""
    gaps: str = ""
    needs: list[dict] = field(default_factory=list)  # type, description[, id]
    proposed_actions: list[dict] = field(default_factory=list)  # description, horizon, lead[, id]
    references: list[dict] = field(default_factory=list)  # kind, title, url[, file][, id]
    gcm_actions: list[str] = field(default_factory=list)  # letters
    principles: list[str] = field(default_factory=list)  # keys
    consultations: list[int] | None = None  # ids; None leaves them as they are

    def comparable(self) -> dict:
        """The content as plain data, for telling whether two versions differ."""
        return {
            "language": self.language,
            "situation": self.situation,
            "gaps": self.gaps,
            "needs": [(n["type"], n["description"]) for n in self.needs],
            "proposed_actions": [
                (a["description"], a["horizon"], a.get("lead")) for a in self.proposed_actions
            ],
            "references": [(r["kind"], r["title"], r.get("url", "")) for r in self.references],
            "gcm_actions": sorted(self.gcm_actions),
            "principles": sorted(self.principles),
        }


def input_content(input: Input) -> InputContent:
    """Read an input's current content (use on an input loaded by `input_detail`)."""
    return InputContent(
        language=input.language,
        situation=input.situation,
        gaps=input.gaps,
        needs=[
            {"id": n.pk, "type": n.type, "description": n.description} for n in input.needs.all()
        ],
        proposed_actions=[
            {"id": a.pk, "description": a.description, "horizon": a.horizon, "lead": a.lead_id}
            for a in input.proposed_actions.all()
        ],
        references=[
            {"id": r.pk, "kind": r.kind, "title": r.title, "url": r.url}
            for r in input.references.all()
        ],
        gcm_actions=[a.letter for a in input.gcm_actions.all()],
        principles=[p.key for p in input.principles.all()],
        consultations=[c.pk for c in input.consultations.all()],
    )


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
    input = cycle.inputs.filter(organisation=organisation, objective=objective).first()
    if input is not None:
        return input
    actor = actor_of(by, cycle)
    if not can(actor, Step.EDIT, InputFacts(state="draft", organisation_id=organisation.pk)):
        raise PermissionDenied
    if _collection(cycle).is_closed:
        raise ValidationError(_("The collection of inputs is closed."))
    return save_audited(
        Input(cycle=cycle, organisation=organisation, objective=objective, updated_by=by), by=by
    )


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
    input = Input.objects.select_for_update().select_related("cycle", "objective").get(pk=input.pk)
    _check(by, input, Step.EDIT)
    if input.version != expected_version:
        raise StaleVersion(
            _(
                "Someone else saved this input after you opened it. Your changes were not "
                "saved: open the input again to see the current text."
            )
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
    _check(by, input, step)
    input.state = next_state(step, input.state)
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
    transaction.on_commit(lambda: _notify_returned(input))
    return input


@transaction.atomic
def input_accept(*, input: Input, by: User) -> Input:
    return _transition(
        input, by, Step.ACCEPT, reviewed_at=timezone.now(), reviewed_by=by, reopened=False
    )


@transaction.atomic
def input_reopen(*, input: Input, by: User, reason: str) -> Input:
    """Let one input be changed again after the collection closed (the coordinator's call)."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the input is reopened.")})
    input = _transition(input, by, Step.REOPEN, reopened=True, return_reason=reason)
    transaction.on_commit(lambda: _notify_returned(input))
    return input


# Consultations


@transaction.atomic
def consultation_save(
    *, cycle: Cycle, by: User, data: dict, consultation: Consultation | None = None
) -> Consultation:
    consultation = locked(consultation) if consultation is not None else None
    data = dict(data)
    organisations = data.pop("organisations", None)
    objectives = data.pop("objectives", None)
    consultation = consultation or Consultation(cycle=cycle, created_by=by)
    for name, value in data.items():
        setattr(
            consultation,
            name,
            clean_text(value) if name in {"notes", "participants", "title"} else value,
        )
    save_audited(consultation, by=by)
    if organisations is not None:
        if any(o.network_id != cycle.network_id for o in organisations):
            raise ValidationError(_("Choose organisations of this network."))
        consultation.organisations.set(organisations)
    if objectives is not None:
        consultation.objectives.set(objectives)
    return consultation


@transaction.atomic
def attachment_add(*, consultation: Consultation, by: User, title: str, file) -> Attachment:
    return save_audited(
        Attachment(consultation=consultation, title=clean_text(title), file=file), by=by
    )


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: User) -> None:
    attachment = locked(attachment)
    attachment.file.delete(save=False)
    delete_audited(attachment, by=by)


# Synthesis


@transaction.atomic
def synthesis_save(
    *, cycle: Cycle, objective: Objective, by: User, text: str, expected_version: int
) -> Synthesis:
    synthesis, _created = Synthesis.objects.get_or_create(cycle=cycle, objective=objective)
    synthesis = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
    if synthesis.version != expected_version:
        raise StaleVersion(
            _("Someone else saved this synthesis after you opened it; open it again to see theirs.")
        )
    synthesis.text = clean_text(text)
    save_changed(synthesis, by=by, updated_by=by)
    return synthesis


# E-mails


def _focal_points(organisation_id: int, network_id: int):
    return focal_points_of(organisation_id, network_id)


def _send(user: User, template: str, context: dict, attachments=()) -> None:
    send_templated(user, f"assessments/email/{template}", context, attachments)


def _cycle_url(cycle: Cycle, name: str, **kwargs) -> str:
    return cycle_url(cycle, name, **kwargs)


def _notify_returned(input: Input) -> None:
    context = {"input": input, "url": _cycle_url(input.cycle, "input-detail", input_pk=input.pk)}
    for user in _focal_points(input.organisation_id, input.cycle.network_id):
        _send(user, "input_returned", context)


def requests_send(*, cycle: Cycle, by: User) -> int:
    """E-mail every asked organisation's focal points: their objectives, the deadline, the link,
    and their questionnaire attached. Returns the number of e-mails sent."""
    from gcmhub.assessments.questionnaire import build_questionnaire

    collection = _collection(cycle)
    organisations = Organisation.objects.filter(assignments__cycle=cycle).distinct()
    sent = 0
    for organisation in organisations:
        objectives = [
            a.objective
            for a in cycle.assignments.filter(organisation=organisation).select_related("objective")
        ]
        for user in _focal_points(organisation.pk, cycle.network_id):
            with translation.override(user.language):
                workbook = build_questionnaire(
                    cycle=cycle, organisation=organisation, language=user.language
                )
            context = {
                "cycle": cycle,
                "organisation": organisation,
                "objectives": objectives,
                "deadline": collection.deadline,
                "url": _cycle_url(cycle, "assessment-home"),
            }
            name = f"questionnaire-{organisation.short_name}.xlsx".replace(" ", "-")
            _send(
                user,
                "request",
                context,
                attachments=[
                    (
                        name,
                        workbook,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    )
                ],
            )
            sent += 1
    with transaction.atomic():
        collection = _collection(cycle, lock=True)
        collection.requests_sent_at = timezone.now()
        save_audited(collection, by=by, update_fields=["requests_sent_at"])
    return sent


# Questionnaires


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


def questionnaire_plan(
    *, cycle: Cycle, organisation: Organisation, payload: dict, by: User
) -> list[PlannedChange]:
    """Compare a questionnaire's content with the inputs as they are now (no writes)."""
    from gcmhub.assessments.selectors import input_detail

    objectives = {
        o.number: o
        for o in Objective.objects.filter(number__in=[i["objective"] for i in payload["inputs"]])
    }
    current = {
        i.objective_id: i
        for i in cycle.inputs.filter(organisation=organisation, objective__in=objectives.values())
    }
    collection = Collection.objects.filter(cycle=cycle).first()
    closed = bool(collection and collection.is_closed)
    actor = actor_of(by, cycle)
    plan = []
    for item in payload["inputs"]:
        objective = objectives[item["objective"]]
        content = InputContent(**item["content"])
        input = current.get(objective.pk)
        if input is None:
            status = (
                "new"
                if any(
                    content.comparable()[k]
                    for k in (
                        "situation",
                        "gaps",
                        "needs",
                        "proposed_actions",
                        "references",
                        "gcm_actions",
                        "principles",
                    )
                )
                else "unchanged"
            )
            if status == "new" and closed:
                status = "locked"
            plan.append(
                PlannedChange(objective, None, status, content, item["version_at_download"])
            )
            continue
        now = input_content(input_detail(input)).comparable()
        wanted = content.comparable()
        changed = [FIELD_LABELS[k] for k in wanted if wanted[k] != now[k]]
        if not changed:
            status = "unchanged"
        elif input.version != item["version_at_download"]:
            status = "conflict"
        elif not can(
            actor, Step.EDIT, InputFacts(input.state, input.organisation_id, closed, input.reopened)
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
    from gcmhub.assessments.models import QuestionnaireUpload
    from gcmhub.assessments.questionnaire import Reader

    actor = actor_of(by, cycle)
    if actor.role != Role.FOCAL_POINT or actor.organisation_id != organisation.pk:
        raise PermissionDenied
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
    from gcmhub.assessments.models import QuestionnaireUpload

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
    from gcmhub.assessments.models import QuestionnaireUpload

    if upload.uploaded_by_id != by.pk or upload.status != QuestionnaireUpload.Status.PREVIEWED:
        raise PermissionDenied
    upload.status = QuestionnaireUpload.Status.CANCELLED
    upload.save(update_fields=["status"])


def _reminder_kind(days_left: int) -> str | None:
    """Which reminder is due with `days_left` days to the deadline (tolerates missed runs)."""
    from gcmhub.assessments.models import ReminderKind

    if 3 <= days_left <= 7:
        return ReminderKind.WEEK_BEFORE
    if 0 <= days_left <= 2:
        return ReminderKind.DAYS_BEFORE
    if -7 <= days_left < 0:
        return ReminderKind.OVERDUE
    return None


def reminders_send(*, today) -> int:
    """Remind organisations with inputs still to submit; safe to run every day: each reminder
    goes once per organisation, kind and deadline. Returns the number of e-mails sent."""
    from gcmhub.assessments.models import InputState, Reminder, ReminderKind

    sent = 0
    collections = Collection.objects.filter(
        deadline__isnull=False, closed_at__isnull=True
    ).select_related("cycle__network")
    for collection in collections:
        cycle = collection.cycle
        kind = _reminder_kind((collection.deadline - today).days)
        if kind is None:
            continue
        done = set(
            cycle.inputs.filter(state__in=[InputState.SUBMITTED, InputState.ACCEPTED]).values_list(
                "organisation_id", "objective_id"
            )
        )
        missing: dict[int, list] = {}
        for assignment in cycle.assignments.select_related("organisation", "objective"):
            if (assignment.organisation_id, assignment.objective_id) not in done:
                missing.setdefault(assignment.organisation_id, []).append(assignment)
        for organisation_id, assignments in missing.items():
            with transaction.atomic():
                reminder, created = Reminder.objects.get_or_create(
                    cycle=cycle,
                    organisation_id=organisation_id,
                    kind=kind,
                    deadline=collection.deadline,
                )
                if not created:
                    continue
                context = {
                    "organisation": assignments[0].organisation,
                    "objectives": [a.objective for a in assignments],
                    "deadline": collection.deadline,
                    "overdue": kind == ReminderKind.OVERDUE,
                    "url": _cycle_url(cycle, "assessment-home"),
                }
                for user in _focal_points(organisation_id, cycle.network_id):
                    _send(user, "reminder", context)
                    sent += 1
    return sent
