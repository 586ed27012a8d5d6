"""Demo data: the region of the Türkiye network and its regional coordinator (name invented).

Only the Türkiye network is in the demo: no other country's network is made up.
"""

from django.contrib.auth.hashers import make_password

from gcmhub.core.models import Network, User
from gcmhub.demo.directory import DEMO_PASSWORD
from gcmhub.regions.models import Region

REGION = {
    "slug": "europe-central-asia",
    "name": "Europe and Central Asia",
    "name_tr": "Avrupa ve Orta Asya",
    "description": (
        "Country networks on migration of the region, seen together through their final "
        "needs assessment reports."
    ),
    "description_tr": (
        "Bölgedeki ülke göç ağları, nihai ihtiyaç analizi raporları üzerinden bir arada."
    ),
}


def load() -> Region:
    data = dict(REGION)
    region, _created = Region.objects.update_or_create(slug=data.pop("slug"), defaults=data)
    region.networks.add(Network.objects.get(slug="turkiye"))
    user, _created = User.objects.get_or_create(
        username="regional",
        defaults={
            "first_name": "Ana",
            "last_name": "Petrović",
            "email": "regional@example.org",
            "password": make_password(DEMO_PASSWORD),
        },
    )
    region.coordinators.add(user)
    return region
