"""Indicators "disaggregated by" a list of names become indicators broken down by the cycle's
breakdowns (with the standard categories where there are some; shares in % do not add up);
partners that are UN agencies
become the activities' contributing UN entities."""

from django.db import migrations

NAMES = {
    "sex": ("Sex", "Cinsiyet"),
    "age": ("Age group", "Yaş grubu"),
    "migration_status": ("Migration status", "Göç statüsü"),
    "nationality": ("Nationality", "Uyruk"),
    "location": ("Province", "İl"),
    "disability": ("Disability", "Engellilik"),
}

# As gcmhub.workplan.breakdowns.STANDARD_CATEGORIES read when this migration was written.
CATEGORIES = {
    "sex": [("Female", "Kadın", "+f"), ("Male", "Erkek", "+m")],
    "age": [
        ("0-17 years", "0-17 yaş", "+age0_17"),
        ("18-59 years", "18-59 yaş", "+age18_59"),
        ("60 years and over", "60 yaş ve üstü", "+age60plus"),
    ],
    "migration_status": [
        ("International protection", "Uluslararası koruma", "+refugees"),
        ("Temporary protection", "Geçici koruma", "+temporary_protection"),
        ("Residence permit", "İkamet izni", "+migrants+regular"),
        ("Irregular situation", "Düzensiz durumda", "+migrants+irregular"),
    ],
    "disability": [
        ("With a disability", "Engelli", "+disabled"),
        ("Without a disability", "Engelli olmayan", "+not_disabled"),
    ],
}


def forwards(apps, schema_editor):
    Indicator = apps.get_model("workplan", "Indicator")
    Breakdown = apps.get_model("workplan", "Breakdown")
    BreakdownCategory = apps.get_model("workplan", "BreakdownCategory")
    for indicator in Indicator.objects.all():
        for key in indicator.disaggregation or []:
            name, name_tr = NAMES.get(key, (str(key), ""))
            breakdown, created = Breakdown.objects.get_or_create(
                cycle_id=indicator.cycle_id,
                name=name,
                defaults={"dimension": key if key in NAMES else "other", "name_tr": name_tr},
            )
            if created:
                for order, (label, label_tr, hxl) in enumerate(CATEGORIES.get(key, [])):
                    BreakdownCategory.objects.create(
                        breakdown=breakdown, order=order, label=label, label_tr=label_tr, hxl=hxl
                    )
            indicator.breakdowns.add(breakdown)
        if indicator.disaggregation and "%" in indicator.unit:
            indicator.parts_add_up = False  # a share by sex does not add up to the share
            indicator.save(update_fields=["parts_add_up"])
    Activity = apps.get_model("workplan", "Activity")
    for activity in Activity.objects.prefetch_related("partner_organisations"):
        agencies = [o for o in activity.partner_organisations.all() if o.type == "un_agency"]
        if agencies:
            activity.un_entities.add(*agencies)
            activity.partner_organisations.remove(*agencies)


def backwards(apps, schema_editor):
    Indicator = apps.get_model("workplan", "Indicator")
    keys = {name: key for key, (name, _tr) in NAMES.items()}
    for indicator in Indicator.objects.prefetch_related("breakdowns"):
        indicator.disaggregation = [keys.get(b.name, b.dimension) for b in indicator.breakdowns.all()]
        indicator.save(update_fields=["disaggregation"])
    Activity = apps.get_model("workplan", "Activity")
    for activity in Activity.objects.prefetch_related("un_entities"):
        activity.partner_organisations.add(*activity.un_entities.all())


class Migration(migrations.Migration):
    dependencies = [("workplan", "0002_breakdowns_and_un_info_markers")]

    operations = [migrations.RunPython(forwards, backwards)]
