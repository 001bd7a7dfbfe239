"""Factories shared by all test folders. Apps add theirs in tests/<app>/factories.py."""

import factory
from django.contrib.auth.models import Group, User

from agencies.models import Agency, Membership, Region
from rakor import roles

PASSWORD = "rahasia-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


def region(code):
    """A region from the loaded reference data, created on the fly if the loader did not run."""
    kinds = {1: Region.Kind.PROVINCE, 2: Region.Kind.REGENCY, 3: Region.Kind.DISTRICT, 4: Region.Kind.VILLAGE}
    parts = code.split(".")
    parent = region(".".join(parts[:-1])) if len(parts) > 1 else None
    obj, _ = Region.objects.get_or_create(
        code=code, defaults={"name": f"Wilayah {code}", "kind": kinds[len(parts)], "parent": parent}
    )
    return obj


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Pemberdayaan Masyarakat dan Desa {n}")
    short_name = factory.Sequence(lambda n: f"DPMD {n}")
    region = factory.LazyFunction(lambda: region("64.02"))
    email = factory.Sequence(lambda n: f"dinas{n}@example.go.id")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, roles=[roles.COORDINATOR])
    agency = factory.SubFactory(AgencyFactory)
    role = Membership.Role.COORDINATOR
