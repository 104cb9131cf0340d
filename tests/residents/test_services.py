"""Life events of the population register (人口变动), tested against the database.

Each service is checked for its effects on the person, the household-membership periods, the
PopulationEvent it writes and the history row it leaves, then for what it refuses.
"""

from __future__ import annotations

import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from households.choices import HouseholdStatus, HouseholdTagKind
from households.models import Household, HouseholdTag
from households.services import household_create, household_tag_add, household_tag_end
from residents.choices import EventKind, PersonStatus, Relation, ResidenceType, Sex
from residents.models import CategoryMembership, HouseholdMembership, Person, PopulationEvent
from residents.services import (
    household_change_head,
    household_merge,
    household_split,
    membership_add,
    membership_end,
    person_correct,
    person_move_out,
    person_record_birth,
    person_register,
    person_register_death,
    person_transfer,
)
from tests.residents.factories import make_id_number, seeded_category

pytestmark = pytest.mark.django_db

SETTLED = datetime.date(2010, 1, 1)
DAY = datetime.date(2024, 6, 1)
SERIALS = itertools.count(1)


#
# Helpers and fixtures
#


def new_household(actor, group, number, *, on=SETTLED, **fields) -> Household:
    household = Household(
        community=group.community,
        group=group,
        number=number,
        address=f"{group.name}{number}号",
        established_on=on,
        **fields,
    )
    return household_create(actor=actor, household=household)


def new_person(name, born, sex, *, household=None, relation="", **fields) -> Person:
    """An unsaved person with a valid ID number matching ``born`` and ``sex``."""
    return Person(
        name=name,
        birth_date=born,
        sex=sex,
        id_number=make_id_number(born, sex, serial=next(SERIALS)),
        household=household,
        relation=relation,
        **fields,
    )


def register(actor, name, born, sex, household, relation, *, on=SETTLED, **fields) -> Person:
    person = new_person(name, born, sex, household=household, relation=relation, **fields)
    return person_register(actor=actor, person=person, on=on)


def periods(person) -> list[tuple]:
    """(household id, relation, start, end) of every household period of ``person``, oldest first."""
    return list(
        HouseholdMembership.objects.filter(person=person)
        .order_by("start_on", "pk")
        .values_list("household_id", "relation", "start_on", "end_on")
    )


