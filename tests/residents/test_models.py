"""The Person model: identity checks, constraints, 拼音 search, age bands and ID masking."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from residents.choices import IdType, PersonStatus, Relation, Sex
from residents.models import Person, years_before
from tests.residents.factories import HouseholdFactory, PersonFactory, make_id_number

pytestmark = pytest.mark.django_db

BORN = datetime.date(1980, 5, 1)


def _person(world, **fields) -> Person:
    """An unsaved person of the home community's group A."""
    defaults = {"community": world.community, "group": world.group_a, "registered_on": datetime.date(2020, 1, 1)}
    return Person(**(defaults | fields))


#
# clean() and fill_from_id_number()
#


def test_person_clean_rejects_a_birth_date_contradicting_the_id_number(world):
    person = _person(world, name="张三", id_number=make_id_number(BORN, Sex.MALE), birth_date=BORN.replace(day=2))
    person.sex = Sex.MALE
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert error.value.message_dict == {"birth_date": ["出生日期与身份证号不符:身份证号显示为 1980年05月01日。"]}


def test_person_clean_rejects_a_sex_contradicting_the_id_number(world):
    person = _person(world, name="张三", id_number=make_id_number(BORN, Sex.MALE), birth_date=BORN, sex=Sex.FEMALE)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert error.value.message_dict == {"sex": ["性别与身份证号不符:身份证号显示为男。"]}


def test_person_clean_reports_both_contradictions_at_once(world):
    number = make_id_number(BORN, Sex.FEMALE)
    person = _person(world, name="李四", id_number=number, birth_date=datetime.date(1981, 5, 1), sex=Sex.MALE)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert set(error.value.message_dict) == {"birth_date", "sex"}
    assert error.value.message_dict["sex"] == ["性别与身份证号不符:身份证号显示为女。"]


def test_person_clean_puts_an_invalid_id_number_on_the_id_number_field(world):
    number = make_id_number(BORN, Sex.MALE)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    person = _person(world, name="王五", id_number=wrong, birth_date=BORN, sex=Sex.MALE)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert list(error.value.message_dict) == ["id_number"]
    assert f"最后一位应为 {number[17]}" in error.value.message_dict["id_number"][0]


def test_person_clean_accepts_a_matching_person_and_normalises_the_number(world):
    number = make_id_number(BORN, Sex.MALE, serial=0)
    fifteen = number[:6] + number[8:17]
    person = _person(world, name="赵六", id_number=fifteen, birth_date=BORN, sex=Sex.MALE)
    person.clean()
    assert person.id_number == number


def test_person_clean_does_not_check_other_id_types(world):
    person = _person(world, name="John", id_type=IdType.PASSPORT, id_number="E12345678", birth_date=BORN, sex="M")
    person.clean()
    assert person.id_number == "E12345678"


def test_person_clean_rejects_a_group_of_another_community(world):
    person = _person(world, name="钱七", group=world.other_group, birth_date=BORN, sex=Sex.MALE)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert error.value.message_dict == {"group": ["居民小组必须属于本社区。"]}


def test_person_clean_rejects_a_household_of_another_community(world):
    foreign = HouseholdFactory(group=world.other_group)
    person = _person(world, name="孙八", household=foreign, birth_date=BORN, sex=Sex.MALE)
    with pytest.raises(ValidationError) as error:
        person.clean()
    assert error.value.message_dict == {"household": ["所属户必须属于本社区。"]}


def test_person_fill_from_id_number_derives_birth_date_and_sex(world):
    person = _person(world, name="周九", id_number=make_id_number(BORN, Sex.FEMALE).lower())
    person.fill_from_id_number()
    assert person.birth_date == BORN
    assert person.sex == Sex.FEMALE
    assert person.id_number == make_id_number(BORN, Sex.FEMALE)


def test_person_fill_from_id_number_keeps_what_was_typed_in(world):
    """Contradictions are clean()'s business: filling never overwrites."""
    person = _person(world, name="吴十", id_number=make_id_number(BORN, Sex.FEMALE), birth_date=BORN.replace(day=9))
    person.sex = Sex.MALE
    person.fill_from_id_number()
    assert person.birth_date == BORN.replace(day=9)
    assert person.sex == Sex.MALE


def test_person_fill_from_id_number_ignores_an_invalid_number(world):
    person = _person(world, name="郑一", id_number="12345")
    person.fill_from_id_number()
    assert person.birth_date is None
    assert person.sex == ""
    assert person.id_number == "12345"


