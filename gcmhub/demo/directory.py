"""Demo data: the organisations of the Türkiye case, their focal points and the demo accounts.

People's names are invented for the demo. Every demo account has the password
DEMO_PASSWORD; this module is only ever run by `manage.py load_demo`.
"""

import io

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from gcmhub.core.models import Network, User
from gcmhub.core.permissions import Role
from gcmhub.directory.models import DocumentCredit, Membership, Organisation, OrganisationType

DEMO_PASSWORD = "demo-password"

GOV = OrganisationType.GOVERNMENT
UN = OrganisationType.UN_AGENCY

# key: (name, Turkish name, acronym or (acronym, Turkish acronym), type, parent key, notes)
ORGANISATIONS = {
    "moi": ("Ministry of Interior", "İçişleri Bakanlığı", "MoI", GOV, None, ""),
    "dgmm": (
        "Directorate General of Migration Management",
        "Göç İdaresi Genel Müdürlüğü",
        ("DGMM", "GİGM"),
        GOV,
        "moi",
        "Set up by Law No. 6458 (2013); the government agency responsible for the GCM. "
        "Since 29 October 2021 the Presidency of Migration Management (Göç İdaresi Başkanlığı).",
    ),
    "dgmm-cim": (
        "Department of Combating Irregular Migration",
        "Düzensiz Göçle Mücadele Dairesi Başkanlığı",
        "",
        GOV,
        "dgmm",
        "",
    ),
    "dgmm-fr": (
        "Department of Foreign Relations",
        "Dış İlişkiler Dairesi Başkanlığı",
        "",
        GOV,
        "dgmm",
        "",
    ),
    "dgmm-hc": (
        "Department of Harmonization and Communication",
        "Uyum ve İletişim Dairesi Başkanlığı",
        "",
        GOV,
        "dgmm",
        "",
    ),
    "dgmm-pvht": (
        "Department of Protection of Victims of Human Trafficking",
        "İnsan Ticareti Mağdurlarını Koruma Dairesi Başkanlığı",
        "",
        GOV,
        "dgmm",
        "",
    ),
    "tnp": ("Turkish National Police", "Emniyet Genel Müdürlüğü", ("TNP", "EGM"), GOV, "moi", ""),
    "tnp-cmsbg": (
        "Department of Counter Migrant Smuggling and Border Gates",
        "Göçmen Kaçakçılığıyla Mücadele ve Hudut Kapıları Daire Başkanlığı",
        "",
        GOV,
        "tnp",
        "The Turkish name is inferred from the department's provincial branches.",
    ),
    "molss": (
        "Ministry of Labour and Social Security",
        "Çalışma ve Sosyal Güvenlik Bakanlığı",
        ("MoLSS", "ÇSGB"),
        GOV,
        None,
        "",
    ),
    "molss-gdilf": (
        "General Directorate of International Labour Force",
        "Uluslararası İşgücü Genel Müdürlüğü",
        "",
        GOV,
        "molss",
        "Works under the International Labour Force Law No. 6735 (2016).",
    ),
    "mone": (
        "Ministry of National Education",
        "Millî Eğitim Bakanlığı",
        ("MoNE", "MEB"),
        GOV,
        None,
        "",
    ),
    "mone-gdlll": (
        "General Directorate for Lifelong Learning",
        "Hayat Boyu Öğrenme Genel Müdürlüğü",
        "",
        GOV,
        "mone",
        "",
    ),
    "iom": (
        "International Organization for Migration",
        "Uluslararası Göç Örgütü",
        "IOM",
        UN,
        None,
        "",
    ),
    "rco": (
        "United Nations Resident Coordinator's Office",
        "Birleşmiş Milletler Mukim Koordinatörlük Ofisi",
        "RCO",
        UN,
        None,
        "",
    ),
    "unhcr": (
        "Office of the UN High Commissioner for Refugees",
        "BM Mülteciler Yüksek Komiserliği",
        ("UNHCR", "BMMYK"),
        UN,
        None,
        "",
    ),
    "unicef": (
        "United Nations Children's Fund",
        "BM Çocuklara Yardım Fonu",
        "UNICEF",
        UN,
        None,
        "",
    ),
    "undp": ("United Nations Development Programme", "BM Kalkınma Programı", "UNDP", UN, None, ""),
    "ilo": (
        "International Labour Organization",
        "Uluslararası Çalışma Örgütü",
        "ILO",
        UN,
        None,
        "",
    ),
    "unfpa": ("United Nations Population Fund", "BM Nüfus Fonu", "UNFPA", UN, None, ""),
    "unwomen": ("UN Women", "BM Kadın Birimi", ("UN Women", "BM Kadın"), UN, None, ""),
    "who": ("World Health Organization", "Dünya Sağlık Örgütü", "WHO", UN, None, ""),
    "unodc": (
        "United Nations Office on Drugs and Crime",
        "BM Uyuşturucu ve Suç Ofisi",
        "UNODC",
        UN,
        None,
        "",
    ),
    "fao": (
        "Food and Agriculture Organization of the United Nations",
        "BM Gıda ve Tarım Örgütü",
        "FAO",
        UN,
        None,
        "",
    ),
    "wfp": ("World Food Programme", "Dünya Gıda Programı", "WFP", UN, None, ""),
}