def latest_history(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def refreshed(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def family(world):
    """张家 of group A, settled in 2010: head, spouse, son and daughter-in-law; and a neighbour living alone."""
    actor = world.worker
    home = new_household(actor, world.group_a, "0101")
    neighbour_home = new_household(actor, world.group_a, "0102")
    return SimpleNamespace(
        household=home,
        head=register(actor, "张建国", datetime.date(1960, 3, 2), Sex.MALE, home, Relation.HEAD),
        spouse=register(actor, "李秀英", datetime.date(1962, 7, 20), Sex.FEMALE, home, Relation.SPOUSE),
        son=register(actor, "张伟", datetime.date(1988, 11, 11), Sex.MALE, home, Relation.SON),
        daughter_in_law=register(actor, "赵敏", datetime.date(1989, 4, 4), Sex.FEMALE, home, Relation.CHILD_IN_LAW),
        neighbour_household=neighbour_home,
        neighbour=register(actor, "王磊", datetime.date(1975, 5, 5), Sex.MALE, neighbour_home, Relation.HEAD),
    )


@pytest.fixture
def foreign(world):
    """A household and its head in the neighbouring community, outside the home worker's scope."""
    home = new_household(world.other_worker, world.other_group, "0901")
    return SimpleNamespace(
        household=home,
        head=register(world.other_worker, "朵亩人", datetime.date(1970, 1, 1), Sex.MALE, home, Relation.HEAD),
    )


#
# person_register / person_record_birth
#


def test_person_register_puts_a_person_in_a_household(world):
    """Given an open household of group A, when a worker registers a person into it, then the person
    is on the register from that day, in the household's community, group and grid."""
    household = new_household(world.worker, world.group_a, "0201")

    person = person_register(
        actor=world.worker,
        person=new_person("陈静", datetime.date(1990, 2, 14), Sex.FEMALE, household=household, relation=Relation.HEAD),
        on=DAY,
        document="户口簿",
    )

    person = refreshed(person)
    assert person.status == PersonStatus.ACTIVE
    assert (person.registered_on, person.left_on) == (DAY, None)
    assert (person.community, person.group, person.grid) == (world.community, world.group_a, world.grid)
    assert (person.household, person.relation) == (household, Relation.HEAD)
    assert periods(person) == [(household.pk, Relation.HEAD, DAY, None)]
    event = PopulationEvent.objects.get(person=person)
    assert (event.kind, event.effective_on, event.household, event.document) == (
        EventKind.REGISTER,
        DAY,
        household,
        "户口簿",
    )
    assert (event.community, event.recorded_by) == (world.community, world.worker)
    history = latest_history(person)
    assert (history.history_user, history.history_change_reason) == (world.worker, "登记")


def test_person_register_without_a_household_takes_the_actors_community(world):
    person = person_register(
        actor=world.worker, person=new_person("独居者", datetime.date(1950, 1, 1), Sex.MALE), on=DAY
    )
    assert person.community == world.community
    assert periods(person) == []
    assert PopulationEvent.objects.get(person=person).household is None


def test_person_register_derives_birth_date_and_sex_from_the_id_number(world):
    number = make_id_number(datetime.date(1985, 8, 8), Sex.FEMALE)
    person = person_register(
        actor=world.worker, person=Person(name="刘芳", id_number=number.lower(), group=world.group_b), on=DAY
    )
    person = refreshed(person)
    assert (person.birth_date, person.sex, person.id_number) == (datetime.date(1985, 8, 8), Sex.FEMALE, number)


def test_person_register_records_a_move_in_with_its_origin(world):
    person = person_register(
        actor=world.worker,
        person=new_person("迁入者", datetime.date(1980, 1, 1), Sex.MALE, group=world.group_b),
        on=DAY,
        kind=EventKind.MOVE_IN,
        place="四川省会理县",
    )
    event = PopulationEvent.objects.get(person=person)
    assert (event.kind, event.place) == (EventKind.MOVE_IN, "四川省会理县")
    assert latest_history(person).history_change_reason == "迁入"


def test_person_register_makes_a_float_in_floating(world):
    person = person_register(
        actor=world.worker,
        person=new_person("流入者", datetime.date(1995, 1, 1), Sex.MALE, group=world.group_b),
        on=DAY,
        kind=EventKind.FLOAT_IN,
    )
    assert refreshed(person).residence_type == ResidenceType.FLOATING
    assert PopulationEvent.objects.get(person=person).kind == EventKind.FLOAT_IN


@pytest.mark.parametrize("kind", [EventKind.MOVE_OUT, EventKind.DEATH, EventKind.TRANSFER, "nonsense"])
def test_person_register_refuses_a_kind_that_is_not_an_arrival(world, kind):
    with pytest.raises(ValueError, match="not an arrival"):
        person_register(actor=world.worker, person=new_person("某", SETTLED, Sex.MALE), on=DAY, kind=kind)


def test_person_register_refuses_a_saved_person(world, family):
    with pytest.raises(ValueError, match="new person"):
        person_register(actor=world.worker, person=family.son, on=DAY)


def test_person_register_refuses_a_household_member_without_relation(world, family):
    with pytest.raises(ValidationError) as error:
        person_register(
            actor=world.worker,
            person=new_person("无关系", SETTLED, Sex.MALE, household=family.household),
            on=DAY,
        )
    assert "relation" in error.value.message_dict
    assert not Person.objects.filter(name="无关系").exists()


def test_person_register_refuses_a_second_head(world, family):
    with pytest.raises(ValidationError) as error:
        person_register(
            actor=world.worker,
            person=new_person("第二户主", SETTLED, Sex.MALE, household=family.household, relation=Relation.HEAD),
            on=DAY,
        )
    assert error.value.message_dict["relation"] == ["该户已有户主;如需变更户主,请使用“变更户主”。"]
    assert not Person.objects.filter(name="第二户主").exists()


def test_person_register_refuses_a_closed_household(world, family):
    person_move_out(actor=world.worker, person=family.neighbour, on=DAY)
    with pytest.raises(ValidationError) as error:
        register(world.worker, "晚到者", SETTLED, Sex.MALE, refreshed(family.neighbour_household), Relation.OTHER)
    assert "household" in error.value.message_dict


def test_person_register_refuses_an_id_number_contradicting_the_birth_date(world):
    person = new_person("错号", datetime.date(1980, 1, 1), Sex.MALE, group=world.group_a)
    person.birth_date = datetime.date(1980, 1, 2)
    with pytest.raises(ValidationError) as error:
        person_register(actor=world.worker, person=person, on=DAY)
    assert "birth_date" in error.value.message_dict
    assert not PopulationEvent.objects.exists()


def test_person_register_refuses_a_household_of_another_community(world, foreign):
    with pytest.raises(PermissionDenied):
        register(world.worker, "越界", SETTLED, Sex.MALE, foreign.household, Relation.OTHER)
    assert not Person.objects.filter(name="越界").exists()


def test_person_register_refuses_a_grid_worker_outside_their_group(world):
    household_b = new_household(world.worker, world.group_b, "0301")
    with pytest.raises(PermissionDenied):
        register(world.grid_worker, "岔河人", SETTLED, Sex.MALE, household_b, Relation.HEAD)
    assert not Person.objects.filter(name="岔河人").exists()


def test_person_record_birth_registers_the_baby_from_the_birth_date(world, family):
    born = datetime.date(2024, 3, 10)
    baby = person_record_birth(
        actor=world.worker,
        person=new_person("张小花", born, Sex.FEMALE, household=family.household, relation=Relation.GRANDCHILD),
    )
    baby = refreshed(baby)
    assert (baby.status, baby.registered_on, baby.group) == (PersonStatus.ACTIVE, born, world.group_a)
    assert periods(baby) == [(family.household.pk, Relation.GRANDCHILD, born, None)]
    event = PopulationEvent.objects.get(person=baby)
    assert (event.kind, event.effective_on, event.document, event.recorded_by) == (
        EventKind.BIRTH,
        born,
        "出生医学证明",
        world.worker,
    )
    assert latest_history(baby).history_user == world.worker


def test_person_record_birth_refuses_a_baby_without_household(world):
    with pytest.raises(ValidationError) as error:
        person_record_birth(actor=world.worker, person=new_person("无户婴儿", DAY, Sex.MALE, group=world.group_a))
    assert error.value.message_dict == {"household": ["新生儿须登记在户内。"]}


#
# person_move_out / person_register_death
#


def test_person_move_out_takes_the_person_off_the_register(world, family):
    """Given the son of a family, when he moves out, then he leaves the register and the household
    on that day, the household stays open, and the event says where he went."""
    person_move_out(actor=world.worker, person=family.son, on=DAY, place="昆明市五华区", document="户口迁移证")

    son = refreshed(family.son)
    assert (son.status, son.left_on, son.registered_on) == (PersonStatus.MOVED_OUT, DAY, SETTLED)
    assert son.household == family.household  # the row remembers where they were
    assert periods(son) == [(family.household.pk, Relation.SON, SETTLED, DAY)]
    event = PopulationEvent.objects.get(person=son, kind=EventKind.MOVE_OUT)
    assert (event.effective_on, event.place, event.document, event.household, event.recorded_by) == (
        DAY,
        "昆明市五华区",
        "户口迁移证",
        family.household,
        world.worker,
    )
    history = latest_history(son)
    assert (history.history_user, history.history_change_reason, history.status) == (
        world.worker,
        "迁出",
        PersonStatus.MOVED_OUT,
    )
    assert refreshed(family.household).status == HouseholdStatus.ACTIVE


def test_person_move_out_of_a_floating_resident_is_a_float_out(world, family):
    person_move_out(actor=world.worker, person=family.daughter_in_law, on=DAY, floating=True)
    assert PopulationEvent.objects.filter(person=family.daughter_in_law, kind=EventKind.FLOAT_OUT).exists()
    assert refreshed(family.daughter_in_law).status == PersonStatus.MOVED_OUT


def test_person_move_out_of_the_last_member_closes_the_household(world, family):
    person_move_out(actor=world.worker, person=family.neighbour, on=DAY)

    household = refreshed(family.neighbour_household)
    assert (household.status, household.closed_on) == (HouseholdStatus.CLOSED, DAY)
    history = latest_history(household)
    assert (history.history_user, history.history_change_reason) == (world.worker, "最后一名成员迁出")
    assert Household.objects.active_on(DAY - datetime.timedelta(days=1)).filter(pk=household.pk).exists()
    assert not Household.objects.active_on(DAY).filter(pk=household.pk).exists()


def test_person_move_out_refuses_a_head_whose_household_has_members(world, family):
    with pytest.raises(ValidationError) as error:
        person_move_out(actor=world.worker, person=family.head, on=DAY)
    assert error.value.messages == ["该居民是户主,户内还有其他成员:请先变更户主。"]
    assert refreshed(family.head).status == PersonStatus.ACTIVE
    assert not PopulationEvent.objects.filter(kind=EventKind.MOVE_OUT).exists()


def test_person_move_out_refuses_someone_no_longer_on_the_register(world, family):
    person_move_out(actor=world.worker, person=family.son, on=DAY)
    with pytest.raises(ValidationError, match="已不在册"):
        person_move_out(actor=world.worker, person=family.son, on=DAY + datetime.timedelta(days=1))
    assert refreshed(family.son).left_on == DAY


def test_person_move_out_refuses_a_date_before_registration(world, family):
    with pytest.raises(ValidationError) as error:
        person_move_out(actor=world.worker, person=family.son, on=SETTLED - datetime.timedelta(days=1))
    assert "on" in error.value.message_dict


def test_person_register_death_records_the_death(world, family):
    person_register_death(actor=world.worker, person=family.spouse, on=DAY)

    spouse = refreshed(family.spouse)
    assert (spouse.status, spouse.left_on) == (PersonStatus.DECEASED, DAY)
    assert periods(spouse) == [(family.household.pk, Relation.SPOUSE, SETTLED, DAY)]
    event = PopulationEvent.objects.get(person=spouse, kind=EventKind.DEATH)
    assert (event.effective_on, event.document, event.recorded_by) == (DAY, "死亡证明", world.worker)
    assert (latest_history(spouse).history_user, latest_history(spouse).history_change_reason) == (
        world.worker,
        "死亡",
    )


def test_person_register_death_of_a_lone_head_closes_the_household(world, family):
    person_register_death(actor=world.worker, person=family.neighbour, on=DAY)
    household = refreshed(family.neighbour_household)
    assert (household.status, household.closed_on) == (HouseholdStatus.CLOSED, DAY)
    assert latest_history(household).history_change_reason == "最后一名成员死亡"


def test_person_register_death_refuses_a_head_whose_household_has_members(world, family):
    with pytest.raises(ValidationError):
        person_register_death(actor=world.worker, person=family.head, on=DAY)
    assert refreshed(family.head).status == PersonStatus.ACTIVE


def test_last_member_leaving_after_a_change_of_head_closes_the_household(world, family):
    """Given a family, when every member leaves in turn (the head handed over first), then the
    household closes on the day the last one leaves, and not before."""
    household = family.household
    person_move_out(actor=world.worker, person=family.son, on=datetime.date(2024, 1, 1))
    person_move_out(actor=world.worker, person=family.daughter_in_law, on=datetime.date(2024, 1, 1))
    household_change_head(actor=world.worker, household=household, new_head=family.spouse, on=datetime.date(2024, 2, 1))
    person_register_death(actor=world.worker, person=refreshed(family.head), on=datetime.date(2024, 3, 1))
    assert refreshed(household).status == HouseholdStatus.ACTIVE

    person_move_out(actor=world.worker, person=refreshed(family.spouse), on=datetime.date(2024, 4, 1))

    assert (refreshed(household).status, household.closed_on) == (HouseholdStatus.CLOSED, datetime.date(2024, 4, 1))
    assert not HouseholdMembership.objects.filter(household=household, end_on__isnull=True).exists()


#
# household_create
#


def test_household_create_opens_a_household_in_the_actors_community(world):
    household = household_create(
        actor=world.worker,
        household=Household(
            group=world.group_b, number="0500", address="岔河5号", established_on=DAY, status=HouseholdStatus.CLOSED
        ),
    )
    household = refreshed(household)
    assert (household.community, household.status) == (world.community, HouseholdStatus.ACTIVE)
    history = latest_history(household)
    assert (history.history_user, history.history_change_reason) == (world.worker, "立户")


def test_household_create_refuses_a_duplicate_number_in_the_community(world, family):
    with pytest.raises(ValidationError) as error:
        new_household(world.worker, world.group_b, "0101")
    assert "本社区已有此户号。" in error.value.messages


#
# household_split
#


def test_household_split_moves_members_to_a_new_household(world, family):
    """Given the 张 family, when the son and his wife split off with the son as head, then they form
    a new household of the same group from that day, and the original household keeps its head."""
    new = household_split(
        actor=world.worker,
        household=family.household,
        new_household=Household(number="0103", address="寨子3号"),
        members=[family.daughter_in_law, family.son],
        head=family.son,
        on=DAY,
        relations={family.daughter_in_law.pk: Relation.SPOUSE},
    )

    new = refreshed(new)
    assert (new.community, new.group, new.established_on, new.status) == (
        world.community,
        world.group_a,
        DAY,
        HouseholdStatus.ACTIVE,
    )
    son, daughter_in_law = refreshed(family.son), refreshed(family.daughter_in_law)
    assert (son.household, son.relation, son.status) == (new, Relation.HEAD, PersonStatus.ACTIVE)
    assert (daughter_in_law.household, daughter_in_law.relation) == (new, Relation.SPOUSE)
    assert periods(son) == [
        (family.household.pk, Relation.SON, SETTLED, DAY),
        (new.pk, Relation.HEAD, DAY, None),
    ]
    assert periods(daughter_in_law)[-1] == (new.pk, Relation.SPOUSE, DAY, None)
    event = PopulationEvent.objects.get(kind=EventKind.SPLIT)
    assert (event.household, event.other_household, event.effective_on, event.recorded_by) == (
        family.household,
        new,
        DAY,
        world.worker,
    )
    assert set(event.note.split("、")) == {"张伟", "赵敏"}
    assert (latest_history(son).history_user, latest_history(son).history_change_reason) == (world.worker, "分户")
    assert latest_history(new).history_user == world.worker
    assert refreshed(family.household).status == HouseholdStatus.ACTIVE
    assert set(family.household.members.filter(status=PersonStatus.ACTIVE)) == {family.head, family.spouse}


def test_household_split_gives_other_as_the_default_relation(world, family):
    new = household_split(
        actor=world.worker,
        household=family.household,
        new_household=Household(number="0104", address="寨子4号"),
        members=[family.son, family.daughter_in_law],
        head=family.son,
        on=DAY,
    )
    assert refreshed(family.daughter_in_law).relation == Relation.OTHER
    assert refreshed(family.daughter_in_law).household == new


def _split(world, family, members, head, number="0199"):
    return household_split(
        actor=world.worker,
        household=family.household,
        new_household=Household(number=number, address="寨子99号"),
        members=members,
        head=head,
        on=DAY,
    )


def test_household_split_refuses_a_head_who_does_not_move(world, family):
    with pytest.raises(ValidationError) as error:
        _split(world, family, [family.son], family.daughter_in_law)
    assert "head" in error.value.message_dict


def test_household_split_refuses_someone_of_another_household(world, family):
    with pytest.raises(ValidationError) as error:
        _split(world, family, [family.son, family.neighbour], family.son)
    assert "members" in error.value.message_dict


def test_household_split_refuses_a_member_no_longer_on_the_register(world, family):
    person_move_out(actor=world.worker, person=family.daughter_in_law, on=DAY)
    with pytest.raises(ValidationError):
        _split(world, family, [family.son, refreshed(family.daughter_in_law)], family.son)


def test_household_split_refuses_to_split_off_every_member(world, family):
    everyone = [family.head, family.spouse, family.son, family.daughter_in_law]
    with pytest.raises(ValidationError) as error:
        _split(world, family, everyone, family.son)
    assert error.value.message_dict["members"] == ["不能把全部成员分出;如需迁移整户,请使用并户或迁出。"]
    assert not Household.objects.filter(number="0199").exists()
    assert refreshed(family.son).household == family.household


def test_household_split_refuses_the_original_head(world, family):
    with pytest.raises(ValidationError) as error:
        _split(world, family, [family.head, family.son], family.son)
    assert error.value.message_dict["members"] == ["原户主不能分出;请先变更原户户主。"]


def test_household_split_refuses_an_empty_split(world, family):
    with pytest.raises(ValidationError):
        _split(world, family, [], family.son)


def test_household_split_refuses_another_communitys_household(world, foreign):
    with pytest.raises(PermissionDenied):
        household_split(
            actor=world.worker,
            household=foreign.household,
            new_household=Household(number="0999", address="朵亩9号"),
            members=[foreign.head],
            head=foreign.head,
            on=DAY,
        )


#
# household_merge
#


def test_household_merge_moves_every_member_and_closes_the_source(world, family):
    """Given the 张 family and their neighbour, when the family merges into the neighbour's household,
    then all four join it (the former head as 其他) and the family's household closes that day."""
    source, target = family.household, family.neighbour_household

    household_merge(actor=world.worker, source=source, target=target, on=DAY)

    members = {p.name: p.relation for p in Person.objects.filter(household=target, status=PersonStatus.ACTIVE)}
    assert members == {
        "王磊": Relation.HEAD,
        "张建国": Relation.OTHER,
        "李秀英": Relation.SPOUSE,
        "张伟": Relation.SON,
        "赵敏": Relation.CHILD_IN_LAW,
    }
    assert periods(family.head) == [
        (source.pk, Relation.HEAD, SETTLED, DAY),
        (target.pk, Relation.OTHER, DAY, None),
    ]
    source = refreshed(source)
    assert (source.status, source.closed_on) == (HouseholdStatus.CLOSED, DAY)
    assert latest_history(source).history_user == world.worker
    event = PopulationEvent.objects.get(kind=EventKind.MERGE)
    assert (event.household, event.other_household, event.effective_on, event.recorded_by) == (
        target,
        source,
        DAY,
        world.worker,
    )
    assert latest_history(refreshed(family.spouse)).history_change_reason == "并户"


def test_household_merge_refuses_the_household_itself(world, family):
    with pytest.raises(ValidationError) as error:
        household_merge(actor=world.worker, source=family.household, target=family.household, on=DAY)
    assert error.value.messages == ["不能与本户合并。"]
    assert refreshed(family.household).status == HouseholdStatus.ACTIVE


def test_household_merge_refuses_a_household_of_another_community_for_a_worker(world, family, foreign):
    with pytest.raises(PermissionDenied):
        household_merge(actor=world.worker, source=family.household, target=foreign.household, on=DAY)
    assert refreshed(family.head).household == family.household


@pytest.mark.parametrize("actor", ["street_leader", "superuser"])
def test_household_merge_refuses_another_community_even_to_who_sees_both(world, family, foreign, actor):
    with pytest.raises(ValidationError) as error:
        household_merge(actor=getattr(world, actor), source=family.household, target=foreign.household, on=DAY)
    assert error.value.messages == ["只能与本社区的户合并。"]
    assert refreshed(family.head).household == family.household


def test_household_merge_refuses_a_closed_target(world, family):
    person_move_out(actor=world.worker, person=family.neighbour, on=DAY)
    with pytest.raises(ValidationError):
        household_merge(
            actor=world.worker,
            source=family.household,
            target=refreshed(family.neighbour_household),
            on=DAY + datetime.timedelta(days=1),
        )


def test_household_merge_refuses_a_closed_source(world, family):
    closed_on = datetime.date(2015, 1, 1)
    person_move_out(actor=world.worker, person=family.neighbour, on=closed_on)
    source = refreshed(family.neighbour_household)
    try:
        with pytest.raises(ValidationError):
            household_merge(actor=world.worker, source=source, target=family.household, on=DAY)
    finally:
        assert refreshed(source).closed_on == closed_on


#
# household_change_head
#


def test_household_change_head_hands_over_and_keeps_the_former_head(world, family):
    household_change_head(
        actor=world.worker,
        household=family.household,
        new_head=family.son,
        on=DAY,
        former_head_relation=Relation.PARENT,
    )

    head, son = refreshed(family.head), refreshed(family.son)
    assert (son.relation, son.household) == (Relation.HEAD, family.household)
    assert (head.relation, head.household, head.status) == (Relation.PARENT, family.household, PersonStatus.ACTIVE)
    assert periods(head) == [
        (family.household.pk, Relation.HEAD, SETTLED, DAY),
        (family.household.pk, Relation.PARENT, DAY, None),
    ]
    assert periods(son)[-1] == (family.household.pk, Relation.HEAD, DAY, None)
    event = PopulationEvent.objects.get(kind=EventKind.HEAD_CHANGE)
    assert (event.person, event.household, event.effective_on, event.note, event.recorded_by) == (
        son,
        family.household,
        DAY,
        "原户主:张建国",
        world.worker,
    )
    assert (latest_history(son).history_user, latest_history(son).history_change_reason) == (
        world.worker,
        "变更户主",
    )
    assert family.household.members.filter(relation=Relation.HEAD, status=PersonStatus.ACTIVE).get() == son


def test_household_change_head_of_a_household_without_head(world, family):
    household = new_household(world.worker, world.group_a, "0110")
    member = register(world.worker, "无户主户成员", SETTLED, Sex.FEMALE, household, Relation.OTHER)
    household_change_head(actor=world.worker, household=household, new_head=member, on=DAY)
    assert refreshed(member).relation == Relation.HEAD
    assert PopulationEvent.objects.get(kind=EventKind.HEAD_CHANGE).note == ""


def test_household_change_head_refuses_the_current_head(world, family):
    with pytest.raises(ValidationError) as error:
        household_change_head(actor=world.worker, household=family.household, new_head=family.head, on=DAY)
    assert error.value.message_dict == {"new_head": ["该成员已是户主。"]}


def test_household_change_head_refuses_someone_of_another_household(world, family):
    with pytest.raises(ValidationError) as error:
        household_change_head(actor=world.worker, household=family.household, new_head=family.neighbour, on=DAY)
    assert "new_head" in error.value.message_dict
    assert refreshed(family.neighbour).relation == Relation.HEAD


def test_household_change_head_refuses_a_member_who_left(world, family):
    person_move_out(actor=world.worker, person=family.son, on=DAY)
    with pytest.raises(ValidationError):
        household_change_head(actor=world.worker, household=family.household, new_head=refreshed(family.son), on=DAY)
    assert refreshed(family.head).relation == Relation.HEAD


def test_household_change_head_refuses_head_as_the_former_heads_relation(world, family):
    with pytest.raises(ValidationError) as error:
        household_change_head(
            actor=world.worker,
            household=family.household,
            new_head=family.son,
            on=DAY,
            former_head_relation=Relation.HEAD,
        )
    assert "former_head_relation" in error.value.message_dict
    assert refreshed(family.son).relation == Relation.SON


def test_household_change_head_refuses_another_communitys_household(world, foreign):
    with pytest.raises(PermissionDenied):
        household_change_head(actor=world.worker, household=foreign.household, new_head=foreign.head, on=DAY)


#
# person_transfer
#


def test_person_transfer_moves_a_member_between_households(world, family):
    person_transfer(
        actor=world.worker,
        person=family.son,
        to_household=family.neighbour_household,
        relation=Relation.OTHER,
        on=DAY,
    )

    son = refreshed(family.son)
    assert (son.household, son.relation, son.status) == (
        family.neighbour_household,
        Relation.OTHER,
        PersonStatus.ACTIVE,
    )
    assert periods(son) == [
        (family.household.pk, Relation.SON, SETTLED, DAY),
        (family.neighbour_household.pk, Relation.OTHER, DAY, None),
    ]
    event = PopulationEvent.objects.get(kind=EventKind.TRANSFER)
    assert (event.person, event.household, event.other_household, event.effective_on, event.recorded_by) == (
        son,
        family.neighbour_household,
        family.household,
        DAY,
        world.worker,
    )
    assert (latest_history(son).history_user, latest_history(son).history_change_reason) == (
        world.worker,
        "户间转移",
    )
    assert refreshed(family.household).status == HouseholdStatus.ACTIVE


def test_person_transfer_of_the_last_member_closes_the_source(world, family):
    person_transfer(
        actor=world.worker,
        person=family.neighbour,
        to_household=family.household,
        relation=Relation.OTHER,
        on=DAY,
    )
    source = refreshed(family.neighbour_household)
    assert (source.status, source.closed_on) == (HouseholdStatus.CLOSED, DAY)
    assert latest_history(source).history_change_reason == "成员全部转出"


def test_person_transfer_into_another_group_follows_the_households_group(world, family):
    household_b = new_household(world.worker, world.group_b, "0401")
    person_transfer(actor=world.worker, person=family.son, to_household=household_b, relation=Relation.HEAD, on=DAY)
    assert refreshed(family.son).group == world.group_b


def test_person_transfer_into_a_group_outside_any_grid_leaves_no_stale_grid(world, family):
    assert refreshed(family.son).grid == world.grid
    household_b = new_household(world.worker, world.group_b, "0402")
    person_transfer(actor=world.worker, person=family.son, to_household=household_b, relation=Relation.HEAD, on=DAY)
    son = refreshed(family.son)
    assert son.grid is None or son.group in son.grid.groups.all()


@pytest.mark.parametrize("leave", [person_move_out, person_register_death])
def test_person_transfer_refuses_someone_no_longer_on_the_register(world, family, leave):
    leave(actor=world.worker, person=family.son, on=DAY)
    with pytest.raises(ValidationError) as error:
        person_transfer(
            actor=world.worker,
            person=refreshed(family.son),
            to_household=family.neighbour_household,
            relation=Relation.OTHER,
            on=DAY + datetime.timedelta(days=1),
        )
    assert error.value.messages == ["不在册的居民不能转移。"]
    assert refreshed(family.son).household == family.household


def test_person_transfer_refuses_the_same_household(world, family):
    with pytest.raises(ValidationError) as error:
        person_transfer(
            actor=world.worker, person=family.son, to_household=family.household, relation=Relation.SON, on=DAY
        )
    assert "to_household" in error.value.message_dict


def test_person_transfer_refuses_a_head_whose_household_has_members(world, family):
    with pytest.raises(ValidationError):
        person_transfer(
            actor=world.worker,
            person=family.head,
            to_household=family.neighbour_household,
            relation=Relation.OTHER,
            on=DAY,
        )
    assert refreshed(family.head).household == family.household


def test_person_transfer_refuses_a_second_head_in_the_target(world, family):
    with pytest.raises(ValidationError) as error:
        person_transfer(
            actor=world.worker,
            person=family.son,
            to_household=family.neighbour_household,
            relation=Relation.HEAD,
            on=DAY,
        )
    assert error.value.message_dict == {"relation": ["目标户已有户主。"]}


def test_person_transfer_refuses_a_closed_household(world, family):
    person_move_out(actor=world.worker, person=family.neighbour, on=DAY)
    with pytest.raises(ValidationError):
        person_transfer(
            actor=world.worker,
            person=family.son,
            to_household=refreshed(family.neighbour_household),
            relation=Relation.HEAD,
            on=DAY,
        )


def test_person_transfer_refuses_a_household_of_another_community(world, family, foreign):
    with pytest.raises(PermissionDenied):
        person_transfer(
            actor=world.worker, person=family.son, to_household=foreign.household, relation=Relation.OTHER, on=DAY
        )
    assert refreshed(family.son).household == family.household


def test_person_transfer_to_another_community_moves_the_same_row(world, family, foreign):
    """One person, one row: moving community is a transfer, done by someone who sees both."""
    person_transfer(
        actor=world.superuser, person=family.son, to_household=foreign.household, relation=Relation.OTHER, on=DAY
    )
    son = refreshed(family.son)
    assert (son.community, son.group, son.household) == (world.other_community, world.other_group, foreign.household)
    assert Person.objects.filter(id_number=son.id_number).count() == 1


#
# person_correct
#


def test_person_correct_fixes_facts_and_keeps_the_reason(world, family):
    person_correct(
        actor=world.worker,
        person=family.son,
        changes={"name": "张伟强", "ethnicity": "彝族"},
        reason="据户口簿更正",
        on=DAY,
    )

    son = refreshed(family.son)
    assert (son.name, son.ethnicity, son.name_pinyin, son.name_initials) == ("张伟强", "彝族", "zhangweiqiang", "zwq")
    event = PopulationEvent.objects.get(kind=EventKind.CORRECTION)
    assert (event.person, event.effective_on, event.household, event.recorded_by) == (
        son,
        DAY,
        family.household,
        world.worker,
    )
    assert event.note == "更正姓名、民族:据户口簿更正"
    history = latest_history(son)
    assert (history.history_user, history.history_change_reason) == (world.worker, "信息更正:据户口簿更正")
    assert Person.objects.search("zwq").get() == son


def test_person_correct_of_the_id_number_checks_it_against_birth_date_and_sex(world, family):
    wrong = make_id_number(datetime.date(1988, 11, 12), Sex.MALE)
    with pytest.raises(ValidationError) as error:
        person_correct(actor=world.worker, person=family.son, changes={"id_number": wrong}, reason="录错", on=DAY)
    assert "birth_date" in error.value.message_dict
    assert not PopulationEvent.objects.filter(kind=EventKind.CORRECTION).exists()


def test_person_correct_of_birth_date_and_id_number_together(world, family):
    born = datetime.date(1988, 11, 12)
    number = make_id_number(born, Sex.MALE, serial=77)
    person_correct(
        actor=world.worker,
        person=family.son,
        changes={"birth_date": born, "id_number": number},
        reason="出生日期录错",
        on=DAY,
    )
    assert (refreshed(family.son).birth_date, family.son.id_number) == (born, number)


def test_person_correct_refuses_an_id_number_registered_to_someone_else(world, family):
    with pytest.raises(ValidationError):
        person_correct(
            actor=world.worker,
            person=family.son,
            changes={"id_number": family.head.id_number, "birth_date": family.head.birth_date},
            reason="录错",
            on=DAY,
        )


@pytest.mark.parametrize("field", ["status", "registered_on", "left_on", "household", "relation", "community"])
def test_person_correct_refuses_fields_that_change_through_life_events(world, family, field):
    value = {
        "status": PersonStatus.DECEASED,
        "registered_on": DAY,
        "left_on": DAY,
        "household": family.neighbour_household,
        "relation": Relation.HEAD,
        "community": world.other_community,
    }[field]
    with pytest.raises(ValueError, match="life events"):
        person_correct(
            actor=world.worker, person=family.son, changes={field: value, "name": "张三"}, reason="试图", on=DAY
        )
    son = refreshed(family.son)
    assert (son.name, son.status, son.household) == ("张伟", PersonStatus.ACTIVE, family.household)


def test_person_correct_refuses_event_fields_given_by_their_column_name(world, family):
    with pytest.raises(ValueError, match="life events"):
        person_correct(
            actor=world.worker,
            person=family.son,
            changes={"household_id": family.neighbour_household.pk},
            reason="试图",
            on=DAY,
        )
    assert refreshed(family.son).household == family.household


@pytest.mark.parametrize("reason", ["", "   "])
def test_person_correct_refuses_an_empty_reason(world, family, reason):
    with pytest.raises(ValidationError) as error:
        person_correct(actor=world.worker, person=family.son, changes={"name": "张三"}, reason=reason, on=DAY)
    assert error.value.message_dict == {"reason": ["请填写更正原因。"]}
    assert refreshed(family.son).name == "张伟"


def test_person_correct_refuses_a_correction_that_changes_nothing(world, family):
    with pytest.raises(ValidationError, match="没有需要更正的内容"):
        person_correct(actor=world.worker, person=family.son, changes={"name": "张伟"}, reason="核对", on=DAY)


#
# membership_add / membership_end
#


category = seeded_category


def test_membership_add_enters_a_person_in_a_category(world, family):
    membership = membership_add(
        actor=world.worker,
        person=family.head,
        category=category("dibao"),
        start_on=DAY,
        source_document="民政局批复",
    )
    membership = refreshed(membership)
    assert (membership.person, membership.community, membership.start_on, membership.end_on) == (
        family.head,
        world.community,
        DAY,
        None,
    )
    assert membership.source_document == "民政局批复"
    assert latest_history(membership).history_user == world.worker


def test_membership_add_refuses_a_category_already_open(world, family):
    membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=SETTLED)
    with pytest.raises(ValidationError) as error:
        membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=DAY)
    assert error.value.message_dict == {"category": ["张建国已在“低保对象”类别中。"]}
    assert CategoryMembership.objects.count() == 1


