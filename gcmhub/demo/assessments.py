"""Demo data of the needs assessment: who was asked what, illustrative inputs, consultations.

Every input and consultation here is ILLUSTRATIVE: plausible content written for the demo,
not the position of any real institution (they carry `illustrative=True` and the interface
says so). Loaded once: running load_demo again leaves inputs people have changed alone.
"""

import datetime as dt

from django.utils import timezone

from gcmhub.assessments.models import (
    Assignment,
    Collection,
    Consultation,
    Input,
    Need,
    ProposedAction,
    Reference,
    Synthesis,
)
from gcmhub.core.workflow import State
from gcmhub.demo.directory import ORGANISATIONS
from gcmhub.directory.models import Organisation
from gcmhub.framework.models import Action, GuidingPrinciple, Objective

A, S, R, D = State.ACCEPTED, State.SUBMITTED, State.RETURNED, State.DRAFT

ASSIGNMENTS = {
    "dgmm": [1, 12],
    "dgmm-cim": [9, 10, 11, 21],
    "dgmm-fr": [5, 14, 23],
    "dgmm-hc": [3, 16, 17],
    "dgmm-pvht": [7, 10],
    "tnp-cmsbg": [8, 9, 11],
    "molss-gdilf": [5, 6, 18, 22],
    "mone-gdlll": [15, 16, 18],
}