def test_person_fill_from_id_number_ignores_other_id_types(world):
    person = _person(world, name="郑二", id_type=IdType.OTHER, id_number=make_id_number(BORN, Sex.FEMALE))
    person.fill_from_id_number()
    assert person.birth_date is None


#
# Constraints
#


def test_person_id_number_is_unique_across_communities(world):
    number = make_id_number(BORN, Sex.MALE)
    PersonFactory(group=world.group_a, id_number=number, birth_date=BORN, sex=Sex.MALE)
    twin = PersonFactory.build(group=world.other_group, id_number=number, birth_date=BORN, sex=Sex.MALE)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "该证件号码已登记,一人只能有一条人口记录。" in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_person_empty_id_numbers_do_not_collide(world):
    PersonFactory(group=world.group_a, id_type=IdType.OTHER, id_number="")
    PersonFactory(group=world.other_group, id_type=IdType.OTHER, id_number="")
    assert Person.objects.filter(id_number="").count() == 2


def test_household_has_one_active_head(world):
    household = HouseholdFactory(group=world.group_a)
    PersonFactory(household=household, relation=Relation.HEAD)
    second = PersonFactory.build(household=household, relation=Relation.HEAD)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "该户已有户主。" in error.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_household_head_constraint_ignores_heads_who_left(world):
    household = HouseholdFactory(group=world.group_a)
    PersonFactory(
        household=household,
        relation=Relation.HEAD,
        status=PersonStatus.DECEASED,
        registered_on=datetime.date(2000, 1, 1),
        left_on=datetime.date(2020, 1, 1),
    )
    PersonFactory(household=household, relation=Relation.HEAD)
    assert household.members.filter(relation=Relation.HEAD).count() == 2


def test_person_cannot_leave_before_registering(world):
    person = PersonFactory.build(
        group=world.group_a, registered_on=datetime.date(2020, 1, 1), left_on=datetime.date(2019, 12, 31)
    )
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "离册日期不能早于登记日期。" in error.value.messages


#
# 拼音 and search
#


def test_person_save_stores_pinyin_and_initials(world):
    person = PersonFactory(group=world.group_a, name="张建国")
    assert (person.name_pinyin, person.name_initials) == ("zhangjianguo", "zjg")


def test_person_save_follows_a_renamed_person(world):
    person = PersonFactory(group=world.group_a, name="张建国")
    person.name = "李秀英"
    person.save()
    person.refresh_from_db()
    assert (person.name_pinyin, person.name_initials) == ("lixiuying", "lxy")


@pytest.fixture
def searchable(world):
    """Three people whose every searchable attribute differs."""
    return {
        "zhang": PersonFactory(
            group=world.group_a,
            name="张建国",
            birth_date=datetime.date(1964, 10, 1),
            sex=Sex.MALE,
            id_number=make_id_number(datetime.date(1964, 10, 1), Sex.MALE, serial=12),
            phone="13800001111",
            current_address="团结路1号",
        ),
        "li": PersonFactory(
            group=world.group_a,
            name="李秀英",
            birth_date=datetime.date(1949, 12, 31),
            sex=Sex.FEMALE,
            id_number="11010519491231002X",
            phone="13900002222",
            current_address="岔河村5号",
        ),
        "wang": PersonFactory(
            group=world.group_b,
            name="王建军",
            birth_date=datetime.date(1990, 2, 14),
            sex=Sex.MALE,
            id_number=make_id_number(datetime.date(1990, 2, 14), Sex.MALE, serial=34),
            phone="13700003333",
            current_address="团结路9号",
        ),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张建国", {"zhang"}),
        ("建", {"zhang", "wang"}),
        ("zhang", {"zhang"}),
        ("Zhangj", {"zhang"}),
        ("li", {"li"}),
        ("zjg", {"zhang"}),
        ("WJ", {"wang"}),
        ("19491231", {"li"}),
        ("002x", {"li"}),
        ("0000111", {"zhang"}),
        ("团结路", {"zhang", "wang"}),
        ("岔河", {"li"}),
        ("  lxy  ", {"li"}),
        ("", {"zhang", "li", "wang"}),
        ("jianguo", set()),
        ("刘", set()),
    ],
)
def test_person_search_matches_name_pinyin_initials_id_phone_and_address(searchable, text, expected):
    found = set(Person.objects.search(text).values_list("pk", flat=True))
    assert found == {searchable[key].pk for key in expected}


#
# Ages
#


def test_years_before_falls_back_to_28_february():
    assert years_before(datetime.date(2024, 2, 29), 18) == datetime.date(2006, 2, 28)
    assert years_before(datetime.date(2024, 2, 29), 60) == datetime.date(1964, 2, 29)
    assert years_before(datetime.date(2024, 6, 1), 18) == datetime.date(2006, 6, 1)


