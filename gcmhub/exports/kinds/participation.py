"""The organisations of the network and the objectives each is asked about."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gcmhub.exports.kinds.base import (
    ID,
    OBJ,
    OBJ_TITLE,
    ORG,
    ORG_ID,
    C,
    Kind,
    org_label,
)


def organisation_rows(cycle):
    from gcmhub.directory.models import Organisation

    for o in Organisation.objects.filter(network_id=cycle.network_id).select_related("parent"):
        yield (
            o.pk,
            o.display_name,
            o.display_acronym,
            o.get_type_display(),
            o.parent.display_name if o.parent else "",
            o.parent_id,
            o.country.code or "",
            o.website,
        )


def organisation_count(cycle):
    from gcmhub.directory.models import Organisation

    return Organisation.objects.filter(network_id=cycle.network_id).count()


ORGANISATIONS = Kind(
    "organisations",
    _("Organisations"),
    (
        C("id", _("Organisation number"), "#org+code", 10),
        C("name", _("Name"), "#org+name", 45),
        C("acronym", _("Acronym"), "#org+acronym"),
        C("type", _("Type"), "#org+type", 16),
        C("parent", _("Part of"), "#org+name+parent", 40),
        C("parent_id", _("Part of (number)"), "#org+code+parent", 10),
        C("country", _("Country"), "#country+code", 10),
        C("website", _("Website"), "#meta+url", 30),
    ),
    organisation_rows,
    organisation_count,
)


def assignment_queryset(cycle) -> QuerySet:
    return cycle.assignments.all()


def assignment_rows(cycle):
    for a in assignment_queryset(cycle).select_related("organisation", "objective"):
        yield (
            a.pk,
            org_label(a.organisation),
            a.organisation_id,
            a.objective.number,
            a.objective.title,
            a.get_source_display(),
            a.created_at,
        )


ASSIGNMENTS = Kind(
    "assignments",
    _("Assignments of objectives"),
    (
        ID,
        ORG,
        ORG_ID,
        OBJ,
        OBJ_TITLE,
        C("source", _("Source"), "#meta+source", 24),
        C("created", _("Created"), "#date+created", 18),
    ),
    assignment_rows,
    lambda cycle: assignment_queryset(cycle).count(),
)