def test_membership_add_accepts_a_category_again_once_ended(world, family):
    first = membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=SETTLED)
    membership_end(actor=world.worker, membership=first, end_on=datetime.date(2015, 1, 1))
    membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=DAY)
    assert family.head.memberships.count() == 2


def test_membership_add_refuses_a_disability_without_its_type(world, family):
    with pytest.raises(ValidationError) as error:
        membership_add(actor=world.worker, person=family.spouse, category=category("disabled"), start_on=DAY)
    assert error.value.message_dict == {"disability_type": ["请填写残疾类别。"]}
    membership = membership_add(
        actor=world.worker,
        person=family.spouse,
        category=category("disabled"),
        start_on=DAY,
        disability_type="肢体",
        disability_grade="三级",
    )
    assert (membership.disability_type, membership.disability_grade) == ("肢体", "三级")


@pytest.mark.parametrize("actor", ["worker", "grid_worker", "street_leader"])
def test_membership_add_refuses_a_sensitive_category_without_permission(world, family, actor):
    with pytest.raises(PermissionDenied):
        membership_add(actor=getattr(world, actor), person=family.son, category=category("released"), start_on=DAY)
    assert not CategoryMembership.objects.exists()


@pytest.mark.parametrize("actor", ["head", "mediator"])
def test_membership_add_accepts_a_sensitive_category_with_permission(world, family, actor):
    membership = membership_add(
        actor=getattr(world, actor), person=family.son, category=category("correction"), start_on=DAY
    )
    assert latest_history(membership).history_user == getattr(world, actor)