# (organisation, objective): state, language, situation, gaps, needs, actions, gcm letters,
# principles, references, return reason
INPUTS = {
    ("dgmm-cim", 9): (
        A,
        "en",
        "Migrant smuggling is a crime under Article 79 of the Turkish Penal Code, and Law No. 6458 "
        "sets out the treatment of foreigners apprehended in an irregular situation. The department "
        "coordinates the provincial directorates' work on irregular migration and shares information "
        "with law enforcement on smuggling routes.",
        "Smuggling networks adapt their routes quickly; information reaches partner countries late. "
        "Smuggled migrants are not always identified as possible victims of other crimes, and "
        "referral between apprehension and protection services varies by province.",
        [
            (
                "coordination",
                "Faster exchange of information on routes and modus operandi with countries of origin and transit.",
            ),
            (
                "capacity",
                "Training for provincial staff on identifying smuggled migrants in vulnerable situations.",
            ),
            (
                "data",
                "A common data set on apprehensions, shared with the national statistics office.",
            ),
        ],
        [
            (
                "Agree information-sharing arrangements with two neighbouring countries.",
                "medium",
                "dgmm-fr",
            ),
            (
                "Train provincial directorates on screening and referral at apprehension.",
                "short",
                "dgmm-cim",
            ),
        ],
        ["a", "c", "e"],
        ["rule_of_law_due_process", "human_rights", "international_cooperation"],
        [
            (
                "law",
                "Law No. 6458 on Foreigners and International Protection",
                "https://www.goc.gov.tr",
            ),
            ("law", "Turkish Penal Code No. 5237, Article 79", ""),
        ],
        "",
    ),
    ("dgmm-cim", 10): (
        S,
        "en",
        "Cases that show signs of trafficking are referred to the Department of Protection of Victims "
        "of Human Trafficking. Removal centres have guidance on identifying victims.",
        "Identification at the first contact depends on the experience of the officer; interpreters "
        "are not always available.",
        [
            ("capacity", "Interpreters and trained staff at removal centres."),
            ("policy", "Updated standard procedures for referral of possible victims."),
        ],
        [
            (
                "Update the referral procedure between removal centres and victim protection.",
                "short",
                "dgmm-pvht",
            )
        ],
        ["b", "g"],
        ["human_rights", "gender_responsive", "child_sensitive"],
        [],
        "",
    ),
    ("dgmm-cim", 11): (
        R,
        "en",
        "Border management involves several institutions; the department works with them on "
        "irregular crossings.",
        "Coordination between institutions at the border.",
        [("coordination", "Better coordination at the border.")],
        [],
        ["a"],
        ["whole_of_government"],
        [],
        "Please say which institutions take part at the border and what the coordination gap is in "
        "practice; the need is too general to build a recommendation on.",
    ),
    ("dgmm-cim", 21): (
        D,
        "en",
        "Voluntary return is offered through assisted voluntary return programmes with partners.",
        "",
        [],
        [],
        [],
        [],
        [],
        "",
    ),
    ("dgmm-pvht", 10): (
        A,
        "en",
        "The national referral mechanism identifies and assists victims of trafficking, with shelters "
        "and a hotline (157). Victims may receive humanitarian residence permits and a reflection "
        "period under Law No. 6458 and its regulation on combating human trafficking.",
        "Identification among labour migrants and in seasonal agriculture remains low. Reintegration "
        "support after shelter stays is short.",
        [
            ("services", "Longer reintegration support for victims after leaving shelters."),
            ("data", "Case data disaggregated by sex, age, nationality and form of exploitation."),
            ("capacity", "Labour inspectors trained to spot trafficking for labour exploitation."),
        ],
        [
            (
                "Extend reintegration support to twelve months with civil society partners.",
                "medium",
                "dgmm-pvht",
            ),
            (
                "Joint training with labour inspectors on indicators of forced labour.",
                "short",
                "molss-gdilf",
            ),
        ],
        ["e", "h", "i"],
        ["human_rights", "gender_responsive", "child_sensitive", "people_centred"],
        [("policy", "National Action Plan on Combating Human Trafficking", "")],
        "",
    ),
    ("dgmm-pvht", 7): (
        S,
        "en",
        "Victims and migrants in vulnerable situations are referred to services by the provincial "
        "directorates.",
        "Unaccompanied children and older migrants need specialised services that are not available "
        "in every province.",
        [
            ("services", "Specialised services for unaccompanied children in more provinces."),
            ("financing", "Predictable funding for case management."),
        ],
        [
            (
                "Map specialised services per province and publish the referral list.",
                "short",
                "dgmm-pvht",
            )
        ],
        ["c", "f"],
        ["child_sensitive", "people_centred"],
        [],
        "",
    ),
    ("tnp-cmsbg", 9): (
        A,
        "en",
        "The department leads operations against smuggling networks and works with the Jandarma and "
        "the Coast Guard. It exchanges information with counterparts through police cooperation channels.",
        "Financial investigations into smuggling networks are rare; digital evidence from messaging "
        "applications is hard to obtain across borders.",
        [
            ("capacity", "Financial investigation skills for smuggling cases."),
            ("coordination", "Faster mutual legal assistance for digital evidence."),
        ],
        [("Set up a financial investigation unit for smuggling cases.", "medium", "tnp-cmsbg")],
        ["b", "d"],
        ["rule_of_law_due_process", "international_cooperation"],
        [],
        "",
    ),
    ("tnp-cmsbg", 11): (
        S,
        "en",
        "Border gates apply entry checks with the support of advance passenger information.",
        "Document fraud detection equipment is uneven across border gates.",
        [("capacity", "Document examination equipment and training at all border gates.")],
        [
            (
                "Equip the ten busiest border gates with document examination kits.",
                "short",
                "tnp-cmsbg",
            )
        ],
        ["c", "h"],
        ["national_sovereignty", "human_rights"],
        [],
        "",
    ),
    ("tnp-cmsbg", 8): (D, "en", "", "", [], [], [], [], [], ""),
    ("molss-gdilf", 6): (
        A,
        "en",
        "Work permits for foreigners are issued under the International Labour Force Law No. 6735, "
        "including permits for persons under temporary protection. Employers apply online.",
        "Many migrants work informally; recruitment fees charged by intermediaries are not monitored.",
        [
            ("policy", "Rules on recruitment fees and licensing of private recruitment agencies."),
            ("services", "Guidance for employers on hiring foreign workers."),
        ],
        [
            (
                "Publish guidance for employers in Turkish, Arabic and English.",
                "short",
                "molss-gdilf",
            ),
            (
                "Review the regulation of private recruitment agencies against ILO standards.",
                "long",
                "molss-gdilf",
            ),
        ],
        ["a", "c", "i"],
        ["human_rights", "whole_of_society"],
        [("law", "International Labour Force Law No. 6735 (2016)", "")],
        "",
    ),
    ("molss-gdilf", 18): (
        S,
        "en",
        "Vocational qualifications can be recognised through the national qualifications system.",
        "Recognition is slow and costly for migrants without documents of their training.",
        [("policy", "A procedure to assess skills of people without certificates.")],
        [("Pilot skills assessment for migrants in two provinces.", "medium", "molss-gdilf")],
        ["c"],
        ["sustainable_development"],
        [],
        "",
    ),
    ("molss-gdilf", 22): (
        R,
        "en",
        "Türkiye has social security agreements with several countries.",
        "Portability of benefits.",
        [("policy", "More agreements.")],
        [],
        [],
        [],
        [],
        "Which countries matter most for portability, and what stands in the way? Please add the "
        "gaps you see and at least one proposed action with a horizon.",
    ),
    ("mone-gdlll", 15): (
        A,
        "tr",
        "Hayat boyu öğrenme kursları, Türkçe dil kursları dahil, tüm illerdeki halk eğitim merkezlerinde "
        "yabancılara da açıktır.",
        "Kursların saatleri çalışan göçmenlere uygun değildir; bazı illerde eğitmen sayısı yetersizdir.",
        [
            ("services", "Akşam ve hafta sonu kursları."),
            ("financing", "Ek eğitmen kadroları için kaynak."),
        ],
        [("Çalışan göçmenler için akşam Türkçe kursları açmak.", "short", "mone-gdlll")],
        ["a", "e"],
        ["people_centred", "whole_of_society"],
        [],
        "",
    ),
    ("mone-gdlll", 16): (
        S,
        "tr",
        "Halk eğitim merkezleri göçmenler ve ev sahibi toplum için ortak etkinlikler düzenlemektedir.",
        "Etkinliklere katılımın ölçülmesi için veri toplanmamaktadır.",
        [("data", "Katılımcı verilerinin cinsiyet ve yaşa göre toplanması.")],
        [
            (
                "Ortak etkinliklerin katılım verisini yıllık olarak yayımlamak.",
                "medium",
                "mone-gdlll",
            )
        ],
        ["b"],
        ["whole_of_society"],
        [],
        "",
    ),
    ("mone-gdlll", 18): (
        D,
        "tr",
        "Mesleki kurslar yabancılara açıktır.",
        "",
        [],
        [],
        [],
        [],
        [],
        "",
    ),
    ("dgmm-hc", 16): (
        A,
        "en",
        "The Harmonization Strategy and National Action Plan guide the work on harmonization, with "
        "harmonization and communication activities in provinces.",
        "Local governments are not equally involved; evaluation of activities is limited.",
        [
            ("coordination", "Stronger role for municipalities in harmonization."),
            ("data", "An evaluation framework for harmonization activities."),
        ],
        [
            (
                "Develop an evaluation framework with indicators for harmonization.",
                "medium",
                "dgmm-hc",
            )
        ],
        ["a", "c", "i"],
        ["whole_of_society", "whole_of_government", "people_centred"],
        [("policy", "Harmonization Strategy and National Action Plan", "")],
        "",
    ),
    ("dgmm-hc", 17): (
        S,
        "en",
        "Communication campaigns promote social cohesion and counter misinformation about migrants.",
        "Misinformation spreads fast on social media; responses are slow.",
        [("capacity", "A rapid response team for misinformation.")],
        [("Set up a monitoring and response routine for misinformation.", "short", "dgmm-hc")],
        ["c", "f"],
        ["human_rights", "whole_of_society"],
        [],
        "",
    ),
    ("dgmm-fr", 23): (
        S,
        "en",
        "The department follows the GCM internationally and takes part in regional and global "
        "processes on migration.",
        "Bilateral cooperation on return and readmission and on labour mobility is uneven.",
        [("coordination", "A national position prepared jointly for the IMRF 2022.")],
        [
            (
                "Prepare the national voluntary review for the IMRF with the UN Network.",
                "short",
                "dgmm-fr",
            )
        ],
        ["a", "b"],
        ["international_cooperation", "national_sovereignty"],
        [],
        "",
    ),
    ("dgmm-fr", 14): (
        A,
        "en",
        "Consular cooperation with countries of origin supports identification and documentation of "
        "their nationals.",
        "Some countries have no consular presence in Türkiye.",
        [("coordination", "Arrangements with countries without consular presence.")],
        [
            (
                "Agree on remote identification procedures with three countries of origin.",
                "medium",
                "dgmm-fr",
            )
        ],
        ["b"],
        ["international_cooperation"],
        [],
        "",
    ),
    ("dgmm", 1): (
        S,
        "en",
        "The Directorate General publishes migration statistics on its website and runs registration "
        "systems for foreigners.",
        "Data from different institutions are not linked; disaggregation by age and sex is incomplete.",
        [
            ("data", "Linking administrative records across institutions, with data protection."),
            ("capacity", "Statistical capacity in the Directorate General."),
        ],
        [("Agree a data-sharing protocol with the statistics office.", "medium", "dgmm")],
        ["a", "i"],
        ["whole_of_government"],
        [],
        "",
    ),
}

