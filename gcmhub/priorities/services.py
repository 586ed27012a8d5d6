"""Writes of the prioritisation: criteria, invitations, scores, the round, and decisions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gcmhub.core import workflow
from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import delete_audited, save_audited, save_changed, set_related
from gcmhub.core.errors import check_version
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Cycle, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Actor, Perm
from gcmhub.core.text import clean_text
from gcmhub.core.workflow import Facts, State, Step
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import members_with
from gcmhub.framework.models import Objective
from gcmhub.notifications.models import Delivery, Kind
from gcmhub.notifications.selectors import focal_points, holders_of
from gcmhub.notifications.services import Email, notify
from gcmhub.priorities import aggregation
from gcmhub.priorities.defaults import DEFAULT_CRITERIA
from gcmhub.priorities.models import (
    SHEET_POLICY,
    Criterion,
    Decision,
    DecisionHorizon,
    RoundStatus,
    ScoreRow,
    ScoreSheet,
    ScoringRound,
)


def _round(cycle: Cycle, *, lock: bool = False) -> ScoringRound:
    scoring_round, created = ScoringRound.objects.get_or_create(cycle=cycle)
    if created and not cycle.criteria.exists():
        for order, data in enumerate(DEFAULT_CRITERIA):
            Criterion.objects.create(cycle=cycle, order=order, **data)
    if lock:
        scoring_round = ScoringRound.objects.select_for_update().get(pk=scoring_round.pk)
    return scoring_round


def round_prepare(*, cycle: Cycle) -> ScoringRound:
    """Make sure the cycle has a scoring round, with the default criteria the first time."""
    with transaction.atomic():
        return _round(cycle)


@transaction.atomic
def criteria_save(*, cycle: Cycle, by: User, rows: list[dict]) -> list[Criterion]:
    """Replace the criteria with `rows` (id, name, name_tr, question(s), weight, axis,
    anchors); only before scoring opens, since scores refer to them."""
    require(by, Perm.PRIORITY_MANAGE, cycle=cycle)
    scoring_round = _round(cycle, lock=True)
    if scoring_round.status != RoundStatus.SETUP:
        raise ValidationError(_("The criteria cannot change once scoring has opened."))
    if not rows:
        raise ValidationError(_("Keep at least one criterion."))
    existing = {c.pk: c for c in cycle.criteria.all()}
    kept, keys = [], set()
    for order, row in enumerate(rows):
        criterion = existing.get(row.get("id")) or Criterion(cycle=cycle)
        for name in ("name", "name_tr", "question", "question_tr", "weight", "axis", "anchors"):
            if name in row:
                setattr(
                    criterion,
                    name,
                    clean_text(row[name]) if isinstance(row[name], str) else row[name],
                )
        if not criterion.key:
            criterion.key = _unique_key(
                slugify(criterion.name)[:30] or "criterion",
                keys | {c.key for c in existing.values()},
            )
        keys.add(criterion.key)
        criterion.order = order
        kept.append(save_audited(criterion, by=by))
    for pk, criterion in existing.items():
        if pk not in {c.pk for c in kept}:
            delete_audited(criterion, by=by)
    return kept


def _unique_key(base: str, taken: set[str]) -> str:
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def sheets_invite(*, cycle: Cycle, organisations, by: User) -> None:
    """Make `organisations` the ones invited to score; a sheet with scores stays."""
    require(by, Perm.PRIORITY_MANAGE, cycle=cycle)
    _round(cycle)
    wanted = {o.pk for o in organisations}
    if any(o.network_id != cycle.network_id for o in organisations):
        raise ValidationError(_("Choose organisations of this network."))
    scored = set(ScoreRow.objects.filter(sheet__cycle=cycle).values_list("sheet_id", flat=True))
    for sheet in cycle.score_sheets.select_related("organisation"):
        if sheet.organisation_id not in wanted:
            if sheet.pk in scored:
                raise ValidationError(
                    _("%(name)s has already scored; its sheet cannot be withdrawn.")
                    % {"name": sheet.organisation.short_name}
                )
            delete_audited(sheet, by=by)
    present = set(cycle.score_sheets.values_list("organisation_id", flat=True))
    for organisation in organisations:
        if organisation.pk not in present:
            save_audited(ScoreSheet(cycle=cycle, organisation=organisation), by=by)


@transaction.atomic
def round_open(*, cycle: Cycle, by: User, deadline=None) -> ScoringRound:
    require(by, Perm.PRIORITY_MANAGE, cycle=cycle)
    scoring_round = _round(cycle, lock=True)
    if scoring_round.status == RoundStatus.OPEN:
        raise ValidationError(_("Scoring is already open."))
    if not cycle.score_sheets.exists():
        raise ValidationError(_("Invite at least one organisation before opening the scoring."))
    scoring_round.status = RoundStatus.OPEN
    scoring_round.deadline = deadline
    scoring_round.opened_at = scoring_round.opened_at or timezone.now()
    scoring_round.closed_at = None
    save_audited(scoring_round, by=by)
    sheets = list(cycle.score_sheets.select_related("organisation"))
    _notify(cycle, sheets, "scoring_open", scoring_round.deadline, by)
    return scoring_round


@transaction.atomic
def round_close(*, cycle: Cycle, by: User) -> ScoringRound:
    require(by, Perm.PRIORITY_MANAGE, cycle=cycle)
    scoring_round = _round(cycle, lock=True)
    if scoring_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Scoring is not open."))
    scoring_round.status = RoundStatus.CLOSED
    scoring_round.closed_at = timezone.now()
    return save_audited(scoring_round, by=by)


def _scoring_open(cycle: Cycle) -> bool:
    return ScoringRound.objects.filter(cycle=cycle, status=RoundStatus.OPEN).exists()


def _check_sheet(by: User, sheet: ScoreSheet, step: Step) -> tuple[Actor, Facts]:
    """Refuse `step` on the sheet unless the workflow allows it: PermissionDenied for anyone
    but the organisation's focal points, the reason for them. Returns who acts on what."""
    actor = actor_for(by, sheet.cycle.network)
    facts = sheet.facts(scoring_open=_scoring_open(sheet.cycle))
    if not (actor.has(SHEET_POLICY.author) and actor.speaks_for(sheet.organisation_id)):
        raise PermissionDenied
    if not facts.open:
        raise ValidationError(_("Scoring is not open."))
    if not workflow.can(SHEET_POLICY, actor, step, facts):
        raise ValidationError(_("These scores have been submitted and can no longer change."))
    return actor, facts