def test_membership_end_closes_the_period(world, family):
    membership = membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=SETTLED)
    membership_end(actor=world.head, membership=membership, end_on=DAY)
    membership = refreshed(membership)
    assert membership.end_on == DAY
    history = latest_history(membership)
    assert (history.history_user, history.history_change_reason) == (world.head, "结束类别登记")
    assert not CategoryMembership.objects.active_on(DAY).exists()
    assert CategoryMembership.objects.active_on(DAY - datetime.timedelta(days=1)).get() == membership


def test_membership_end_refuses_a_membership_already_ended(world, family):
    membership = membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=SETTLED)
    membership_end(actor=world.worker, membership=membership, end_on=DAY)
    with pytest.raises(ValidationError, match="已结束"):
        membership_end(actor=world.worker, membership=membership, end_on=DAY + datetime.timedelta(days=1))
    assert refreshed(membership).end_on == DAY


def test_membership_end_refuses_an_end_before_the_start(world, family):
    membership = membership_add(actor=world.worker, person=family.head, category=category("dibao"), start_on=DAY)
    with pytest.raises(ValidationError) as error:
        membership_end(actor=world.worker, membership=membership, end_on=DAY - datetime.timedelta(days=1))
    assert "结束日期不能早于开始日期。" in error.value.messages
    assert refreshed(membership).end_on is None