def _aged(day, minimum=None, maximum=None) -> set[str]:
    return set(Person.objects.aged_between(day, minimum, maximum).values_list("name", flat=True))


@pytest.fixture
def birthdays(world):
    def born(name, day):
        return PersonFactory(group=world.group_a, name=name, birth_date=day)

    born("十八", datetime.date(2006, 6, 1))
    born("差一天十八", datetime.date(2006, 6, 2))
    born("六十", datetime.date(1964, 6, 1))
    born("差一天六十", datetime.date(1964, 6, 2))
    born("闰日", datetime.date(2004, 2, 29))
    born("闰日老人", datetime.date(1964, 2, 29))


def test_person_aged_between_counts_an_18th_birthday_on_the_day(birthdays):
    day = datetime.date(2024, 6, 1)
    adults = _aged(day, 18)
    assert "十八" in adults
    assert "差一天十八" not in adults
    assert "差一天十八" in _aged(day, maximum=17)
    assert "十八" not in _aged(day, maximum=17)


def test_person_aged_between_counts_a_60th_birthday_as_60_plus(birthdays):
    day = datetime.date(2024, 6, 1)
    assert "六十" in _aged(day, 60)
    assert "六十" not in _aged(day, 18, 59)
    assert "差一天六十" in _aged(day, 18, 59)
    assert "差一天六十" not in _aged(day, 60)


def test_person_aged_between_bands_partition_the_register(birthdays):
    day = datetime.date(2024, 6, 1)
    bands = [_aged(day, maximum=17), _aged(day, 18, 59), _aged(day, 60)]
    assert sum(len(band) for band in bands) == Person.objects.count()
    assert set().union(*bands) == set(Person.objects.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("day", "is_adult"),
    [
        (datetime.date(2022, 2, 28), False),  # no 29 February in 2022: still 17 on the 28th
        (datetime.date(2022, 3, 1), True),
        (datetime.date(2021, 2, 28), False),
    ],
)
def test_person_aged_between_29_february_birthday_in_a_common_year(birthdays, day, is_adult):
    assert ("闰日" in _aged(day, 18)) is is_adult
    assert ("闰日" in _aged(day, maximum=17)) is not is_adult


def test_person_aged_between_29_february_birthday_in_a_leap_year(birthdays):
    assert "闰日老人" in _aged(datetime.date(2024, 2, 29), 60)
    assert "闰日老人" not in _aged(datetime.date(2024, 2, 28), 60)


def test_person_aged_between_on_29_february_counts_those_born_on_28_february(world):
    """As of 29 February, someone born on 28 February of a common year had their birthday yesterday."""
    PersonFactory(group=world.group_a, name="二月二十八", birth_date=datetime.date(2006, 2, 28))
    PersonFactory(group=world.group_a, name="三月一日", birth_date=datetime.date(2006, 3, 1))
    assert _aged(datetime.date(2024, 2, 29), 18) == {"二月二十八"}


@pytest.mark.parametrize(
    "day",
    [datetime.date(2021, 2, 28), datetime.date(2022, 3, 1), datetime.date(2024, 2, 29), datetime.date(2024, 6, 1)],
)
def test_person_age_on_agrees_with_aged_between(birthdays, day):
    for person in Person.objects.all():
        age = person.age_on(day)
        assert person.name in _aged(day, age, age)


#
# Masking
#


def test_person_id_number_for_masks_the_number_for_a_worker(world):
    person = PersonFactory(group=world.group_a, birth_date=BORN, sex=Sex.MALE, serial=3)
    number = person.id_number
    assert person.id_number_for(world.worker) == number[:4] + "**********" + number[-4:]


@pytest.mark.parametrize("user", ["worker", "grid_worker", "mediator", "street_leader", "auditor"])
def test_person_id_number_for_masks_the_number_for_every_role_but_the_head(world, user):
    person = PersonFactory(group=world.group_a)
    assert person.id_number_for(getattr(world, user)) == person.masked_id_number != person.id_number


def test_person_id_number_for_shows_the_full_number_to_a_head(world):
    person = PersonFactory(group=world.group_a)
    assert person.id_number_for(world.head) == person.id_number
    assert person.id_number_for(world.superuser) == person.id_number


def test_person_masked_id_number_is_empty_without_a_number(world):
    person = PersonFactory(group=world.group_a, id_type=IdType.OTHER, id_number="")
    assert person.id_number_for(world.worker) == ""