# username: (first name, last name, role, organisation key, position)
ACCOUNTS = {
    "coordinator": ("Elif", "Aydın", Role.COORDINATOR, "iom", "Network coordinator, IOM Türkiye"),
    "coordinator-rco": (
        "Daniel",
        "Moreau",
        Role.COORDINATOR,
        "rco",
        "Development coordination officer",
    ),
    "consultant": ("Selin", "Kaya", Role.CONSULTANT, None, "National consultant, needs assessment"),
    "focal": ("Murat", "Yılmaz", Role.FOCAL_POINT, "dgmm-cim", "Head of section"),
    "observer": ("Zeynep", "Arslan", Role.OBSERVER, None, "Civil society observer"),
}

FOCAL_POINT_NAMES = [
    ("Ahmet", "Çelik"),
    ("Fatma", "Şahin"),
    ("Mehmet", "Öztürk"),
    ("Ayşe", "Doğan"),
    ("Mustafa", "Kılıç"),
    ("Emine", "Aslan"),
    ("Hüseyin", "Çetin"),
    ("Hatice", "Kara"),
    ("İbrahim", "Koç"),
    ("Zehra", "Kurt"),
    ("Ali", "Özdemir"),
    ("Merve", "Şimşek"),
    ("Hasan", "Polat"),
    ("Esra", "Erdoğan"),
    ("Osman", "Güneş"),
    ("Büşra", "Yıldız"),
    ("Yusuf", "Aksoy"),
    ("Gül", "Tekin"),
    ("Emre", "Bulut"),
    ("Derya", "Korkmaz"),
    ("Kemal", "Özkan"),
    ("Sevgi", "Işık"),
    ("Burak", "Acar"),
    ("Leyla", "Ünal"),
]


def load(network: Network) -> dict[str, User]:
    organisations: dict[str, Organisation] = {}
    for key, (name, name_tr, acronym, kind, parent, notes) in ORGANISATIONS.items():
        acronym, acronym_tr = acronym if isinstance(acronym, tuple) else (acronym, "")
        organisations[key], _ = Organisation.objects.update_or_create(
            network=network,
            name=name,
            defaults={
                "name_tr": name_tr,
                "acronym": acronym,
                "acronym_tr": acronym_tr,
                "type": kind,
                "parent": organisations[parent] if parent else None,
                "country": "TR" if kind == GOV else "",
                "notes": notes,
            },
        )
    password = make_password(DEMO_PASSWORD)
    accounts = dict(ACCOUNTS)
    with_focal_point = {
        org for (*_, role, org, _pos) in ACCOUNTS.values() if role == Role.FOCAL_POINT
    }
    names = iter(FOCAL_POINT_NAMES)
    for key in ORGANISATIONS:
        if key not in with_focal_point:
            first, last = next(names)
            accounts[f"focal-{key}"] = (first, last, Role.FOCAL_POINT, key, "GCM focal point")
    users = {}
    for username, (first, last, role, org, position) in accounts.items():
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "password": password,
            },
        )
        Membership.objects.update_or_create(
            network=network,
            user=user,
            defaults={
                "role": role,
                "organisation": organisations[org] if org else None,
                "position": position,
                "is_active": True,
            },
        )
        users[username] = user
    _logos(network, organisations)
    return users


def _placeholder_logo(text: str, colour: str) -> ContentFile:
    """A plain badge with the name's letters: the demo's stand-in for a real logo (a real
    organisation's emblem is its own to use)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (480, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 472, 232), radius=36, fill=colour)
    font = ImageFont.load_default(size=96)
    box = draw.textbbox((0, 0), text, font=font)
    position = ((480 - box[2] + box[0]) / 2, (240 - box[3] + box[1]) / 2 - box[1])
    draw.text(position, text, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _logos(network: Network, organisations: dict[str, Organisation]) -> None:
    """The title pages of the demo's documents: the network prepared them with IOM, with the
    support of the Resident Coordinator's Office (placeholder logos, each described)."""
    if not network.logo:
        network.logo.save("unnm-turkiye.png", _placeholder_logo("UNNM", "#1f4e79"), save=False)
    network.logo_description = "Placeholder logo of the UN Network on Migration in Türkiye"
    network.logo_description_tr = "Türkiye BM Göç Ağı için yer tutucu logo"
    network.logo_on_documents = True
    network.save()
    for key, text, colour, credit in [
        ("iom", "IOM", "#0b5394", DocumentCredit.PREPARED),
        ("rco", "RCO", "#38761d", DocumentCredit.SUPPORT),
    ]:
        organisation = organisations[key]
        if not organisation.logo:
            organisation.logo.save(f"{key}.png", _placeholder_logo(text, colour), save=False)
        organisation.logo_description = f"Placeholder logo of {organisation.name}"
        organisation.logo_description_tr = f"{organisation.name_tr} için yer tutucu logo"
        organisation.document_credit = credit
        organisation.save()
