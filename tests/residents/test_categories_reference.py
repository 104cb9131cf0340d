"""The default special-population categories are reference data every register refers to by code."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from residents.models import Category
from residents.reference import CATEGORIES


@pytest.mark.django_db(transaction=True)
def test_the_default_categories_survive_a_database_flush():
    """Regression: a transactional test's flush emptied the table the data migration filled, and every
    later test in that process that named a category (低保, 刑释 …) failed."""
    Category.objects.filter(code="dibao").update(name="低保户成员")

    call_command("flush", interactive=False, verbosity=0)

    assert set(Category.objects.values_list("code", flat=True)) == {code for code, *_ in CATEGORIES}
    assert Category.objects.get(code="released").is_sensitive
    assert Category.objects.get(code="dibao").name == "低保对象"


@pytest.mark.django_db
def test_a_renamed_default_category_is_left_alone_by_the_next_migrate():
    Category.objects.filter(code="dibao").update(name="低保户成员")

    call_command("migrate", verbosity=0)

    assert Category.objects.get(code="dibao").name == "低保户成员"
    assert Category.objects.filter(code="dibao").count() == 1
