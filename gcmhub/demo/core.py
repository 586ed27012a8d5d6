"""Demo data of the reference case: the UN Network on Migration in Türkiye, 2021."""

import datetime as dt

from gcmhub.core.models import Cycle, Network

NETWORK = {
    "slug": "turkiye",
    "name": "UN Network on Migration in Türkiye",
    "name_tr": "Türkiye BM Göç Ağı",
    "country": "TR",
    "established_on": dt.date(2021, 2, 18),
    "description": (
        "Established in Ankara on 18 February 2021 and coordinated by IOM with the UN Resident "
        "Coordinator's Office. It works with the Directorate General of Migration Management "
        "(DGMM), the government agency responsible for the GCM, and keeps its work "
        "complementary to the UN Sustainable Development Cooperation Framework 2021-2025."
    ),
    "description_tr": (
        "18 Şubat 2021'de Ankara'da kuruldu; IOM tarafından BM Mukim Koordinatörlük Ofisi ile "
        "birlikte koordine edilir. GCM'den sorumlu kamu kurumu olan Göç İdaresi Genel "
        "Müdürlüğü (GİGM) ile birlikte çalışır ve çalışmalarını BM Sürdürülebilir Kalkınma "
        "İş Birliği Çerçevesi 2021-2025 ile tamamlayıcı biçimde yürütür."
    ),
}

CYCLE = {
    "title": "GCM Needs Assessment 2021",
    "title_tr": "GCM İhtiyaç Analizi 2021",
    "country": "TR",
    "start_date": dt.date(2021, 3, 1),
    "end_date": dt.date(2022, 5, 20),
    "short_term_until": dt.date(2022, 5, 17),
    "short_term_note": "IMRF, New York, 17-20 May 2022",
    "short_term_note_tr": "IMRF, New York, 17-20 Mayıs 2022",
    "medium_term_until": dt.date(2025, 12, 31),
    "medium_term_note": "End of the UNSDCF 2021-2025",
    "medium_term_note_tr": "UNSDCF 2021-2025 döneminin sonu",
    "long_term_until": dt.date(2030, 12, 31),
    "long_term_note": "2030 Agenda for Sustainable Development",
    "long_term_note_tr": "2030 Sürdürülebilir Kalkınma Gündemi",
}


def load() -> tuple[Network, Cycle]:
    data = dict(NETWORK)
    network, _ = Network.objects.update_or_create(slug=data.pop("slug"), defaults=data)
    data = dict(CYCLE)
    cycle, _ = Cycle.objects.update_or_create(
        network=network, title=data.pop("title"), defaults=data
    )
    return network, cycle