def test_membership_end_refuses_a_sensitive_membership_without_permission(world, family):
    membership = membership_add(actor=world.head, person=family.son, category=category("released"), start_on=SETTLED)
    with pytest.raises(PermissionDenied):
        membership_end(actor=world.worker, membership=membership, end_on=DAY)
    assert refreshed(membership).end_on is None


#
# Another community's person
#


def _act_on(service, actor, person, other_household):
    calls = {
        "move_out": lambda: person_move_out(actor=actor, person=person, on=DAY),
        "death": lambda: person_register_death(actor=actor, person=person, on=DAY),
        "transfer": lambda: person_transfer(
            actor=actor, person=person, to_household=other_household, relation=Relation.OTHER, on=DAY
        ),
        "correct": lambda: person_correct(actor=actor, person=person, changes={"name": "改名"}, reason="越界", on=DAY),
        "membership": lambda: membership_add(actor=actor, person=person, category=category("dibao"), start_on=DAY),
    }
    calls[service]()


@pytest.mark.parametrize("service", ["move_out", "death", "transfer", "correct", "membership"])
def test_services_refuse_another_communitys_person(world, family, foreign, service):
    with pytest.raises(PermissionDenied):
        _act_on(service, world.worker, foreign.head, family.neighbour_household)
    head = refreshed(foreign.head)
    assert (head.status, head.name, head.household) == (PersonStatus.ACTIVE, "朵亩人", foreign.household)
    assert not PopulationEvent.objects.filter(person=head).exclude(kind=EventKind.REGISTER).exists()
    assert not CategoryMembership.objects.exists()


