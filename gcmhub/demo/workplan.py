"""Demo data of the network's coordination: the Türkiye network's 2021-2022 work plan with
activities derived from the demo priorities, indicators with baselines and one reporting
period of progress (the officials trained by sex), working groups, SOP rules with their obligations (some late), the terms
of reference, and two network meetings with action points.

The structure follows the case (the short-term priorities, the outcomes of the UNSDCF, the
working modalities the report proposed). Activities, budgets, figures, minutes and dates are
ILLUSTRATIVE, written for the demo.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

from gcmhub.coordination import services as coordination_services
from gcmhub.coordination.models import Obligation, Responsible, SopKind, SopRule
from gcmhub.coordination.tor import TERMS_OF_REFERENCE
from gcmhub.demo.assessments import _organisations
from gcmhub.directory.models import OrganisationType
from gcmhub.documents import services as document_services
from gcmhub.documents.models import Recommendation, Section
from gcmhub.editions.services import translation_seed
from gcmhub.framework.models import FrameworkOutcome, Objective, RoundTable
from gcmhub.meetings import services as meeting_services
from gcmhub.meetings.models import Meeting, MeetingType, OutcomeType, Presence
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.workplan import services
from gcmhub.workplan.models import Activity, Indicator, ProgressReport

ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")
UN = OrganisationType.UN_AGENCY

GROUPS = [
    (
        "Working group on migration data",
        "Göç verileri çalışma grubu",
        4,
        "dgmm",
        ["dgmm", "molss-gdilf", "iom", "undp"],
        "Links administrative data across institutions and prepares the figures of the "
        "national voluntary review.",
    ),
    (
        "Working group on protection and counter-trafficking",
        "Koruma ve insan ticaretiyle mücadele çalışma grubu",
        2,
        "dgmm-pvht",
        ["dgmm-pvht", "dgmm-cim", "tnp-cmsbg", "unhcr", "unodc", "iom"],
        "Follows the short-term priorities on smuggling, trafficking and border management.",
    ),
    (
        "Working group on education and lifelong learning",
        "Eğitim ve hayat boyu öğrenme çalışma grubu",
        3,
        "mone-gdlll",
        ["mone-gdlll", "dgmm-hc", "unicef"],
        "Set up after the validation meeting of 24 June 2021.",
    ),
]

PERIODS = [
    ("2021 H2", dt.date(2021, 7, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 15)),
    ("2022 H1", dt.date(2022, 1, 1), dt.date(2022, 6, 30), dt.date(2022, 7, 15)),
]

# outcome code, parent code (sub-output), code, title, Turkish title
OUTPUTS = [
    (
        "4.2",
        None,
        "4.2.1",
        "Government capacity to combat migrant smuggling and trafficking in persons strengthened",
        "Göçmen kaçakçılığı ve insan ticaretiyle mücadele kapasitesi güçlendirildi",
    ),
    (
        "4.2",
        None,
        "4.2.2",
        "Migration data are collected, linked across institutions and used",
        "Göç verileri toplanıyor, kurumlar arasında bağlanıyor ve kullanılıyor",
    ),
    (
        "4.2",
        "4.2.2",
        "4.2.2.1",
        "Administrative records linked under a data-sharing protocol",
        "İdari kayıtlar bir veri paylaşım protokolüyle bağlandı",
    ),
    (
        "1.3",
        None,
        "1.3.1",
        "Harmonization and access to services for migrants improved",
        "Uyum ve göçmenlerin hizmetlere erişimi iyileştirildi",
    ),
]

# output code, code, title, objectives, recommendation numbers, leads, partners, start, end,
# planned, secured (USD), status
ACTIVITIES = [
    (
        "4.2.1",
        "4.2.1.a",
        "Information-sharing arrangements on smuggling routes with neighbouring countries",
        [9],
        [1],
        ["dgmm-cim", "tnp-cmsbg"],
        ["iom", "unodc"],
        (2021, 9, 1),
        (2022, 12, 31),
        250000,
        150000,
        "ongoing",
    ),
    (
        "4.2.1",
        "4.2.1.b",
        "Training of labour inspectors on forced labour and trafficking indicators",
        [10],
        [2],
        ["dgmm-pvht"],
        ["molss-gdilf", "ilo"],
        (2021, 10, 1),
        (2022, 6, 30),
        120000,
        120000,
        "ongoing",
    ),
    (
        "4.2.1",
        "4.2.1.c",
        "Reintegration support for victims of trafficking",
        [10],
        [2],
        ["dgmm-pvht"],
        ["iom"],
        (2022, 1, 1),
        (2022, 12, 31),
        300000,
        90000,
        "planned",
    ),
    (
        "4.2.2",
        "4.2.2.a",
        "Data-sharing protocol with the statistics office",
        [1],
        [3],
        ["dgmm"],
        ["iom", "undp"],
        (2021, 7, 1),
        (2022, 6, 30),
        80000,
        80000,
        "ongoing",
    ),
    (
        "4.2.2.1",
        "4.2.2.1.a",
        "Linking residence-permit and work-permit records",
        [1, 6],
        [3],
        ["dgmm"],
        ["molss-gdilf"],
        (2022, 1, 1),
        (2022, 12, 31),
        150000,
        50000,
        "planned",
    ),
    (
        "1.3.1",
        "1.3.1.a",
        "Evaluation framework for harmonization activities with municipalities",
        [16],
        [4],
        ["dgmm-hc"],
        ["mone-gdlll", "unhcr"],
        (2022, 1, 1),
        (2022, 12, 31),
        200000,
        60000,
        "planned",
    ),
    (
        "1.3.1",
        "1.3.1.b",
        "Turkish-language and lifelong-learning courses for migrants",
        [15, 16],
        [],
        ["mone-gdlll"],
        ["unicef"],
        (2021, 9, 1),
        (2022, 8, 31),
        400000,
        250000,
        "ongoing",
    ),
]

# UN INFO markers of each activity: gender equality marker, human rights marker, the groups
# left behind it reaches (its partners that are UN agencies are its contributing UN entities)
MARKERS = {
    "4.2.1.a": ("1", "2", ["migrants", "victims"]),
    "4.2.1.b": ("2", "3", ["migrants", "victims", "women_girls"]),
    "4.2.1.c": ("2", "3", ["victims", "women_girls", "children"]),
    "4.2.2.a": ("1", "1", ["migrants", "refugees"]),
    "4.2.2.1.a": ("1", "1", ["migrants"]),
    "1.3.1.a": ("1", "2", ["migrants", "refugees"]),
    "1.3.1.b": ("2", "2", ["migrants", "refugees", "children", "youth", "women_girls"]),
}

# The cycle's breakdowns: (dimension, name, Turkish name); the standard categories each
BREAKDOWNS = [
    ("sex", "Sex", "Cinsiyet"),
    ("age", "Age group", "Yaş grubu"),
]

# result (output or outcome code), code, name, Turkish name, kind, unit, baseline, year,
# targets per period, reported by, breakdowns, source
INDICATORS = [
    (
        "output:4.2.1",
        "4.2.1-i1",
        "Officials trained on smuggling and trafficking",
        "Kaçakçılık ve insan ticareti konusunda eğitilen kamu görevlisi sayısı",
        "numeric",
        "persons",
        0,
        2021,
        [100, 250],
        "dgmm-pvht",
        ["Sex"],
        "Training records of the DGMM",
    ),
    (
        "output:4.2.1",
        "4.2.1-i2",
        "Joint operations on smuggling routes with neighbouring countries",
        "Komşu ülkelerle kaçakçılık güzergâhlarında ortak operasyon sayısı",
        "numeric",
        "operations",
        2,
        2020,
        [3, 5],
        "dgmm-cim",
        [],
        "Operational records of the Department",
    ),
    (
        "output:4.2.2",
        "4.2.2-i1",
        "Institutions sharing administrative migration data under a protocol",
        "Bir protokol kapsamında idari göç verisi paylaşan kurum sayısı",
        "numeric",
        "institutions",
        1,
        2020,
        [2, 4],
        "dgmm",
        [],
        "Protocols signed",
    ),
    (
        "outcome:1.3",
        "1.3-i1",
        "Share of school-age migrant children enrolled in school",
        "Okula kayıtlı okul çağındaki göçmen çocukların oranı",
        "numeric",
        "%",
        65,
        2020,
        [68, 70],
        "mone-gdlll",
        ["Sex", "Age group"],
        "Ministry of National Education statistics",
    ),
    (
        "output:1.3.1",
        "1.3.1-i1",
        "Status of the harmonization evaluation framework",
        "Uyum değerlendirme çerçevesinin durumu",
        "qualitative",
        "",
        "No framework",
        2021,
        ["Draft agreed with the pilot municipalities", "Framework adopted"],
        "dgmm-hc",
        [],
        "Department of Harmonization and Communication",
    ),
]

# organisation: (activity code, % complete, status, narrative), (indicator code, value, text,
# values by category {(breakdown, category): value})
PROGRESS_2021_H2 = {
    "dgmm-pvht": (
        [("4.2.1.b", 60, "ongoing", "Four regional trainings held; 120 inspectors trained.")],
        [("4.2.1-i1", 120, "", {("Sex", "Female"): 52, ("Sex", "Male"): 68})],
        "accepted",
    ),
    "dgmm": (
        [("4.2.2.a", 50, "ongoing", "Protocol drafted with the statistics office.")],
        [("4.2.2-i1", 2, "", {})],
        "accepted",
    ),
    "mone-gdlll": (
        [("1.3.1.b", 40, "ongoing", "Courses opened in 12 provinces.")],
        [
            (
                "1.3-i1",
                Decimal("67.5"),
                "",
                {("Sex", "Female"): Decimal("66.9"), ("Sex", "Male"): Decimal("68.1")},
            )
        ],
        "accepted",
    ),
    "focal": (
        [("4.2.1.a", 30, "ongoing", "Two meetings with neighbouring countries' authorities.")],
        [("4.2.1-i2", 3, "", {})],
        "accepted",
    ),
    "tnp-cmsbg": (
        [("4.2.1.a", 25, "ongoing", "Contact points named at three border gates.")],
        [],
        "submitted",
    ),
}

SOP_RULES = [
    {
        "kind": SopKind.COORDINATION,
        "title": "Quarterly network meeting",
        "title_tr": "Üç aylık ağ toplantısı",
        "task": "holds the network meeting and circulates the minutes within two weeks",
        "task_tr": "ağ toplantısını düzenler ve tutanağı iki hafta içinde dağıtır",
        "responsible": Responsible.SECRETARIAT,
        "months": [3, 6, 9, 12],
        "day": 31,
        "chair": "iom",
        "minutes_by": "rco",
    },
    {
        "kind": SopKind.COORDINATION,
        "title": "Monthly meeting of the data working group",
        "title_tr": "Veri çalışma grubunun aylık toplantısı",
        "task": "convenes the working group on migration data",
        "task_tr": "göç verileri çalışma grubunu toplar",
        "responsible": Responsible.CHOSEN,
        "organisations": ["dgmm"],
        "working_group": "Working group on migration data",
        "months": list(range(1, 13)),
        "day": 28,
        "chair": "dgmm",
        "minutes_by": "iom",
    },
    {
        "kind": SopKind.REPORTING,
        "title": "Progress reports on the work plan",
        "title_tr": "Çalışma planı ilerleme raporları",
        "task": "sends its progress report on its activities and indicators",
        "task_tr": "faaliyetleri ve göstergeleri hakkındaki ilerleme raporunu gönderir",
        "responsible": Responsible.LEADS,
        "months": [1, 7],
        "day": 15,
        "met_by_progress_report": True,
        "ends": dt.date(2023, 1, 31),
    },
    {
        "kind": SopKind.MONITORING,
        "title": "Indicator update",
        "title_tr": "Gösterge güncellemesi",
        "task": "updates the values of the indicators it reports",
        "task_tr": "raporladığı göstergelerin değerlerini günceller",
        "responsible": Responsible.CHOSEN,
        "organisations": ["dgmm", "dgmm-pvht", "mone-gdlll"],
        "months": [6, 12],
        "day": 30,
    },
    {
        "kind": SopKind.MONITORING,
        "title": "Mid-term review of the work plan",
        "title_tr": "Çalışma planının ara değerlendirmesi",
        "task": "presents the mid-term review of the work plan to the network",
        "task_tr": "çalışma planının ara değerlendirmesini ağa sunar",
        "responsible": Responsible.SECRETARIAT,
        "months": [],
        "dates": [dt.date(2022, 3, 31)],
    },
    {
        "kind": SopKind.MONITORING,
        "title": "Final evaluation of the work plan",
        "title_tr": "Çalışma planının nihai değerlendirmesi",
        "task": "commissions and shares the final evaluation of the work plan",
        "task_tr": "çalışma planının nihai değerlendirmesini yaptırır ve paylaşır",
        "responsible": Responsible.SECRETARIAT,
        "months": [],
        "dates": [dt.date(2023, 3, 31)],
        "ends": dt.date(2023, 6, 30),
    },
]

# Obligations left undone (late in the demo): (rule title, organisation key or None, due)
LATE = [
    ("Progress reports on the work plan", "dgmm-hc", dt.date(2022, 7, 15)),
    ("Progress reports on the work plan", "tnp-cmsbg", dt.date(2022, 7, 15)),
    ("Monthly meeting of the data working group", "dgmm", dt.date(2022, 11, 28)),
    ("Indicator update", "mone-gdlll", dt.date(2022, 12, 30)),
    ("Final evaluation of the work plan", None, dt.date(2023, 3, 31)),
]

TOR_TEXTS = {
    "background": (
        "<p>The UN Network on Migration in Türkiye supports the Government in implementing the "
        "Global Compact for Migration. These terms of reference follow the needs assessment "
        "validated on 24 June 2021.</p>"
    ),
    "mandate": (
        "<p>The network coordinates the UN system's support on migration, in line with the "
        "UNSDCF 2021-2025 and the priorities of the needs assessment.</p>"
    ),
    "decision-making": (
        "<p>The network decides by consensus of its members; the coordinator records the "
        "decisions in the minutes.</p>"
    ),
    "review": "<p>The network reviews these terms of reference every two years.</p>",
}


def _day(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, 0, tzinfo=ISTANBUL)


def load(cycle, users) -> None:
    if cycle.outputs.exists():
        return
    organisations = {o.key: o for o in _organisations(cycle)}
    coordinator, consultant = users["coordinator"], users["consultant"]
    network = cycle.network

    groups = {}
    for name, name_tr, round_table, chair, members, purpose in GROUPS:
        groups[name] = coordination_services.working_group_save(
            network=network,
            by=coordinator,
            name=name,
            name_tr=name_tr,
            round_table=RoundTable.objects.get(number=round_table),
            chair=organisations[chair],
            members=[organisations[k] for k in members],
            purpose=purpose,
        )
    periods = [
        services.period_save(
            cycle=cycle,
            by=coordinator,
            label=label,
            starts=starts,
            ends=ends,
            due_date=due,
        )
        for label, starts, ends, due in PERIODS
    ]

    outcomes = {
        o.code: o for o in FrameworkOutcome.objects.filter(priority__framework__cycle=cycle)
    }
    outputs = {}
    for outcome_code, parent, code, title, title_tr in OUTPUTS:
        outputs[code] = services.output_save(
            cycle=cycle,
            by=coordinator,
            outcome=outcomes[outcome_code],
            parent=outputs.get(parent),
            code=code,
            title=title,
            title_tr=title_tr,
        )
    objectives = {o.number: o for o in Objective.objects.all()}
    recommendations = {
        r.order: r
        for r in Recommendation.objects.filter(
            document__cycle=cycle, document__kind=NEEDS_ASSESSMENT
        )
    }
    activities = {}
    for (
        output,
        code,
        title,
        numbers,
        recs,
        leads,
        partners,
        starts,
        ends,
        planned,
        secured,
        status,
    ) in ACTIVITIES:
        activities[code] = services.activity_save(
            cycle=cycle,
            by=coordinator,
            output=outputs[output],
            code=code,
            title=title,
            objectives=[objectives[n] for n in numbers],
            recommendations=[recommendations[n] for n in recs if n in recommendations],
            lead_organisations=[organisations[k] for k in leads],
            un_entities=[organisations[k] for k in partners if organisations[k].type == UN],
            partner_organisations=[
                organisations[k] for k in partners if organisations[k].type != UN
            ],
            gender_marker=MARKERS[code][0],
            human_rights_marker=MARKERS[code][1],
            lnob_groups=MARKERS[code][2],
            starts=dt.date(*starts),
            ends=dt.date(*ends),
            budget_planned=Decimal(planned),
            budget_secured=Decimal(secured),
            currency="USD",
            status=status,
        )
    Activity.objects.filter(output__cycle=cycle).update(illustrative=True)

    breakdowns = {
        name: services.breakdown_save(
            cycle=cycle, by=coordinator, dimension=dimension, name=name, name_tr=name_tr
        )
        for dimension, name, name_tr in BREAKDOWNS
    }

    for (
        result,
        code,
        name,
        name_tr,
        kind,
        unit,
        baseline,
        year,
        targets,
        by,
        dims,
        source,
    ) in INDICATORS:
        level, result_code = result.split(":")
        numeric = kind == "numeric"
        services.indicator_save(
            cycle=cycle,
            by=coordinator,
            output=outputs[result_code] if level == "output" else None,
            outcome=outcomes[result_code] if level == "outcome" else None,
            code=code,
            name=name,
            name_tr=name_tr,
            kind=kind,
            unit=unit,
            baseline_value=Decimal(baseline) if numeric else None,
            baseline_text="" if numeric else baseline,
            baseline_year=year,
            source=source,
            breakdowns=[breakdowns[d] for d in dims],
            parts_add_up=unit != "%",
            reported_by=organisations[by],
            targets={
                period: ((Decimal(t), "") if numeric else (None, t))
                for period, t in zip(periods, targets, strict=True)
            },
        )
    Indicator.objects.filter(cycle=cycle).update(illustrative=True)

    for rule in SOP_RULES:
        data = {
            "starts": dt.date(2021, 7, 1),
            "ends": dt.date(2022, 12, 31),
            "dates": [],
            **rule,
        }
        for name in ("chair", "minutes_by", "recipient"):
            data[name] = organisations[data[name]] if data.get(name) else None
        data["organisations"] = [organisations[k] for k in data.get("organisations", [])]
        data["working_group"] = groups.get(data.get("working_group"))
        turkish = {"title": data.pop("title_tr"), "task": data.pop("task_tr")}
        saved = coordination_services.sop_rule_save(
            cycle=cycle, by=coordinator, language="en", **data
        )
        for field, text in turkish.items():  # the Turkish editions, illustrative
            translation_seed(saved, field, "tr", text, illustrative=True)
    SopRule.objects.filter(cycle=cycle).update(illustrative=True)

    categories = {(b.name, c.label): c for b in breakdowns.values() for c in b.categories.all()}
    first = periods[0]
    for key, (rows, actuals, state) in PROGRESS_2021_H2.items():
        person = users[key if key == "focal" else f"focal-{key}"]
        report = services.progress_report_open(period=first, by=person)
        services.progress_report_save(
            report=report,
            by=person,
            summary="",
            activity_rows=[
                {
                    "activity": activities[code],
                    "percent_complete": percent,
                    "status": status,
                    "narrative": narrative,
                }
                for code, percent, status, narrative in rows
            ],
            actual_rows=[
                {
                    "indicator": Indicator.objects.get(cycle=cycle, code=code),
                    "value": Decimal(value) if value is not None else None,
                    "text": text,
                    "narrative": "",
                    "parts": {categories[key].pk: Decimal(part) for key, part in parts.items()},
                }
                for code, value, text, parts in actuals
            ],
            expected_version=report.version,
        )
        report.refresh_from_db()
        services.progress_report_submit(report=report, by=person)
        if state == "accepted":
            services.progress_report_accept(report=report, by=coordinator)
    ProgressReport.objects.filter(period__cycle=cycle).update(
        illustrative=True, submitted_at=_day(2022, 1, 12), reviewed_at=_day(2022, 1, 20)
    )

    # Obligations: done around their due dates, except a few left late.
    late = {(title, organisations[key].pk if key else None, due) for title, key, due in LATE}
    for obligation in Obligation.objects.filter(rule__cycle=cycle).select_related("rule"):
        key = (obligation.rule.title, obligation.organisation_id, obligation.due_date)
        if key in late:
            Obligation.objects.filter(pk=obligation.pk).update(done_at=None, done_by=None)
        else:
            when = dt.datetime.combine(obligation.due_date - dt.timedelta(days=2), dt.time(16))
            Obligation.objects.filter(pk=obligation.pk).update(
                done_at=when.replace(tzinfo=ISTANBUL), done_by=coordinator
            )

    _terms_of_reference(cycle, coordinator)
    _meetings(cycle, organisations, coordinator, consultant)


def _terms_of_reference(cycle, coordinator) -> None:
    document = document_services.document_open(cycle=cycle, kind=TERMS_OF_REFERENCE, by=coordinator)
    for key, body in TOR_TEXTS.items():
        Section.objects.filter(document=document, key=key).update(body=body)
    version = document_services.version_issue(
        confirmed=True,
        document=document,
        by=coordinator,
        note="First draft for the network meeting.",
    )
    document.versions.filter(pk=version.pk).update(issued_at=_day(2021, 9, 1))


# title, date, action points: (text, owner, due, done)
MEETINGS = [
    (
        "Network meeting, third quarter 2021",
        dt.date(2021, 9, 30),
        [
            "Terms of reference of the network",
            "Draft work plan 2021-2022",
            "Working groups",
        ],
        [
            ("Circulate the draft work plan to the working groups.", "IOM", (2021, 10, 15), True),
            ("Nominate the members of the data working group.", "DGMM", (2021, 10, 31), True),
        ],
    ),
    (
        "Network meeting, fourth quarter 2021",
        dt.date(2021, 12, 16),
        ["Progress of the work plan", "Indicators and baselines", "Reporting in January"],
        [
            (
                "Agree the indicator baselines with the statistics office.",
                "DGMM",
                (2022, 1, 31),
                False,
            ),
            (
                "Share the training calendar for labour inspectors.",
                "DGMM-PVHT",
                (2022, 1, 15),
                True,
            ),
        ],
    ),
]


def _meetings(cycle, organisations, coordinator, consultant) -> None:
    for title, day, agenda, actions in MEETINGS:
        meeting = meeting_services.meeting_save(
            cycle=cycle,
            by=coordinator,
            title=title,
            type=MeetingType.NETWORK,
            date=day,
            start_time=dt.time(10, 0),
            end_time=dt.time(12, 0),
            time_zone="Europe/Istanbul",
            venue="UN House, Ankara",
            online_link="",
            version=None,
        )
        meeting_services.agenda_save(
            meeting=meeting, by=consultant, rows=[{"title": t} for t in agenda]
        )
        meeting_services.invitations_set(
            meeting=meeting,
            by=coordinator,
            organisations=[
                organisations[k]
                for k in ("dgmm", "dgmm-cim", "dgmm-pvht", "dgmm-hc", "mone-gdlll", "unhcr", "ilo")
            ],
        )
        for attendee in meeting.attendees.all():
            meeting_services.attendee_mark(
                attendee=attendee, by=consultant, presence=Presence.PRESENT
            )
        items = list(meeting.agenda_items.order_by("order"))
        meeting_services.minutes_save(
            item=items[0], by=consultant, minutes="The coordinator presented the item."
        )
        for text, owner, due, done in actions:
            outcome = meeting_services.outcome_save(
                meeting=meeting,
                by=consultant,
                type=OutcomeType.ACTION_POINT,
                agenda_item=items[-1],
                text=text,
                owner=owner,
                due_date=dt.date(*due),
            )
            if done:
                meeting_services.action_done(outcome=outcome, by=consultant, done=True)
        Meeting.objects.filter(pk=meeting.pk).update(illustrative=True)
