"""Pages of 就业服务 and 关爱台账: the permission matrix of every URL, the referral flow through the forms,
the overdue list, and the Excel exports (ID numbers masked)."""

from __future__ import annotations

import datetime
import os

import pytest
from django.urls import reverse

from governance.excel import export_to_tempfile, registry
from services.models.care import CareVisit
from services.models.employment import JobSeeker, Referral, ReferralResult, SeekerStatus, TrainingEnrolment
from services.services.employment import enrolment_add
from tests.excel.helpers import as_rows, read_sheet
from tests.matrix import Page
from tests.services import employment_fixtures

pytestmark = pytest.mark.django_db

employment = employment_fixtures.employment
care = employment_fixtures.care


@pytest.fixture
def pages_world(world, population, employment, care):
    world.seeker = employment.seeker
    world.vacancy = employment.cleaner
    world.referral = employment.referral
    world.course = employment.course
    world.enrolment = enrolment_add(actor=world.superuser, course=employment.course, person=population.son)
    world.subject = care.empty_nest
    return world


LISTS = [
    ("jobseeker_list", "seeker"),
    ("vacancy_list", "vacancy"),
    ("referral_list", "seeker"),
    ("trainingcourse_list", "course"),
    ("benefitpayment_list", None),
    ("caresubject_list", "subject"),
    ("caresubject_overdue", None),
]
DETAILS = [
    ("jobseeker_detail", "seeker"),
    ("vacancy_detail", "vacancy"),
    ("trainingcourse_detail", "course"),
    ("caresubject_detail", "subject"),
]
FORMS = [
    ("jobseeker_add", None),
    ("jobseeker_edit", "seeker"),
    ("jobseeker_withdraw", "seeker"),
    ("referral_add", "seeker"),
    ("referral_place", "referral"),
    ("referral_reject", "referral"),
    ("vacancy_add", None),
    ("vacancy_edit", "vacancy"),
    ("trainingcourse_add", None),
    ("trainingcourse_edit", "course"),
    ("trainingenrolment_add", "course"),
    ("trainingenrolment_outcome", "enrolment"),
    ("benefitpayment_add", None),
    ("caresubject_add", None),
    ("caresubject_edit", "subject"),
    ("carevisit_add", "subject"),
]
EDITORS_ELSEWHERE = ("other_head",)