@transaction.atomic
def sheet_save(
    *, sheet: ScoreSheet, by: User, rows: dict[int, dict], expected_version: int
) -> ScoreSheet:
    """Save an organisation's scores: `rows` maps objective numbers to
    {"values": {criterion key: 1-5 or None}, "outside_mandate": bool, "comment": str}."""
    sheet = ScoreSheet.objects.select_for_update().select_related("cycle__network").get(pk=sheet.pk)
    _check_sheet(by, sheet, Step.EDIT)
    check_version(
        sheet,
        expected_version,
        _("Someone else saved these scores after you opened them; open them again."),
    )
    keys = set(sheet.cycle.criteria.values_list("key", flat=True))
    objectives = {o.number: o for o in Objective.objects.filter(number__in=rows)}
    existing = {r.objective_id: r for r in sheet.rows.all()}
    changed = False
    for number, data in rows.items():
        values = {k: v for k, v in data.get("values", {}).items() if k in keys}
        if any(v is not None and v not in range(1, 6) for v in values.values()):
            raise ValidationError(_("Scores go from 1 to 5."))
        objective = objectives[number]
        row = existing.get(objective.pk) or ScoreRow(sheet=sheet, objective=objective)
        outside = bool(data.get("outside_mandate"))
        row.values = {} if outside else {k: v for k, v in values.items() if v is not None}
        row.outside_mandate = outside
        row.comment = clean_text(data.get("comment", ""))
        if row._state.adding and not (row.values or row.outside_mandate or row.comment):
            continue  # an objective left unanswered gets no row
        changed |= save_changed(row, by=by)
    save_changed(sheet, by=by, related_changed=changed)
    return sheet


def sheet_missing(sheet: ScoreSheet) -> list[int]:
    """Objectives not yet scored on every criterion nor marked outside the mandate."""
    keys = set(sheet.cycle.criteria.values_list("key", flat=True))
    done = {
        number
        for number, values, outside in sheet.rows.values_list(
            "objective__number", "values", "outside_mandate"
        )
        if outside or keys <= {k for k, v in (values or {}).items() if v is not None}
    }
    return [n for n in range(1, 24) if n not in done]