CONSULTATIONS = [
    (
        dt.date(2021, 3, 24),
        "workshop",
        "Inception workshop of the GCM needs assessment",
        [
            "dgmm",
            "dgmm-cim",
            "dgmm-fr",
            "dgmm-hc",
            "dgmm-pvht",
            "tnp-cmsbg",
            "molss-gdilf",
            "mone-gdlll",
            "iom",
            "rco",
        ],
        [1, 5, 6, 9, 10, 11, 15, 16, 23],
        "National consultant\nGCM focal points of the departments taking part",
        "Presentation of the GCM, of the assessment method and of the calendar; agreement on the "
        "objectives each department speaks to.",
    ),
    (
        dt.date(2021, 4, 6),
        "interview",
        "Interview with the Department of Combating Irregular Migration",
        ["dgmm-cim"],
        [9, 10, 11, 21],
        "Head of section, Department of Combating Irregular Migration",
        "Smuggling routes, removal centres, referral of possible victims, voluntary return.",
    ),
    (
        dt.date(2021, 4, 8),
        "interview",
        "Interview with the Department of Counter Migrant Smuggling and Border Gates",
        ["tnp-cmsbg"],
        [8, 9, 11],
        "Officers of the department",
        "Investigations, border gates, cooperation.",
    ),
    (
        dt.date(2021, 4, 13),
        "interview",
        "Interview with the General Directorate of International Labour Force",
        ["molss-gdilf"],
        [5, 6, 18, 22],
        "Officials of the General Directorate",
        "Work permits, recruitment, skills, social security.",
    ),
    (
        dt.date(2021, 4, 15),
        "interview",
        "Interview with the General Directorate for Lifelong Learning",
        ["mone-gdlll"],
        [15, 16, 18],
        "Officials of the General Directorate",
        "Language courses, adult education, social cohesion activities.",
    ),
    (
        dt.date(2021, 4, 20),
        "questionnaire",
        "Questionnaire to the departments of the Directorate General of Migration Management",
        ["dgmm", "dgmm-cim", "dgmm-fr", "dgmm-hc", "dgmm-pvht"],
        [1, 3, 5, 7, 10, 12, 14, 16, 17, 23],
        "",
        "Excel questionnaire per department; answers received by e-mail and uploaded by the focal points.",
    ),
    (
        dt.date(2021, 5, 3),
        "desk_review",
        "Desk review of national laws, strategies and action plans",
        [],
        [1, 6, 9, 10, 16],
        "",
        "Law No. 6458, Law No. 6735, the Harmonization Strategy and National Action Plan, and the "
        "national action plan on combating human trafficking.",
    ),
]

