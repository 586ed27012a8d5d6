"""factory-boy factories for every app's tests."""

import datetime as dt

import factory

from gcmhub.core.models import Cycle, Network, User
from gcmhub.core.permissions import Role
from gcmhub.directory.models import Invitation, Membership, Organisation, OrganisationType
from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority

PASSWORD = "a-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Person"
    last_name = factory.Sequence(lambda n: f"Number {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    country = "TR"


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Cycle {n}")
    country = "TR"
    start_date = dt.date(2021, 3, 1)
    end_date = dt.date(2022, 5, 20)
    short_term_until = dt.date(2022, 5, 17)
    medium_term_until = dt.date(2025, 12, 31)
    long_term_until = dt.date(2030, 12, 31)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = OrganisationType.GOVERNMENT


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.OBSERVER
    organisation = None


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    network = factory.SubFactory(NetworkFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.OBSERVER


class CooperationFrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationFramework

    cycle = factory.SubFactory(CycleFactory)
    title = "UNSDCF 2021-2025"
    start_year = 2021
    end_year = 2025


class StrategicPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPriority

    framework = factory.SubFactory(CooperationFrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Priority {n}")


class FrameworkOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkOutcome

    priority = factory.SubFactory(StrategicPriorityFactory)
    code = factory.Sequence(lambda n: f"1.{n + 1}")
    statement = "By 2025, something has improved."
