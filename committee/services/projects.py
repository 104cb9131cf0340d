"""Write workflows of the construction projects (建设项目), their documents, honours (荣誉) and the contributions of
共驻共建 units.

A project is registered as 计划 and moves forward one step at a time, each step with its date::

    project_approve   计划 → 已批准          (批准日期)
    project_start     已批准 → 施工中        (开工日期)
    project_complete  施工中 → 完工待验收    (完工日期)
    project_accept    完工待验收 → 已验收/投入使用 (验收日期)

A step is refused from any other status (no skipping a step, never backwards), without its date, with a date
before the previous step's or after today. ``project_advance`` runs the steps up to a later status in one
transaction, each with its own date, for a project entered after the fact. Editing a project never changes its
status; it may correct the dates of the steps already reached, in order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committee.models.projects import (
    DATE_FIELDS,
    STEP_DATES,
    STEP_VERBS,
    Award,
    ConstructionProject,
    ProjectDocument,
    ProjectStatus,
    UnitContribution,
    status_rank,
)
from governance.models import ResidentGroup, User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save

STATUS_BEFORE = {
    ProjectStatus.APPROVED: ProjectStatus.PLANNED,
    ProjectStatus.BUILDING: ProjectStatus.APPROVED,
    ProjectStatus.COMPLETED: ProjectStatus.BUILDING,
    ProjectStatus.ACCEPTED: ProjectStatus.COMPLETED,
}


def _today() -> datetime.date:
    return timezone.localdate()


def _community_of_new(actor: User, instance) -> None:
    if instance.community_id is None:
        instance.community = actor_community(actor)
        if instance.community is None:
            raise ValidationError({"community": "请选择社区。"})


def _check_groups(project: ConstructionProject, groups: list[ResidentGroup]) -> None:
    if any(group.community_id != project.community_id for group in groups):
        raise ValidationError({"groups": "只能选择本社区的居民小组。"})


#
# Construction projects
#


@transaction.atomic
def project_save(*, actor: User, project: ConstructionProject, groups: Iterable[ResidentGroup]) -> ConstructionProject:
    """Register (as 计划, without step dates) or edit a project and its groups.

    An edit keeps the stored status whatever the instance says (only the step services move it) and may correct
    the dates of the steps reached: they stay filled in, in order and not after today."""
    groups = list(groups)
    if project._state.adding:
        _community_of_new(actor, project)
        project.status = ProjectStatus.PLANNED
        for field in DATE_FIELDS:
            setattr(project, field, None)
        reason = "登记建设项目"
    else:
        ensure_visible_to(project, actor)
        project.status = ConstructionProject.objects.values_list("status", flat=True).get(pk=project.pk)
        late = [label for field, label in STEP_DATES.values() if (day := getattr(project, field)) and day > _today()]
        if late:
            raise ValidationError(f"{'、'.join(late)}不能晚于今天。")
        reason = ""
    _check_groups(project, groups)
    return register_save(actor=actor, instance=project, m2m={"groups": groups}, reason=reason)


def _step(*, actor: User, project: ConstructionProject, to: str, on: datetime.date | None) -> ConstructionProject:
    """Move ``project`` one step forward to ``to`` on ``on`` (see the module)."""
    field, label = STEP_DATES[to]
    verb = STEP_VERBS[to]
    expected = ProjectStatus(STATUS_BEFORE[to])
    if project.status != expected:
        current = ProjectStatus(project.status).label
        if status_rank(project.status) >= status_rank(to):
            raise ValidationError(f"项目现为「{current}」,不能再{verb}(状态不能倒退)。")
        raise ValidationError(f"项目现为「{current}」,须先{STEP_VERBS[expected]}才能{verb}。")
    if on is None:
        raise ValidationError({field: f"请填写{label}。"})
    if on > _today():
        raise ValidationError({field: f"{label}不能晚于今天。"})
    previous = STEP_DATES.get(expected)
    if previous is not None and on < getattr(project, previous[0]):
        raise ValidationError({field: f"{label}不能早于{previous[1]}({getattr(project, previous[0]):%Y-%m-%d})。"})
    project.status = to
    setattr(project, field, on)
    return register_save(actor=actor, instance=project, reason=f"{verb}:{ProjectStatus(to).label}")


def _locked(actor: User, project: ConstructionProject) -> ConstructionProject:
    ensure_visible_to(project, actor)
    return ConstructionProject.objects.select_for_update().get(pk=project.pk)


@transaction.atomic
def project_approve(*, actor: User, project: ConstructionProject, on: datetime.date | None) -> ConstructionProject:
    """计划 → 已批准 on ``on`` (批准日期)."""
    return _step(actor=actor, project=_locked(actor, project), to=ProjectStatus.APPROVED, on=on)


@transaction.atomic
def project_start(*, actor: User, project: ConstructionProject, on: datetime.date | None) -> ConstructionProject:
    """已批准 → 施工中 on ``on`` (开工日期, not before the approval)."""
    return _step(actor=actor, project=_locked(actor, project), to=ProjectStatus.BUILDING, on=on)


@transaction.atomic
def project_complete(*, actor: User, project: ConstructionProject, on: datetime.date | None) -> ConstructionProject:
    """施工中 → 完工待验收 on ``on`` (完工日期, not before the start)."""
    return _step(actor=actor, project=_locked(actor, project), to=ProjectStatus.COMPLETED, on=on)


@transaction.atomic
def project_accept(*, actor: User, project: ConstructionProject, on: datetime.date | None) -> ConstructionProject:
    """完工待验收 → 已验收/投入使用 on ``on`` (验收日期, not before the completion)."""
    return _step(actor=actor, project=_locked(actor, project), to=ProjectStatus.ACCEPTED, on=on)


STEP_SERVICES = {
    ProjectStatus.APPROVED: project_approve,
    ProjectStatus.BUILDING: project_start,
    ProjectStatus.COMPLETED: project_complete,
    ProjectStatus.ACCEPTED: project_accept,
}


@transaction.atomic
def project_advance(
    *, actor: User, project: ConstructionProject, to: str, dates: dict[str, datetime.date | None]
) -> ConstructionProject:
    """Run every step from the project's status up to the later status ``to``, each on its date in ``dates``
    (keyed by status): all of them or none."""
    if to not in STEP_SERVICES:
        raise ValidationError({"to": "请选择要推进到的状态。"})
    if status_rank(to) <= status_rank(project.status):
        current = ProjectStatus(project.status).label
        raise ValidationError({"to": f"项目现为「{current}」,只能向后推进,不能倒退或停在原状态。"})
    for status in ProjectStatus.values[status_rank(project.status) + 1 : status_rank(to) + 1]:
        project = STEP_SERVICES[status](actor=actor, project=project, on=dates.get(status))
    return project


@transaction.atomic
def project_document_add(*, actor: User, document: ProjectDocument) -> ProjectDocument:
    """Attach a document or photo to a project of the actor's scope."""
    if document.project_id is None:
        raise ValidationError({"project": "请选择建设项目。"})
    ensure_visible_to(document.project, actor)
    document.community_id = document.project.community_id
    document.uploaded_by = actor
    if not document.title.strip():
        document.title = document.file.name.rsplit("/", 1)[-1] if document.file else ""
    return register_save(actor=actor, instance=document, reason="上传项目资料")


