"""A form field that picks a person of the register the way staff name people: by 身份证号.

A select of every resident is useless at a thousand names; staff type the ID number (or paste it),
and the field finds the person inside the user's scope. Used by the registers that hang off a
person (帮教, 矫正, dispute parties, petitioners …).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from residents.choices import PersonStatus
from residents.validators import normalise_id_number


class PersonField(forms.CharField):
    """Accepts a full 身份证号 (15-digit numbers upgraded) and returns the visible ``Person``.

    Call ``limit_to(user)`` from the form's ``__init__`` (as ``restrict_choices`` does for model
    choices); until then every lookup fails closed.
    """

    default_error_messages = {
        "not_found": "在您的管辖范围内没有证件号码为 %(number)s 的人员。",
        "not_active": "%(person)s 已不在册(%(status)s)。",
    }

    def __init__(self, *, active_only: bool = True, **kwargs):
        kwargs.setdefault("max_length", 18)
        kwargs.setdefault("help_text", "填写身份证号码。")
        super().__init__(**kwargs)
        self.active_only = active_only
        self.queryset = None

    def limit_to(self, user) -> None:
        from residents.models import Person

        self.queryset = Person.objects.visible_to(user)

    def prepare_value(self, value):
        # An initial Person (editing a record) shows as its number.
        return getattr(value, "id_number", value)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        number = normalise_id_number(text)
        person = self.queryset.filter(id_number=number).first() if self.queryset is not None else None
        if person is None:
            raise ValidationError(self.error_messages["not_found"], code="not_found", params={"number": number})
        if self.active_only and person.status != PersonStatus.ACTIVE:
            raise ValidationError(
                self.error_messages["not_active"],
                code="not_active",
                params={"person": person.name, "status": person.get_status_display()},
            )
        return person