@pytest.mark.parametrize("service", ["move_out", "correct", "membership"])
def test_services_refuse_a_grid_worker_outside_their_group(world, service):
    household_b = new_household(world.worker, world.group_b, "0601")
    person = register(world.worker, "岔河居民", datetime.date(1970, 1, 1), Sex.MALE, household_b, Relation.HEAD)
    with pytest.raises(PermissionDenied):
        _act_on(service, world.grid_worker, person, None)
    assert refreshed(person).status == PersonStatus.ACTIVE


#
# Household tags (households.services)
#


def test_household_tag_add_and_end(world, family):
    tag = household_tag_add(
        actor=world.worker, household=family.household, kind=HouseholdTagKind.MINIMUM_ALLOWANCE, start_on=SETTLED
    )
    assert (tag.community, latest_history(tag).history_user) == (world.community, world.worker)
    household_tag_end(actor=world.worker, tag=tag, end_on=DAY)
    assert refreshed(tag).end_on == DAY
    assert latest_history(tag).history_change_reason == "结束户类别"


def test_household_tag_add_refuses_an_open_tag_of_the_same_kind(world, family):
    household_tag_add(
        actor=world.worker, household=family.household, kind=HouseholdTagKind.MINIMUM_ALLOWANCE, start_on=SETTLED
    )
    with pytest.raises(ValidationError) as error:
        household_tag_add(
            actor=world.worker, household=family.household, kind=HouseholdTagKind.MINIMUM_ALLOWANCE, start_on=DAY
        )
    assert error.value.message_dict == {"kind": ["该户已是低保户,请先结束原登记。"]}
    household_tag_add(
        actor=world.worker, household=family.household, kind=HouseholdTagKind.MIGRANT_WORKERS, start_on=DAY
    )
    assert family.household.tags.count() == 2


