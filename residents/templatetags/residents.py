from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def id_number(context, person) -> str:
    """A person's ID number as the signed-in user may see it (masked without residents.view_full_id_number)."""
    return person.id_number_for(context["request"].user) or "—"


@register.filter
def age_on(person, day) -> int:
    return person.age_on(day)


@register.inclusion_tag("residents/_structure.html")
def population_panel(community, as_of=None):
    """Section 一's population figures of ``community`` today (or ``as_of``), with their definitions."""
    from django.utils import timezone

    from residents.selectors import population_structure

    structure = population_structure(as_of=as_of or timezone.localdate(), community=community)
    return {"structure": structure, "community": community}
