"""More of everything a network writes, for tests that a page's cost does not grow with it.

`grow_network(network)` adds to the network new organisations in its tree (copies of the one
with the most inputs), two people in each and one more in every other organisation; to every
cycle an input per objective from each new organisation, more needs, actions and references on
every input, the busiest organisation's assignments, score sheets, endorsements and progress
reports (with their rows) for each new one, the new organisations in every working group, and
copies of every consultation, report section, comment, activity, indicator (with targets),
attendee, agenda item and outcome; more notifications for everyone who has some, one more
version in the audit trail of every audited record; and it rebuilds the search index. The
copies are bulk writes of rows the demo's services wrote (valid as the services leave them),
with history rows where the model is audited.
"""

import itertools
from collections import Counter

from django.apps import apps
from django.db import models
from simple_history.utils import bulk_create_with_history

from gcmhub.assessments.models import (
    Assignment,
    Consultation,
    Input,
    Need,
    ProposedAction,
    Reference,
)
from gcmhub.coordination.models import WorkingGroup
from gcmhub.core.models import Network, User
from gcmhub.core.permissions import Role
from gcmhub.directory.models import Membership, Organisation
from gcmhub.documents.models import Comment, Document, Endorsement
from gcmhub.meetings.models import AgendaItem, Attendee, MeetingInvitation, Outcome
from gcmhub.notifications.models import Notification
from gcmhub.priorities.models import ScoreRow, ScoreSheet
from gcmhub.search.services import index_rebuild
from gcmhub.workplan.models import (
    Activity,
    ActivityProgress,
    ActualPart,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    ProgressReport,
)


