import datetime

import pytest
from django.core.exceptions import ValidationError

from residents.fields import PersonField
from residents.services import person_move_out


def field_for(user, **kwargs):
    field = PersonField(**kwargs)
    field.limit_to(user)
    return field


def test_finds_a_visible_person_by_id_number(world, population):
    number = population.spouse.id_number
    assert field_for(world.worker).clean(f" {number.lower()} ") == population.spouse


def test_a_person_of_another_community_is_not_found(world, population):
    with pytest.raises(ValidationError, match="没有证件号码为"):
        field_for(world.worker).clean(population.outsider.id_number)


def test_an_unlimited_field_finds_nobody(world, population):
    with pytest.raises(ValidationError, match="没有证件号码为"):
        PersonField().clean(population.spouse.id_number)


def test_people_who_left_are_refused_unless_allowed(world, population):
    person_move_out(actor=world.superuser, person=population.son, on=datetime.date(2024, 1, 1), place="昆明")
    with pytest.raises(ValidationError, match="已不在册"):
        field_for(world.worker).clean(population.son.id_number)
    assert field_for(world.worker, active_only=False).clean(population.son.id_number) == population.son


def test_blank_is_none_when_optional(world):
    assert field_for(world.worker, required=False).clean("") is None