PAGES = [
    *(Page(f"services:{name}", hides=hides, allowed="worker", denied="norole") for name, hides in LISTS),
    *(Page(f"services:{name}", hides=hides, allowed="street_leader", denied="mediator") for name, hides in LISTS[:1]),
    *(Page(f"services:{name}", obj=obj, allowed="worker", denied="norole") for name, obj in DETAILS),
    Page("services:caresubject_detail", obj="subject", allowed="grid_worker", denied="mediator"),
    Page("services:jobseeker_detail", obj="seeker", allowed="auditor", denied="norole"),
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="norole", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
    # Street leaders read, but never write.
    *(
        Page(
            f"services:{name}", obj=obj, allowed="head", denied="street_leader", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS[:4]
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


def test_a_grid_worker_does_not_see_care_subjects_of_other_groups(world, care, client):
    client.force_login(world.grid_worker)  # responsible for group_a only
    assert client.get(care.woman.get_absolute_url()).status_code == 404
    listing = client.get(reverse("services:caresubject_list")).content.decode()
    assert care.empty_nest.get_absolute_url() in listing
    assert care.woman.get_absolute_url() not in listing


def test_a_worker_registers_refers_and_places_through_the_forms(world, population, employment, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("services:jobseeker_add"),
        {"person": population.spouse.id_number, "jobless_kind": "laid_off", "registered_on": "2026-04-01"},
    )
    seeker = JobSeeker.objects.get(person=population.spouse)
    assert response.status_code == 302
    assert response.url == seeker.get_absolute_url()
    response = client.post(
        reverse("services:referral_add", kwargs={"pk": seeker.pk}),
        {"vacancy": employment.loader.pk, "referred_at": "2026-04-02T09:00"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get(seeker=seeker)
    response = client.post(
        reverse("services:referral_place", kwargs={"pk": referral.pk}), {"placed_at": "2026-04-01T08:00"}
    )
    assert "上岗时间不能早于介绍时间" in response.content.decode()
    client.post(reverse("services:referral_place", kwargs={"pk": referral.pk}), {"placed_at": "2026-04-03T10:00"})
    assert Referral.objects.get(pk=referral.pk).result == ReferralResult.PLACED
    assert JobSeeker.objects.get(pk=seeker.pk).status == SeekerStatus.EMPLOYED
    page = client.get(seeker.get_absolute_url()).content.decode()
    assert "25.0" in page  # hours from referral to placement
    assert "48小时内" in page


def test_a_worker_logs_a_care_visit_and_the_overdue_list_shows_the_subject_never_visited(world, care, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("services:carevisit_add", kwargs={"pk": care.woman.pk}),
        {"visited_on": "2026-03-10", "kind": "phone", "situation": "电话问候,生活正常。"},
    )
    assert response.status_code == 302
    assert CareVisit.objects.filter(subject=care.woman, visitor=world.worker).exists()
    overdue = client.get(reverse("services:caresubject_overdue")).content.decode()
    assert care.woman.get_absolute_url() in overdue  # last visit 2026-03-10 + 30 days is long past
    assert care.ended.get_absolute_url() not in overdue


def test_the_enrolment_outcome_form(world, population, employment, client):
    enrolment = enrolment_add(actor=world.worker, course=employment.course, person=population.son)
    client.force_login(world.worker)
    client.post(
        reverse("services:trainingenrolment_outcome", kwargs={"pk": enrolment.pk}),
        {"outcome": "certified", "certificate": "中式烹调师五级"},
    )
    assert TrainingEnrolment.objects.get(pk=enrolment.pk).outcome == "certified"


class TestExcel:
    def export(self, code, world, user):
        path, _count = export_to_tempfile(registry.get(code)(community=world.community, user=user))
        try:
            return as_rows(read_sheet(path))
        finally:
            os.unlink(path)

    def test_seekers_export_masks_id_numbers(self, world, population, employment):
        header, data = self.export("services-job-seekers", world, world.worker)
        assert header[:4] == ["姓名", "证件号码", "居民小组", "人员类别"]
        assert [row["姓名"] for row in data] == ["张伟", "王芳"]  # not the neighbour's 赵强
        assert data[0]["证件号码"] == population.son.masked_id_number

    def test_referrals_export_has_the_time_to_placement(self, world, population, employment):
        from services.services.employment import referral_place
        from tests.services.employment_fixtures import at

        referral_place(actor=world.worker, referral=employment.referral, placed_at=at(2026, 3, 7, 15))
        _header, data = self.export("services-referrals", world, world.worker)
        row = data[0]
        assert (row["岗位"], row["结果"], row["介绍至上岗(小时)"], row["48小时内上岗"]) == (
            "保洁员",
            "已上岗",
            "30",
            "是",
        )

    def test_care_exports(self, world, population, care):
        _header, subjects = self.export("services-care-subjects", world, world.worker)
        assert {row["姓名"] for row in subjects} == {"李秀英", "王芳", "张建国"}
        spouse = next(row for row in subjects if row["姓名"] == "李秀英")
        assert spouse["证件号码"] == population.spouse.masked_id_number
        assert spouse["最近走访"] == "2026-03-05"
        _header, visits = self.export("services-care-visits", world, world.worker)
        assert [(row["走访日期"].date(), row["方式"]) for row in visits] == [
            (datetime.date(2026, 2, 10), "走访"),
            (datetime.date(2026, 3, 5), "电话"),
        ]
