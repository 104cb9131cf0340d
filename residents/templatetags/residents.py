from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def id_number(context, person) -> str:
    """A person's ID number as the signed-in user may see it (masked without residents.view_full_id_number)."""
    return person.id_number_for(context["request"].user) or "—"


@register.filter
def age_on(person, day) -> int:
    return person.age_on(day)