def test_household_tag_add_refuses_another_communitys_household(world, foreign):
    with pytest.raises(PermissionDenied):
        household_tag_add(actor=world.worker, household=foreign.household, kind=HouseholdTagKind.POOR, start_on=DAY)
    assert not HouseholdTag.objects.exists()


class TestDatesFollowTheRegister:
    """Events cannot be dated before the facts they build on, or as-of figures would contradict each other."""

    def test_registering_before_the_household_was_established_is_refused(self, world, population):
        import datetime

        from django.core.exceptions import ValidationError

        from residents.choices import Relation
        from residents.models import Person as PersonModel
        from residents.services import person_register as register

        with pytest.raises(ValidationError, match="立户日期"):
            register(
                actor=world.head,
                person=PersonModel(
                    name="早登记",
                    sex="M",
                    birth_date=datetime.date(2000, 1, 1),
                    household=population.household,
                    relation=Relation.OTHER,
                ),
                on=datetime.date(2019, 1, 1),
            )

    def test_a_transfer_dated_before_the_current_household_period_is_refused(self, world, population):
        import datetime

        from django.core.exceptions import ValidationError

        from residents.services import person_transfer as transfer

        with pytest.raises(ValidationError, match="变动日期不能早于"):
            transfer(
                actor=world.head,
                person=population.son,
                to_household=population.household_b,
                relation="other",
                on=datetime.date(2019, 6, 1),
            )

    def test_a_category_cannot_start_before_birth(self, world, population):
        import datetime

        from django.core.exceptions import ValidationError

        from residents.models import Category as CategoryModel
        from residents.services import membership_add as add

        with pytest.raises(ValidationError, match="出生日期"):
            add(
                actor=world.head,
                person=population.spouse,
                category=CategoryModel.objects.get(code="empty_nest"),
                start_on=datetime.date(1960, 1, 1),
            )


