"""Write workflows of the projects area: the status machine of a project (one step at a time, each with its date,
in order, never backwards, never in the future), project edits, documents, honours and contributions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from committee.models.projects import (
    Award,
    AwardLevel,
    ConstructionProject,
    ContributionKind,
    ProjectDocument,
    ProjectKind,
    ProjectStatus,
    UnitContribution,
)
from committee.services.projects import (
    award_save,
    contribution_save,
    project_accept,
    project_advance,
    project_approve,
    project_complete,
    project_document_add,
    project_save,
    project_start,
)
from tests.committee import projects_fixtures
from tests.committee.projects_fixtures import add_project

pytestmark = pytest.mark.django_db

projects = projects_fixtures.projects
D = datetime.date


def messages(error: ValidationError) -> list[str]:
    return error.messages


@pytest.fixture
def plan(world):
    return add_project(world.worker, world.community, "陡咀公厕", ProjectKind.PUBLIC_TOILET, [world.group_b],
                       investment="6", quantity="40", unit="㎡")  # fmt: skip


class TestStatusSteps:
    def test_a_new_project_is_planned_without_step_dates_whatever_it_says(self, world):
        project = ConstructionProject(
            title="岔河牌坊",
            kind=ProjectKind.ARCHWAY,
            status=ProjectStatus.ACCEPTED,
            accepted_on=D(2026, 1, 1),
        )
        project = project_save(actor=world.worker, project=project, groups=[world.group_b])
        assert (project.community, project.status, project.accepted_on) == (world.community, "planned", None)
        assert project.history.latest().history_change_reason == "登记建设项目"

    def test_each_step_in_order_with_its_date(self, world, plan):
        plan = project_approve(actor=world.worker, project=plan, on=D(2026, 3, 10))
        plan = project_start(actor=world.worker, project=plan, on=D(2026, 4, 1))
        plan = project_complete(actor=world.worker, project=plan, on=D(2026, 9, 18))
        plan = project_accept(actor=world.worker, project=plan, on=D(2026, 10, 8))
        stored = ConstructionProject.objects.get(pk=plan.pk)
        assert stored.status == ProjectStatus.ACCEPTED
        assert (stored.approved_on, stored.started_on, stored.completed_on, stored.accepted_on) == (
            D(2026, 3, 10),
            D(2026, 4, 1),
            D(2026, 9, 18),
            D(2026, 10, 8),
        )
        reasons = [record.history_change_reason for record in stored.history.order_by("history_id")]
        assert reasons[-4:] == ["批准:已批准", "开工:施工中", "完工:完工待验收", "验收:已验收/投入使用"]

    def test_a_step_cannot_be_skipped(self, world, plan):
        with pytest.raises(ValidationError) as error:
            project_start(actor=world.worker, project=plan, on=D(2026, 4, 1))
        assert messages(error.value) == ["项目现为「计划」,须先批准才能开工。"]
        assert ConstructionProject.objects.get(pk=plan.pk).status == ProjectStatus.PLANNED

    def test_no_step_backwards_or_twice(self, world, plan):
        plan = project_approve(actor=world.worker, project=plan, on=D(2026, 3, 10))
        plan = project_start(actor=world.worker, project=plan, on=D(2026, 4, 1))
        with pytest.raises(ValidationError) as error:
            project_approve(actor=world.worker, project=plan, on=D(2026, 4, 2))
        assert messages(error.value) == ["项目现为「施工中」,不能再批准(状态不能倒退)。"]
        with pytest.raises(ValidationError) as error:
            project_start(actor=world.worker, project=plan, on=D(2026, 4, 2))
        assert messages(error.value) == ["项目现为「施工中」,不能再开工(状态不能倒退)。"]

    def test_a_step_needs_its_date_not_before_the_previous_one_nor_in_the_future(self, world, plan):
        with pytest.raises(ValidationError) as error:
            project_approve(actor=world.worker, project=plan, on=None)
        assert error.value.message_dict == {"approved_on": ["请填写批准日期。"]}
        plan = project_approve(actor=world.worker, project=plan, on=D(2026, 3, 10))
        with pytest.raises(ValidationError) as error:
            project_start(actor=world.worker, project=plan, on=D(2026, 3, 9))
        assert error.value.message_dict == {"started_on": ["开工日期不能早于批准日期(2026-03-10)。"]}
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            project_start(actor=world.worker, project=plan, on=tomorrow)
        assert error.value.message_dict == {"started_on": ["开工日期不能晚于今天。"]}

    def test_advance_runs_every_step_or_none(self, world, plan):
        dates = {ProjectStatus.APPROVED: D(2026, 3, 10), ProjectStatus.BUILDING: D(2026, 4, 1)}
        with pytest.raises(ValidationError) as error:
            project_advance(actor=world.worker, project=plan, to=ProjectStatus.COMPLETED, dates=dates)
        assert error.value.message_dict == {"completed_on": ["请填写完工日期。"]}
        stored = ConstructionProject.objects.get(pk=plan.pk)
        assert (stored.status, stored.approved_on) == (ProjectStatus.PLANNED, None)  # rolled back

        dates[ProjectStatus.COMPLETED] = D(2026, 9, 1)
        plan = project_advance(actor=world.worker, project=plan, to=ProjectStatus.COMPLETED, dates=dates)
        assert (plan.status, plan.completed_on) == (ProjectStatus.COMPLETED, D(2026, 9, 1))
        with pytest.raises(ValidationError) as error:
            project_advance(actor=world.worker, project=plan, to=ProjectStatus.BUILDING, dates=dates)
        assert error.value.message_dict == {"to": ["项目现为「完工待验收」,只能向后推进,不能倒退或停在原状态。"]}

    def test_another_communitys_worker_cannot_move_a_project(self, world, plan):
        with pytest.raises(PermissionDenied):
            project_approve(actor=world.other_worker, project=plan, on=D(2026, 3, 10))


class TestProjectEdit:
    def test_an_edit_keeps_the_status_and_corrects_dates_in_order(self, world, projects):
        project = ConstructionProject.objects.get(pk=projects.p1.pk)
        project.status = ProjectStatus.PLANNED  # a tampered instance does not move the status
        project.started_on = D(2026, 3, 1)  # before its approval (03-10)
        with pytest.raises(ValidationError) as error:
            project_save(actor=world.worker, project=project, groups=[world.group_b])
        assert error.value.message_dict == {"started_on": ["开工日期不能早于批准日期。"]}

        project = ConstructionProject.objects.get(pk=projects.p1.pk)
        project.started_on = D(2026, 3, 20)
        project.accepted_on = D(2026, 10, 1)  # not accepted yet
        with pytest.raises(ValidationError) as error:
            project_save(actor=world.worker, project=project, groups=[world.group_b])
        assert error.value.message_dict == {"accepted_on": ["项目尚未验收,不能填写验收日期。"]}

        project.accepted_on = None
        project = project_save(actor=world.worker, project=project, groups=[world.group_a, world.group_b])
        stored = ConstructionProject.objects.get(pk=project.pk)
        assert (stored.status, stored.started_on) == (ProjectStatus.COMPLETED, D(2026, 3, 20))
        assert set(stored.groups.all()) == {world.group_a, world.group_b}

    def test_groups_of_another_community_are_refused(self, world):
        project = ConstructionProject(title="跨社区道路", kind=ProjectKind.ROAD_HARDENING)
        with pytest.raises(ValidationError) as error:
            project_save(actor=world.worker, project=project, groups=[world.other_group])
        assert error.value.message_dict == {"groups": ["只能选择本社区的居民小组。"]}

    def test_a_quantity_needs_its_unit_and_a_title_is_unique(self, world, projects):
        project = ConstructionProject(title="老张箐沼气池", kind=ProjectKind.BIOGAS, quantity=Decimal("40"))
        with pytest.raises(ValidationError) as error:
            project_save(actor=world.worker, project=project, groups=[])
        assert error.value.message_dict["unit"] == ["填写了数量,请选择单位。"]
        duplicate = ConstructionProject(title="岔河危房修缮加固", kind=ProjectKind.DILAPIDATED_HOUSING)
        with pytest.raises(ValidationError) as error:
            project_save(actor=world.worker, project=duplicate, groups=[])
        assert "本社区已有同名建设项目。" in error.value.messages


def test_a_document_belongs_to_the_projects_community_and_uploader(world, projects, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = ProjectDocument(project=projects.p1, title="", kind="photo")
    document.file.save("完工照片.jpg", ContentFile(b"jpeg"), save=False)
    document = project_document_add(actor=world.worker, document=document)
    assert (document.community, document.uploaded_by, document.title) == (world.community, world.worker, "完工照片.jpg")
    with pytest.raises(PermissionDenied):
        project_document_add(actor=world.other_worker, document=ProjectDocument(project=projects.p1, title="x"))


class TestAwards:
    def test_an_award_of_the_community_a_group_or_a_person(self, world, population):
        award = award_save(
            actor=world.worker,
            award=Award(title="五好文明家庭", level=AwardLevel.COMMUNITY, year=2026, person=population.householder),
        )
        assert (award.community, award.subject_kind, award.subject_name) == (world.community, "person", "张建国")
        both = Award(title="x", level=AwardLevel.COMMUNITY, year=2026, group=world.group_a, person=population.spouse)
        with pytest.raises(ValidationError) as error:
            award_save(actor=world.worker, award=both)
        assert error.value.message_dict["person"] == ["荣誉只能授予社区、一个居民小组或一位居民之一。"]

    def test_an_award_date_lies_in_its_year_and_a_group_in_its_community(self, world):
        award = Award(title="文明村", level=AwardLevel.CITY, year=2025, awarded_on=datetime.date(2026, 1, 5))
        with pytest.raises(ValidationError) as error:
            award_save(actor=world.worker, award=award)
        assert error.value.message_dict == {"awarded_on": ["日期不在2025年内。"]}
        award = Award(title="文明居民小组", level=AwardLevel.STREET, year=2026, group=world.other_group)
        with pytest.raises(ValidationError) as error:
            award_save(actor=world.worker, award=award)
        assert error.value.message_dict == {"group": ["居民小组必须属于本社区。"]}

    def test_a_resident_of_another_community_is_refused(self, world, population):
        award = Award(title="五好文明家庭", level=AwardLevel.COMMUNITY, year=2026, person=population.outsider)
        with pytest.raises(PermissionDenied):
            award_save(actor=world.worker, award=award)


class TestContributions:
    def test_only_a_co_builder_unit_of_the_community(self, world, projects):
        contribution = UnitContribution(
            unit=projects.builder, year=2026, kind=ContributionKind.DONATION, description="捐赠水泥"
        )
        with pytest.raises(ValidationError) as error:
            contribution_save(actor=world.worker, contribution=contribution)
        assert error.value.message_dict == {
            "unit": ["「箐口建材」未登记为共驻共建单位,请先在驻社区单位中勾选“共驻共建单位”。"]
        }
        contribution.unit = world.other_unit
        with pytest.raises(PermissionDenied):
            contribution_save(actor=world.worker, contribution=contribution)

    def test_a_dated_contribution_lies_in_its_year_and_is_unique_per_unit_and_year(self, world, projects):
        contribution = UnitContribution(
            unit=projects.clinic,
            year=2025,
            date=datetime.date(2026, 2, 1),
            kind=ContributionKind.GOOD_DEED,
            description="义诊",
        )
        with pytest.raises(ValidationError) as error:
            contribution_save(actor=world.worker, contribution=contribution)
        assert error.value.message_dict == {"date": ["日期不在2025年内。"]}
        again = UnitContribution(
            unit=projects.clinic, year=2026, kind=ContributionKind.DONATION, description="重阳节慰问捐款"
        )
        with pytest.raises(ValidationError) as error:
            contribution_save(actor=world.worker, contribution=again)
        assert "该单位本年度已登记同一事项。" in error.value.messages