@transaction.atomic
def sheet_submit(*, sheet: ScoreSheet, by: User) -> ScoreSheet:
    """Submit the scores as the organisation's position: every objective must be answered."""
    sheet = ScoreSheet.objects.select_for_update().select_related("cycle__network").get(pk=sheet.pk)
    actor, facts = _check_sheet(by, sheet, Step.SUBMIT)
    missing = sheet_missing(sheet)
    if missing:
        raise ValidationError(
            _(
                "Score every criterion of each objective, or mark it outside your mandate. "
                "Still to answer: objectives %(numbers)s."
            )
            % {"numbers": ", ".join(str(n) for n in missing)}
        )
    if not sheet.rows.filter(outside_mandate=False).exists():
        raise ValidationError(
            _(
                "Every objective is marked outside your mandate, so these scores say nothing: "
                "score at least one objective your organisation works on."
            )
        )
    sheet.state = workflow.transition(SHEET_POLICY, Step.SUBMIT, actor=actor, facts=facts)
    sheet.submitted_at = timezone.now()
    sheet.submitted_by = by
    save_audited(sheet, by=by)
    _sheet_notify(sheet, by, returned=False)
    return sheet


@transaction.atomic
def sheet_withdraw(*, sheet: ScoreSheet, by: User) -> ScoreSheet:
    """Take submitted scores back to draft while scoring is open and the coordinator has not
    given them back already; the coordinators are told. The row is locked first, so a reopening
    or the close landing at the same moment is seen."""
    sheet = ScoreSheet.objects.select_for_update().select_related("cycle__network").get(pk=sheet.pk)
    actor = actor_for(by, sheet.cycle.network)
    facts = sheet.facts(scoring_open=_scoring_open(sheet.cycle))
    if not (actor.has(SHEET_POLICY.author) and actor.speaks_for(sheet.organisation_id)):
        raise PermissionDenied
    if sheet.state != State.SUBMITTED:
        raise ValidationError(_("These scores are not submitted: there is nothing to withdraw."))
    if not facts.open:
        raise ValidationError(_("Scoring is closed: the scores can no longer be withdrawn."))
    sheet.state = workflow.transition(SHEET_POLICY, Step.WITHDRAW, actor=actor, facts=facts)
    sheet.submitted_at, sheet.submitted_by = None, None
    save_audited(sheet, by=by)
    notify(
        members_with(sheet.cycle.network_id, Perm.PRIORITY_MANAGE),
        Kind.WITHDRAWN,
        message=gettext_noop("%(organisation)s withdrew its scores: they are a draft again."),
        params={"organisation": lambda: sheet.organisation.label},
        url=cycle_reverse("priorities-home", sheet.cycle),
        cycle=sheet.cycle,
        actor=by,
    )
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: ScoreSheet, by: User) -> ScoreSheet:
    """Give a submitted sheet back to its organisation (the coordinator's call, while open):
    the RETURN step of the workflow."""
    require(by, Perm.PRIORITY_MANAGE, cycle=sheet.cycle)
    sheet = ScoreSheet.objects.select_for_update().select_related("cycle__network").get(pk=sheet.pk)
    if sheet.state != State.SUBMITTED:
        raise ValidationError(_("These scores have not been submitted."))
    sheet.state = workflow.transition(
        SHEET_POLICY,
        Step.RETURN,
        actor=actor_for(by, sheet.cycle.network),
        facts=sheet.facts(scoring_open=_scoring_open(sheet.cycle)),
    )
    save_audited(sheet, by=by, update_fields=["state"])
    _sheet_notify(sheet, by, returned=True)
    return sheet


def scores_remind(*, cycle: Cycle, by: User) -> int:
    """E-mail the focal points of invited organisations that have not submitted."""
    require(by, Perm.PRIORITY_MANAGE, cycle=cycle)
    scoring_round = ScoringRound.objects.filter(cycle=cycle).first()
    if scoring_round is None or scoring_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Scoring is not open."))
    sheets = list(cycle.score_sheets.filter(state=State.DRAFT).select_related("organisation"))
    sent = _notify(cycle, sheets, "scoring_reminder", scoring_round.deadline, by)
    ScoreSheet.objects.filter(pk__in=[s.pk for s in sheets]).update(reminded_at=timezone.now())
    return sent


# What each e-mail of the scoring tells, as a notification of its kind.
_NOTICES = {
    "scoring_open": (
        Kind.INVITED,
        gettext_noop("%(organisation)s is invited to score the GCM objectives of %(cycle)s."),
    ),
    "scoring_reminder": (
        Kind.DUE_SOON,
        gettext_noop("The scores of %(organisation)s have not been submitted yet (%(cycle)s)."),
    ),
}