#
# Honours
#


@transaction.atomic
def award_save(*, actor: User, award: Award) -> Award:
    """Record or correct an honour of the community, one of its groups or one of its residents."""
    if award._state.adding:
        _community_of_new(actor, award)
    else:
        ensure_visible_to(award, actor)
    if award.person_id is not None:
        ensure_visible_to(award.person, actor)
    return register_save(actor=actor, instance=award, reason="登记荣誉" if award._state.adding else "")


#
# Co-building
#


@transaction.atomic
def contribution_save(*, actor: User, contribution: UnitContribution) -> UnitContribution:
    """Record or correct a contribution of a 共驻共建 unit of the community; a dated one's year is its date's."""
    if contribution._state.adding:
        _community_of_new(actor, contribution)
    else:
        ensure_visible_to(contribution, actor)
    if contribution.unit_id is None:
        raise ValidationError({"unit": "请选择共建单位。"})
    unit = contribution.unit
    ensure_visible_to(unit, actor)
    if unit.community_id != contribution.community_id:
        raise ValidationError({"unit": "共建单位必须是本社区的驻社区单位。"})
    if not unit.is_co_builder:
        raise ValidationError({"unit": f"「{unit.name}」未登记为共驻共建单位,请先在驻社区单位中勾选“共驻共建单位”。"})
    if contribution.year is None and contribution.date is not None:
        contribution.year = contribution.date.year
    reason = "登记共建贡献" if contribution._state.adding else ""
    return register_save(actor=actor, instance=contribution, reason=reason)