class TestStaysAcrossCommunities:
    """One person, one row: moving away and coming back, or moving community, keeps the earlier stay countable."""

    def test_a_resident_who_moved_out_comes_back_on_the_same_row(self, world, population):
        import datetime

        from residents.choices import EventKind, Relation
        from residents.models import Person as PersonModel
        from residents.selectors import population_structure
        from residents.services import person_move_out, person_register

        person_move_out(actor=world.head, person=population.son, on=datetime.date(2022, 1, 1), place="昆明市")
        back = person_register(
            actor=world.other_head,
            person=PersonModel(
                name="张伟",
                id_number=population.son.id_number,
                household=population.other_household,
                relation=Relation.OTHER,
            ),
            on=datetime.date(2023, 6, 1),
            kind=EventKind.MOVE_IN,
        )

        assert back.pk == population.son.pk
        assert back.community == world.other_community
        assert back.status == "active"
        assert back.past_stays.get().community == world.community
        # Counted in 箐口 while he lived there, nowhere while away, in 朵亩 since.
        assert population_structure(as_of=datetime.date(2021, 1, 1), community=world.community).people == 4
        assert population_structure(as_of=datetime.date(2022, 6, 1), community=world.community).people == 3
        assert population_structure(as_of=datetime.date(2022, 6, 1), community=world.other_community).people == 1
        assert population_structure(as_of=datetime.date(2024, 1, 1), community=world.other_community).people == 2

    def test_someone_on_the_register_cannot_be_registered_twice(self, world, population):
        import datetime

        from django.core.exceptions import ValidationError

        from residents.choices import Relation
        from residents.models import Person as PersonModel
        from residents.services import person_register

        with pytest.raises(ValidationError):
            person_register(
                actor=world.other_head,
                person=PersonModel(
                    name="张伟",
                    id_number=population.son.id_number,
                    household=population.other_household,
                    relation=Relation.OTHER,
                ),
                on=datetime.date(2023, 6, 1),
            )

    def test_a_transfer_to_another_community_keeps_the_earlier_stay(self, world, population):
        import datetime

        from residents.selectors import population_structure
        from residents.services import person_transfer

        person_transfer(
            actor=world.superuser,
            person=population.son,
            to_household=population.other_household,
            relation="other",
            on=datetime.date(2023, 1, 1),
        )

        assert population_structure(as_of=datetime.date(2022, 1, 1), community=world.community).people == 4
        assert population_structure(as_of=datetime.date(2022, 1, 1), community=world.other_community).people == 1
        assert population_structure(as_of=datetime.date(2023, 6, 1), community=world.community).people == 3
        assert population_structure(as_of=datetime.date(2023, 6, 1), community=world.other_community).people == 2
        kinds = set(population.son.events.values_list("kind", "community__code"))
        assert {("move_out", "qingkou"), ("move_in", "duomu")} <= kinds