INPUT_CITES = {
    ("dgmm-cim", 9): 1,
    ("dgmm-cim", 10): 1,
    ("tnp-cmsbg", 9): 2,
    ("molss-gdilf", 6): 3,
    ("mone-gdlll", 15): 4,
    ("dgmm-pvht", 10): 5,
    ("dgmm-hc", 16): 6,
}

SYNTHESES = {
    9: "Both DGMM's Department of Combating Irregular Migration and the National Police's department "
    "describe a solid criminal-law basis and operational cooperation, and the same two gaps: slow "
    "information exchange with other countries and little financial investigation. Capacity and "
    "coordination needs dominate. (Illustrative demo text.)",
    10: "The referral mechanism works, but identification at first contact and among labour migrants "
    "is weak, and reintegration support is short. Needs are mainly capacity and services. "
    "(Illustrative demo text.)",
}


def load(cycle, users) -> None:
    organisations = {o.key: o for o in _organisations(cycle)}
    by = users["consultant"]
    Collection.objects.update_or_create(
        cycle=cycle,
        defaults={
            "deadline": dt.date(2021, 5, 14),
            "instructions": "Please answer for the objectives of your institution's mandate. "
            "Be concrete: what exists, what is missing, what you need.",
            "requests_sent_at": timezone.make_aware(dt.datetime(2021, 3, 26, 10, 0)),
        },
    )
    objectives = {o.number: o for o in Objective.objects.all()}
    for key, numbers in ASSIGNMENTS.items():
        for number in numbers:
            Assignment.objects.get_or_create(
                cycle=cycle, organisation=organisations[key], objective=objectives[number]
            )
    # The directorate asked for two more weeks: its own deadline (an extension).
    Assignment.objects.filter(cycle=cycle, organisation=organisations["dgmm"]).update(
        deadline=dt.date(2021, 5, 28),
        deadline_reason="Asked for two more weeks: the figures of the first quarter come out in May.",
    )
    consultations = []
    for date, kind, title, orgs, numbers, participants, notes in CONSULTATIONS:
        consultation, created = Consultation.objects.get_or_create(
            cycle=cycle,
            title=title,
            defaults={
                "date": date,
                "type": kind,
                "participants": participants,
                "notes": notes,
                "illustrative": True,
                "created_by": by,
            },
        )
        if created:
            consultation.organisations.set([organisations[k] for k in orgs])
            consultation.objectives.set([objectives[n] for n in numbers])
        consultations.append(consultation)
    principles = {p.key: p for p in GuidingPrinciple.objects.all()}
    focal_of = {
        key: users.get("focal" if key == "dgmm-cim" else f"focal-{key}") for key in ASSIGNMENTS
    }
    for (key, number), row in INPUTS.items():
        state, language, situation, gaps, needs, actions, letters, keys, references, reason = row
        organisation, objective = organisations[key], objectives[number]
        submitted = timezone.make_aware(dt.datetime(2021, 4, 28, 11, 0))
        input, created = Input.objects.get_or_create(
            cycle=cycle,
            organisation=organisation,
            objective=objective,
            defaults={
                "state": state,
                "language": language,
                "situation": situation,
                "gaps": gaps,
                "illustrative": True,
                "return_reason": reason,
                "updated_by": focal_of[key],
                "submitted_at": submitted if state != D else None,
                "submitted_by": focal_of[key] if state != D else None,
                "reviewed_at": submitted + dt.timedelta(days=5) if state in (A, R) else None,
                "reviewed_by": by if state in (A, R) else None,
            },
        )
        if not created:
            continue
        for order, (kind, description) in enumerate(needs):
            Need.objects.create(input=input, type=kind, description=description, order=order)
        for order, (description, horizon, lead) in enumerate(actions):
            ProposedAction.objects.create(
                input=input,
                description=description,
                horizon=horizon,
                lead=organisations[lead],
                order=order,
            )
        for order, (kind, title, url) in enumerate(references):
            Reference.objects.create(input=input, kind=kind, title=title, url=url, order=order)
        input.gcm_actions.set(Action.objects.filter(objective=objective, letter__in=letters))
        input.principles.set([principles[k] for k in keys])
        if (key, number) in INPUT_CITES:
            input.consultations.set([consultations[0], consultations[INPUT_CITES[(key, number)]]])
    for number, text in SYNTHESES.items():
        Synthesis.objects.get_or_create(
            cycle=cycle, objective=objectives[number], defaults={"text": text, "updated_by": by}
        )


def _organisations(cycle):
    names = {value[0]: key for key, value in ORGANISATIONS.items()}
    for organisation in Organisation.objects.filter(network=cycle.network):
        organisation.key = names.get(organisation.name)
        if organisation.key:
            yield organisation
