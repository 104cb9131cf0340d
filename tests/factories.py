"""factory_boy factories shared by every app's tests."""

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from governance.choices import CommunityKind, UnitKind, UnitOwnership
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, Street, User

TEST_PASSWORD = "correct-horse-battery"


class StreetFactory(DjangoModelFactory):
    class Meta:
        model = Street
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"第{n}街道办事处")
    district = "西山区"


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = Community

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"第{n}居委会")
    code = factory.Sequence(lambda n: f"c{n}")
    kind = CommunityKind.RURAL


class ResidentGroupFactory(DjangoModelFactory):
    class Meta:
        model = ResidentGroup

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"第{n}小组")
    order = factory.Sequence(lambda n: n)


class ResidentUnitFactory(DjangoModelFactory):
    class Meta:
        model = ResidentUnit

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"第{n}单位")
    kind = UnitKind.ENTERPRISE
    ownership = UnitOwnership.NON_PUBLIC


class GridFactory(DjangoModelFactory):
    class Meta:
        model = Grid
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"第{n}网格")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)


class UserFactory(DjangoModelFactory):
    """A staff account; ``role`` names the role group (see governance.roles)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="zh_CN")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def resident_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.resident_groups.set(extracted)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


def make_id_number(birth_date, sex: str, sequence: int, region: str = "530112") -> str:
    """A checksum-valid 居民身份证 number for ``birth_date`` and ``sex`` ("M"/"F")."""
    from stdnum.cn import ric

    order = (sequence * 2 + (1 if sex == "M" else 0)) % 1000
    body = f"{region}{birth_date:%Y%m%d}{order:03d}"
    return body + ric.calc_check_digit(body + "0")