def _notify(cycle: Cycle, sheets, template: str, deadline, by: User | None = None) -> int:
    """Tell each sheet's focal points; return the e-mails queued at once."""
    kind, message = _NOTICES[template]
    sent = 0
    for sheet in sheets:
        context = {"cycle": cycle, "organisation": sheet.organisation, "deadline": deadline}
        rows = notify(
            focal_points(sheet.organisation_id, cycle.network_id),
            kind,
            message=message,
            params={
                "organisation": lambda sheet=sheet: sheet.organisation.label,
                "cycle": lambda: cycle.display_title,
            },
            url=cycle_reverse("scoring-sheet", cycle),
            cycle=cycle,
            actor=by,
            email=Email(f"priorities/email/{template}", context),
        )
        sent += sum(1 for row in rows if row.delivery == Delivery.AT_ONCE and row.recipient.email)
    return sent


_SHEET_NOTICES = {
    Kind.SUBMITTED: gettext_noop("%(organisation)s submitted its scores of the GCM objectives."),
    Kind.RETURNED: gettext_noop("The scores of %(organisation)s were given back for changes."),
    Kind.WITHDRAWN: gettext_noop("%(organisation)s withdrew its scores to change them."),
}


def _sheet_notify(sheet: ScoreSheet, by: User, *, returned: bool, kind: Kind | None = None):
    """Submitted (or withdrawn) scores go to the secretariat; scores given back go to the
    organisation."""
    cycle = sheet.cycle
    kind = kind or (Kind.RETURNED if returned else Kind.SUBMITTED)
    message = _SHEET_NOTICES[kind]
    if returned:
        recipients = focal_points(sheet.organisation_id, cycle.network_id)
    else:
        recipients = holders_of(Perm.PRIORITY_RESULTS, cycle.network_id)
    notify(
        recipients,
        kind,
        message=message,
        params={"organisation": lambda: sheet.organisation.label},
        url=cycle_reverse("scoring-sheet" if returned else "priority-results", cycle),
        cycle=cycle,
        actor=by,
    )


@transaction.atomic
def decision_save(
    *,
    cycle: Cycle,
    objective: Objective,
    by: User,
    expected_version: int,
    horizon: str,
    rationale: str = "",
    language: str | None = None,
    outcomes=(),
    sdg_targets=(),
    lead_organisations=(),
    supporting_organisations=(),
    inputs=(),
) -> Decision:
    """Record the network's decision on an objective; a decision that departs from the
    horizon its computed rank suggests needs a rationale saying why. `language` is the one
    the rationale is written in (by default the writer's interface language)."""
    from gcmhub.priorities.selectors import priority_results

    require(by, Perm.PRIORITY_MANAGE, cycle=cycle)
    decision = Decision.objects.select_for_update().filter(cycle=cycle, objective=objective).first()
    created = decision is None
    if created:  # saved once below, so its history starts with one "created" record
        decision = Decision(cycle=cycle, objective=objective)
    else:
        check_version(
            decision,
            expected_version,
            _("Someone else changed this decision after you opened it; open it again."),
        )
    results = priority_results(cycle, with_sensitivity=False)
    rank = results.results.by_objective()[objective.number].rank
    suggested = aggregation.suggested_horizon(rank, results.ranked_count) or ""
    rationale = clean_text(rationale)
    departs = bool(suggested) and horizon != suggested
    if departs and not rationale:
        raise ValidationError(
            {
                "rationale": _(
                    "This decision departs from the computed rank: rank %(rank)s suggests "
                    "“%(horizon)s”. Say why in the rationale."
                )
                % {"rank": rank, "horizon": dict(DecisionHorizon.choices)[suggested]}
            }
        )
    chosen = [*lead_organisations, *supporting_organisations]
    if any(o.network_id != cycle.network_id for o in chosen):
        raise ValidationError(_("Choose organisations of this network."))
    decision.horizon = horizon
    decision.rationale = rationale
    decision.language = language or current_language()
    decision.computed_rank = rank
    decision.suggested_horizon = suggested
    decision.departs_from_rank = departs
    if created:
        decision.decided_by = by
        save_audited(decision, by=by)
    inputs = [i for i in inputs if i.cycle_id == cycle.pk and i.objective_id == objective.pk]
    related = [
        set_related(decision.outcomes, list(outcomes)),
        set_related(decision.sdg_targets, list(sdg_targets)),
        set_related(decision.lead_organisations, list(lead_organisations)),
        set_related(decision.supporting_organisations, list(supporting_organisations)),
        set_related(decision.inputs, inputs),
    ]
    if not created:  # re-saved unchanged, the decision keeps its version, author and date
        save_changed(decision, by=by, related_changed=any(related), decided_by=by)
    return decision


def organisations_default_invited(cycle: Cycle):
    """Organisations asked in the needs assessment: the natural ones to score."""
    return Organisation.objects.filter(assignments__cycle=cycle).distinct()