def _audited(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def copy_of(obj, **changes):
    """An unsaved copy of `obj` (its concrete fields), with `changes`."""
    model = type(obj)
    values = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    values.pop(model._meta.pk.attname)
    for name in changes:
        values.pop(model._meta.get_field(name).attname, None)
    return model(**values, **changes)


def _create(model, objs: list) -> list:
    if not objs:
        return []
    if _audited(model):
        return bulk_create_with_history(objs, model, batch_size=500)
    return model.objects.bulk_create(objs, batch_size=500)


# A child model and the name of its foreign key to the parent, with the children's own children.
Children = tuple[tuple[type[models.Model], str, "Children"], ...]


def copy_rows(rows, change, children: Children = ()) -> list:
    """Store copies of `rows` (`change(row)` gives each copy's changed fields) with their
    many-to-many links and their `children`, copied likewise under the new parents."""
    rows = list(rows)
    if not rows:
        return []
    model = type(rows[0])
    created = _create(model, [copy_of(row, **change(row)) for row in rows])
    new_of = {old.pk: new.pk for old, new in zip(rows, created, strict=True)}
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source = field.m2m_field_name()
        links = through.objects.filter(**{f"{source}_id__in": list(new_of)})
        through.objects.bulk_create(
            [
                copy_of(link, **{f"{source}_id": new_of[getattr(link, f"{source}_id")]})
                for link in links
            ],
            batch_size=500,
        )
    for child, fk, grandchildren in children:
        copy_rows(
            child.objects.filter(**{f"{fk}_id__in": list(new_of)}).order_by("pk"),
            lambda row, fk=fk: {f"{fk}_id": new_of[getattr(row, f"{fk}_id")]},
            grandchildren,
        )
    return created


def _busiest_organisation(network: Network) -> Organisation:
    counts = Counter(
        Input.objects.filter(cycle__network=network).values_list("organisation", flat=True)
    )
    return Organisation.objects.get(pk=counts.most_common(1)[0][0])


def grow_network(
    network: Network, *, organisations: int = 3, under: Organisation | None = None
) -> list[Organisation]:
    """Add `organisations` organisations to the network (the first under `under`, or beside
    the busiest organisation; each next one under the one before), a person to each
    organisation, and, per cycle, copies of what it has (see the module's docstring). Returns
    the new organisations."""
    template = _busiest_organisation(network)
    added = []
    for n in range(organisations):
        first_parent = under.pk if under is not None else template.parent_id
        parent_id = added[-1].pk if added else first_parent
        added += copy_rows(
            [template],
            lambda row, n=n, parent_id=parent_id: {
                "name": f"{row.name} (grown {network.pk}-{n})",
                "name_tr": f"{row.name_tr} ({n})" if row.name_tr else "",
                "parent_id": parent_id,
            },
        )
    people = {}
    for org in added:
        users = User.objects.bulk_create(
            [
                User(
                    username=f"grown-{org.pk}-{k}",
                    first_name="Grown",
                    last_name=f"Person {org.pk}-{k}",
                    email=f"grown-{org.pk}-{k}@example.org",
                )
                for k in range(2)
            ]
        )
        _create(
            Membership,
            [
                Membership(network=network, user=user, role=Role.FOCAL_POINT, organisation=org)
                for user in users
            ],
        )
        people[org.pk] = users[0]
    # Every organisation has one more person.
    for org in Organisation.objects.filter(network=network).exclude(pk__in=[o.pk for o in added]):
        user = User.objects.create(
            username=f"grown-{org.pk}", first_name="Grown", last_name=f"Member {org.pk}"
        )
        _create(
            Membership,
            [Membership(network=network, user=user, role=Role.FOCAL_POINT, organisation=org)],
        )
    for cycle in network.cycles.all():
        _grow_cycle(cycle, template, added, people)
    _grow_notifications(network)
    _one_more_version_of_every_audited_record()
    index_rebuild()
    return added


def _first_input_per_objective(cycle) -> list[Input]:
    firsts = {}
    for input in Input.objects.filter(cycle=cycle).order_by("pk"):
        firsts.setdefault(input.objective_id, input)
    return list(firsts.values())


def _grow_cycle(cycle, template, added, people):
    orgs = itertools.cycle(added)
    children = ((Need, "input", ()), (ProposedAction, "input", ()), (Reference, "input", ()))
    # Every input has more needs, actions and references; every objective more inputs.
    for child, _, _ in children:
        copy_rows(child.objects.filter(input__cycle=cycle).order_by("pk"), lambda row: {})
    firsts = _first_input_per_objective(cycle)
    cited = list(Consultation.objects.filter(cycle=cycle).order_by("pk")[:2])
    for org in added:
        for input in copy_rows(firsts, lambda row, org=org: {"organisation": org}, children):
            input.consultations.add(*cited)  # each new input cites consultations
        copy_rows(
            Assignment.objects.filter(cycle=cycle, organisation=template),
            lambda row, org=org: {"organisation": org},
        )
        copy_rows(
            ScoreSheet.objects.filter(cycle=cycle, organisation=template),
            lambda row, org=org: {"organisation": org},
            ((ScoreRow, "sheet", ()),),
        )
        copy_rows(
            Endorsement.objects.filter(version__document__cycle=cycle, organisation=template),
            lambda row, org=org: {"organisation": org},
        )
        for period in cycle.reporting_periods.all():
            report = (
                ProgressReport.objects.filter(period=period)
                .order_by(models.Case(models.When(organisation=template, then=0), default=1), "pk")
                .first()
            )
            if report is not None:
                copy_rows(
                    [report],
                    lambda row, org=org: {"organisation": org},
                    (
                        (ActivityProgress, "report", ()),
                        (IndicatorActual, "report", ((ActualPart, "actual", ()),)),
                    ),
                )
    for group in WorkingGroup.objects.filter(network=cycle.network):
        group.members.add(*added)
    copy_rows(Consultation.objects.filter(cycle=cycle).order_by("pk"), lambda row: {})
    for document in Document.objects.filter(cycle=cycle):
        sections = list(document.sections.order_by("order", "pk"))
        orders = itertools.count(max((section.order for section in sections), default=0) + 1)
        copy_rows(
            sections,
            lambda row, orders=orders: {"key": f"{row.key[:56]}-g", "order": next(orders)},
        )
    for review_id in set(
        Comment.objects.filter(review__version__document__cycle=cycle).values_list(
            "review", flat=True
        )
    ):
        comments = list(Comment.objects.filter(review_id=review_id).order_by("pk"))
        last = max((c.number or 0 for c in comments), default=0)
        numbers = itertools.count(last + 1)
        copy_rows(
            comments,
            lambda row, numbers=numbers: {
                "organisation": next(orgs),
                "number": next(numbers) if row.number else None,
            },
        )
    activities = Activity.objects.filter(output__cycle=cycle).order_by("pk")
    copy_rows(activities, lambda row: {"code": f"{row.code[:16]}-g"})
    copy_rows(
        Indicator.objects.filter(cycle=cycle).order_by("pk"),
        lambda row: {"code": f"{row.code[:16]}-g"},
        ((IndicatorTarget, "indicator", ()),),
    )
    for meeting in cycle.meetings.all():
        copy_rows(
            Attendee.objects.filter(meeting=meeting).order_by("pk"),
            lambda row: {"name": f"{row.name} (grown)", "organisation": next(orgs), "person": None},
        )
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("order", "pk"))
        last = max((item.order for item in items), default=0)
        orders = itertools.count(last + 1)
        copy_rows(
            items,
            lambda row, orders=orders: {"order": next(orders), "title": f"{row.title} (again)"},
            ((Outcome, "agenda_item", ()),),
        )
        copy_rows(Outcome.objects.filter(meeting=meeting).order_by("pk"), lambda row: {})
        for org in added:
            copy_rows(
                MeetingInvitation.objects.filter(meeting=meeting, organisation=template)[:1],
                lambda row, org=org: {"organisation": org, "person": people[org.pk]},
            )


def _grow_notifications(network):
    recipients = set(
        Notification.objects.filter(network=network).values_list("recipient", flat=True)
    )
    for recipient in recipients:
        mine = Notification.objects.filter(network=network, recipient_id=recipient).order_by("pk")
        copy_rows(mine, lambda row: {})
        copy_rows(mine.filter(read_at__isnull=True), lambda row: {})


def _one_more_version_of_every_audited_record():
    """Every audited record changed once more: history pages and trails have more to list."""
    for model in apps.get_models():
        if _audited(model) and model.__module__.startswith("gcmhub"):
            manager = model._meta.simple_history_manager_attribute
            getattr(model, manager).bulk_history_create(
                list(model._default_manager.all()), update=True, batch_size=500
            )
