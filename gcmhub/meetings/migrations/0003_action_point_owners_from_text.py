"""The free-text owners of action points become organisations or people where the text names
one of the meeting's network exactly; other texts stay as they are."""

from django.db import migrations


def _fold(text):
    return " ".join((text or "").split()).casefold()


def _organisation_names(o):
    names = set()
    for name, acronym in ((o.name, o.acronym), (o.name_tr, o.acronym_tr)):
        if name:
            names.add(_fold(name))
        if acronym:
            names.add(_fold(acronym))
            if name:
                names.add(_fold(f"{name} ({acronym})"))
    return names


def _person_names(u):
    names = {_fold(u.username)}
    full = f"{u.first_name} {u.last_name}".strip()
    if full:
        names.add(_fold(full))
    return names


def forwards(apps, schema_editor):
    Outcome = apps.get_model("meetings", "Outcome")
    Organisation = apps.get_model("directory", "Organisation")
    Membership = apps.get_model("directory", "Membership")
    points = Outcome.objects.filter(type="action_point").exclude(owner="")
    points = points.select_related("meeting__cycle")
    by_network = {}
    for point in points:
        network_id = point.meeting.cycle.network_id
        if network_id not in by_network:
            organisations = list(Organisation.objects.filter(network_id=network_id))
            people = [
                m.user
                for m in Membership.objects.filter(network_id=network_id).select_related("user")
            ]
            by_network[network_id] = (organisations, people)
        organisations, people = by_network[network_id]
        wanted = _fold(point.owner)
        found = [o for o in organisations if wanted in _organisation_names(o)]
        if len(found) == 1:
            point.owner_organisation, point.owner = found[0], ""
        else:
            found = [p for p in people if wanted in _person_names(p)]
            if len(found) != 1:
                continue
            point.owner_person, point.owner = found[0], ""
        point.save(update_fields=["owner_organisation", "owner_person", "owner"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_action_point_owners"),
        ("directory", "0002_organisation_logo"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
