"""Links from a person's page to their 帮教 and 社区矫正 cases, for users allowed to see them.

Residents never import safety (DESIGN §3): ``templates/residents/person_detail.html`` includes
``safety/includes/person_cases.html``, which loads this library, behind a permission check.
"""

from __future__ import annotations

from django import template

from safety.models.care import CorrectionCase, RehabCase

register = template.Library()


@register.simple_tag
def person_safety_cases(person, user) -> dict:
    """The person's 帮教 and 矫正 cases that ``user`` may see (none without the view permissions)."""
    result = {"rehab": [], "correction": []}
    if user.has_perm("safety.view_rehabcase"):
        result["rehab"] = list(RehabCase.objects.visible_to(user).filter(person=person).order_by("-started_on"))
    if user.has_perm("safety.view_correctioncase"):
        result["correction"] = list(CorrectionCase.objects.visible_to(user).filter(person=person).order_by("-start_on"))
    return result
