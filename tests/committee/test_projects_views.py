"""Pages of the projects area: the permission matrix of every URL (grid workers hold no committee permission
here), the project form in 万元, status steps through the page, documents and attachments served only through
the scoped pages, the 小组建设 and 共驻共建 pages, and the list filters."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committee.models.projects import Award, ConstructionProject, ProjectDocument, ProjectStatus, UnitContribution
from committee.services.projects import award_save, project_document_add
from tests.committee import projects_fixtures
from tests.matrix import Page

pytestmark = pytest.mark.django_db

projects = projects_fixtures.projects


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def pages_world(world, projects, media):
    document = ProjectDocument(project=projects.p1, title="验收申请", kind="document")
    document.file.save("验收申请.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    world.document = project_document_add(actor=world.worker, document=document)
    award = projects.a1
    award.attachment.save("表彰文件.pdf", ContentFile(b"%PDF-1.4 award"), save=False)
    world.award = award_save(actor=world.worker, award=award)
    world.project = projects.p1
    world.building = projects.p3
    world.contribution = projects.c1
    return world


LISTS = [
    ("constructionproject_list", "project"),
    ("award_list", "award"),
    ("unitcontribution_list", "contribution"),
    ("group_building", "project"),
    ("cobuilding", None),
]
DETAILS = [
    ("constructionproject_detail", "project"),
    ("projectdocument_file", "document"),
    ("award_detail", "award"),
    ("award_attachment", "award"),
    ("unitcontribution_detail", "contribution"),
]
FORMS = [
    ("constructionproject_add", None),
    ("constructionproject_edit", "project"),
    ("constructionproject_advance", "building"),
    ("projectdocument_add", "project"),
    ("award_add", None),
    ("award_edit", "award"),
    ("unitcontribution_add", None),
    ("unitcontribution_edit", "contribution"),
]
EDITORS_ELSEWHERE = ("other_head",)

PAGES = [
    *(Page(f"committee:{name}", hides=hides, allowed="worker", denied="norole") for name, hides in LISTS),
    # A street leader's 小组建设 and 共驻共建 pages open on the first community of the street (here 朵亩).
    *(
        Page(
            f"committee:{name}",
            hides=hides if name.endswith("_list") else None,
            allowed="street_leader",
            denied="grid_worker",
        )
        for name, hides in LISTS
    ),
    *(Page(f"committee:{name}", obj=obj, allowed="worker", denied="grid_worker") for name, obj in DETAILS),
    *(Page(f"committee:{name}", obj=obj, allowed="auditor", denied="mediator") for name, obj in DETAILS),
    *(
        Page(
            f"committee:{name}", obj=obj, allowed="worker", denied="grid_worker", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS
    ),
    *(
        Page(f"committee:{name}", obj=obj, allowed="head", denied="auditor", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
    *(
        Page(
            f"committee:{name}", obj=obj, allowed="head", denied="street_leader", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


def project_data(**overrides):
    data = {
        "title": "陡咀村庄绿化",
        "kind": "village_greening",
        "groups": [],
        "investment_wan": "10",
        "quantity": "1000",
        "unit": "㎡",
        "spec": "",
        "funding_source": "unstated",
        "planned_for": "",
        "description": "",
    }
    return {**data, **overrides}


class TestProjectPages:
    def test_a_worker_registers_a_project_in_wan_and_sees_it_in_wan(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:constructionproject_add"),
            project_data(groups=[world.group_b.pk], investment_wan="28.7", quantity="4100", spec="宽2米,成块石路面"),
        )
        project = ConstructionProject.objects.get(title="陡咀村庄绿化")
        assert response.status_code == 302
        assert response.url == project.get_absolute_url()
        assert (project.community, project.investment, project.status) == (
            world.community,
            Decimal("287000.00"),
            ProjectStatus.PLANNED,
        )
        assert list(project.groups.all()) == [world.group_b]
        page = client.get(project.get_absolute_url()).content.decode()
        assert "28.7 万元" in page
        assert "287000.00 元" in page
        assert "4100㎡" in page

    def test_the_edit_form_shows_the_investment_in_wan_and_only_the_dates_reached(self, world, projects, client):
        client.force_login(world.worker)
        url = reverse("committee:constructionproject_edit", kwargs={"pk": projects.p3.pk})  # 施工中
        form = client.get(url).context["form"]
        assert form["investment_wan"].value() is None
        assert {"approved_on", "started_on"} <= set(form.fields)
        assert not {"completed_on", "accepted_on"} & set(form.fields)
        form = client.get(reverse("committee:constructionproject_edit", kwargs={"pk": projects.p1.pk})).context["form"]
        assert str(form["investment_wan"].value()) == "7.5"

    def test_a_negative_investment_and_another_communitys_group_are_refused(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:constructionproject_add"),
            project_data(investment_wan="-1", groups=[world.other_group.pk]),
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["investment_wan"] == ["确保该值大于或等于0。"]
        assert "groups" in errors
        assert not ConstructionProject.objects.filter(title="陡咀村庄绿化").exists()

    def test_advancing_several_steps_through_the_page(self, world, projects, client):
        client.force_login(world.worker)
        url = reverse("committee:constructionproject_advance", kwargs={"pk": projects.p5.pk})  # 计划
        response = client.post(url, {"to": "building", "approved_on": "2026-05-01", "started_on": ""})
        assert response.status_code == 200
        assert "请填写开工日期。" in response.content.decode()
        assert ConstructionProject.objects.get(pk=projects.p5.pk).status == ProjectStatus.PLANNED

        response = client.post(url, {"to": "building", "approved_on": "2026-05-01", "started_on": "2026-06-01"})
        assert response.status_code == 302
        project = ConstructionProject.objects.get(pk=projects.p5.pk)
        assert (project.status, project.approved_on, project.started_on) == (
            ProjectStatus.BUILDING,
            datetime.date(2026, 5, 1),
            datetime.date(2026, 6, 1),
        )
        # Only later statuses are offered: nothing goes back.
        choices = [value for value, _ in client.get(url).context["form"].fields["to"].choices]
        assert choices == ["completed", "accepted"]

    def test_an_accepted_project_has_no_next_step(self, world, projects, client):
        client.force_login(world.worker)
        assert (
            client.get(reverse("committee:constructionproject_advance", kwargs={"pk": projects.p2.pk})).status_code
            == 404
        )

    def test_a_document_is_uploaded_and_downloaded_through_the_pages(self, world, projects, media, client):
        client.force_login(world.worker)
        upload = SimpleUploadedFile("施工照片.jpg", b"\xff\xd8jpeg", content_type="image/jpeg")
        response = client.post(
            reverse("committee:projectdocument_add", kwargs={"pk": projects.p1.pk}),
            {"kind": "photo", "title": "", "file": upload},
        )
        assert response.status_code == 302
        document = ProjectDocument.objects.get(project=projects.p1)
        assert (document.title, document.uploaded_by) == ("施工照片.jpg", world.worker)
        download = client.get(reverse("committee:projectdocument_file", kwargs={"pk": document.pk}))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"\xff\xd8jpeg"
        client.force_login(world.other_head)
        assert client.get(reverse("committee:projectdocument_file", kwargs={"pk": document.pk})).status_code == 404

    def test_list_filters(self, world, projects, client):
        client.force_login(world.worker)
        url = reverse("committee:constructionproject_list")
        completed = client.get(url, {"status": "completed"}).content.decode()
        assert projects.p1.get_absolute_url() in completed
        assert projects.p2.get_absolute_url() not in completed
        zhaizi = client.get(url, {"group": world.group_a.pk}).content.decode()
        assert projects.p3.get_absolute_url() in zhaizi
        assert projects.p4.get_absolute_url() in zhaizi
        assert projects.p1.get_absolute_url() not in zhaizi
        assert projects.p2.get_absolute_url() in client.get(url, {"finished_year": "2025"}).content.decode()
        page = client.get(url).content.decode()
        assert "53.5 万元" in page  # the community total above the list


class TestGroupBuilding:
    def test_each_group_with_its_highlight_projects_and_honours(self, world, projects, client):
        group = world.group_b
        group.highlight = "投资55万元完成五个项目,等待验收。"
        group.save()
        client.force_login(world.worker)
        response = client.get(reverse("committee:group_building"))
        page = response.content.decode()
        assert [row.name for row in response.context["rows"]] == ["寨子", "岔河", "全社区"]
        assert "投资55万元完成五个项目,等待验收。" in page
        assert "法治居民小组" in page
        assert "区级文明村(待命名)" in page
        # Workers read the groups; editing the highlight is the head's (governance's group form).
        edit = reverse("governance:residentgroup_edit", kwargs={"pk": group.pk})
        assert edit not in page
        client.force_login(world.head)
        assert edit in client.get(reverse("committee:group_building")).content.decode()

    def test_a_street_leader_picks_a_community_of_the_street(self, world, projects, client):
        client.force_login(world.street_leader)
        url = reverse("committee:group_building")
        page = client.get(url, {"community": world.other_community.pk}).content.decode()
        assert projects.other_project.get_absolute_url() in page
        assert projects.p1.get_absolute_url() not in page
        assert client.get(url, {"community": world.far_community.pk}).status_code == 404


class TestHonoursAndCobuilding:
    def test_an_honour_of_a_resident_by_id_number(self, world, population, client):
        client.force_login(world.worker)
        data = {
            "subject": "person",
            "group": "",
            "person": population.spouse.id_number,
            "title": "五好文明家庭",
            "level": "community",
            "stage": "awarded",
            "year": "2026",
            "awarded_on": "2026-03-08",
            "awarding_body": "箐口居委会",
            "document_number": "",
            "note": "",
        }
        response = client.post(reverse("committee:award_add"), data)
        award = Award.objects.get(title="五好文明家庭")
        assert response.status_code == 302
        assert (award.person, award.group, award.community) == (population.spouse, None, world.community)
        # Editing keeps the resident when the number is left blank (it is not shown back).
        response = client.post(
            reverse("committee:award_edit", kwargs={"pk": award.pk}), {**data, "person": "", "note": "三八节表彰"}
        )
        assert response.status_code == 302
        award.refresh_from_db()
        assert (award.person, award.note) == (population.spouse, "三八节表彰")

    def test_a_group_honour_needs_its_group(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:award_add"),
            {
                "subject": "group",
                "group": "",
                "title": "示范居民小组",
                "level": "community",
                "stage": "awarded",
                "year": "2026",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["group"] == ["请选择获奖的居民小组。"]

    def test_only_co_builder_units_are_offered(self, world, projects, client):
        client.force_login(world.worker)
        units = list(client.get(reverse("committee:unitcontribution_add")).context["form"].fields["unit"].queryset)
        assert {unit.name for unit in units} == {"箐口卫生所", "箐口完全小学", "箐口加工厂"}

    def test_a_contribution_through_the_form(self, world, projects, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:unitcontribution_add"),
            {
                "unit": projects.factory.pk,
                "year": "2026",
                "date": "2026-08-01",
                "kind": "joint_activity",
                "description": "联合举办农民丰收节",
                "amount": "",
                "beneficiaries": "300",
                "note": "",
            },
        )
        assert response.status_code == 302
        contribution = UnitContribution.objects.get(description="联合举办农民丰收节")
        assert (contribution.community, contribution.unit, contribution.beneficiaries) == (
            world.community,
            projects.factory,
            300,
        )

    def test_the_cobuilding_page_of_a_year(self, world, projects, client):
        client.force_login(world.worker)
        response = client.get(reverse("committee:cobuilding"), {"year": "2026"})
        figures = response.context["figures"]
        assert (figures.contributions, figures.amount, figures.active_units) == (4, Decimal("1500.50"), 2)
        page = response.content.decode()
        assert projects.c1.get_absolute_url() in page
        assert projects.c5.get_absolute_url() not in page  # 2025
        assert projects.other_contribution.get_absolute_url() not in page
        assert "1500.50 元" in page
        assert client.get(reverse("committee:cobuilding"), {"year": "2025"}).context["figures"].good_deeds == 1
        # 历年汇总 per unit: 加工厂 only in 2025, 卫生所 only in 2026.
        assert response.context["history_years"] == [2026, 2025]
        history = {unit.name: cells for unit, cells in response.context["history"]}
        assert history["箐口加工厂"] == [None, (1, Decimal("12000.00"))]
        assert history["箐口卫生所"] == [(2, Decimal("1000.00")), None]
