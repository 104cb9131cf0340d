"""Pages of the care area: the permission matrix of every URL, the purpose-stated access log, and
no leak of released persons to users without the safety role (lists, person pages, exports)."""

from __future__ import annotations

import datetime
import os

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from governance.excel import export_to_tempfile, registry
from governance.models import DataExchangeLog
from residents.models import Category
from safety.models import SensitiveAccess
from safety.models.care import CareTask, RehabCase, RehabStatus, RehabVisit
from safety.services.care import care_tasks_generate
from tests.excel.helpers import as_rows, read_sheet
from tests.matrix import Page
from tests.safety import care_fixtures

pytestmark = pytest.mark.django_db

care = care_fixtures.care


@pytest.fixture
def pages_world(world, care):
    """The world with the care records as attributes, for ``Page(obj=...)``."""
    world.rehab = care.rehab
    world.correction = care.correction
    world.rule = care.rule
    (world.task,) = care_tasks_generate(community=world.community, on=datetime.date(2026, 1, 10))
    return world


LISTS = ["rehabcase_list", "rehabcase_overdue", "correctioncase_list", "correctioncase_overdue", "carerule_list",
         "caretask_list"]  # fmt: skip
DETAILS = [("rehabcase_detail", "rehab"), ("correctioncase_detail", "correction"), ("caretask_detail", "task")]
FORMS = [
    ("rehabcase_add", None),
    ("rehabcase_edit", "rehab"),
    ("rehabcase_end", "rehab"),
    ("rehabcase_reoffence", "rehab"),
    ("rehabvisit_add", "rehab"),
    ("rehabteammember_add", "rehab"),
    ("correctioncase_add", None),
    ("correctioncase_edit", "correction"),
    ("correctioncase_end", "correction"),
    ("correctioncheckin_add", "correction"),
    ("correctionviolation_add", "correction"),
    ("carerule_add", None),
    ("carerule_edit", "rule"),
    ("caretask_complete", "task"),
    ("caretask_generate", None),
]

PAGES = [
    *(Page(f"safety:{name}", allowed="mediator", denied="worker", denied_status=404) for name in LISTS),
    *(Page(f"safety:{name}", obj=obj, allowed="mediator", denied="worker", denied_status=404) for name, obj in DETAILS),
    *(Page(f"safety:{name}", obj=obj, allowed="head", denied="auditor", denied_status=404) for name, obj in DETAILS),
    *(
        Page(f"safety:{name}", obj=obj, allowed="mediator", denied="worker", denied_status=404, post=True)
        for name, obj in FORMS
    ),
    Page("safety:caretask_supervision", allowed="head", denied="mediator", denied_status=404),
    Page("safety:caretask_supervision", allowed="head", denied="worker", denied_status=404),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


@pytest.mark.parametrize("username", ["worker", "auditor", "street_leader", "grid_worker", "norole"])
def test_users_without_the_safety_role_get_404_on_every_care_page(username, pages_world, client):
    client.force_login(getattr(pages_world, username))
    urls = [reverse(f"safety:{name}") for name in LISTS]
    urls += [reverse(f"safety:{name}", args=[getattr(pages_world, obj).pk]) for name, obj in DETAILS]
    urls += [
        reverse(f"safety:{name}", args=[getattr(pages_world, obj).pk]) if obj else reverse(f"safety:{name}")
        for name, obj in FORMS
    ]
    urls.append(reverse("safety:caretask_supervision"))
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"purpose": "核实情况"}).status_code == 404, url
    assert not SensitiveAccess.objects.exists()


class TestAccessLog:
    @pytest.mark.parametrize(
        ("url_name", "record"), [("rehabcase_detail", "rehab"), ("correctioncase_detail", "correction")]
    )
    def test_purpose_first_then_every_view_is_logged(self, client, world, care, url_name, record):
        obj = getattr(care, record)
        url = reverse(f"safety:{url_name}", args=[obj.pk])
        client.force_login(world.mediator)

        asked = client.get(url).content.decode()
        assert "查阅事由" in asked
        assert "盗窃罪" not in asked
        assert "团结司法所" not in asked
        assert "周司法" not in asked
        assert not SensitiveAccess.objects.exists()

        response = client.post(url, {"purpose": "走访帮教"})
        assert response.status_code == 302
        shown = client.get(url).content.decode()
        assert ("盗窃罪" if record == "rehab" else "团结司法所") in shown

        entry = SensitiveAccess.objects.get()
        assert (entry.user, entry.object_id, entry.purpose, entry.community) == (
            world.mediator,
            obj.pk,
            "走访帮教",
            world.community,
        )
        assert entry.content_type.model_class() is type(obj)

        client.get(url)
        assert SensitiveAccess.objects.count() == 2

        client.force_login(world.head)
        log = client.get(reverse("safety:sensitiveaccess_list")).content.decode()
        assert str(obj) in log
        assert "走访帮教" in log

    def test_a_blank_purpose_shows_nothing(self, client, world, care):
        client.force_login(world.mediator)
        url = reverse("safety:rehabcase_detail", args=[care.rehab.pk])

        response = client.post(url, {"purpose": " "})

        assert response.status_code == 200
        assert "请说明查阅事由" in response.content.decode()
        assert "盗窃罪" not in response.content.decode()
        assert not SensitiveAccess.objects.exists()

    def test_the_care_task_asks_for_a_purpose_too(self, client, pages_world):
        client.force_login(pages_world.mediator)
        url = reverse("safety:caretask_detail", args=[pages_world.task.pk])
        assert "查阅事由" in client.get(url).content.decode()
        client.post(url, {"purpose": "核实情况"})
        assert "张伟" in client.get(url).content.decode()
        assert SensitiveAccess.objects.filter(object_id=pages_world.task.pk).count() == 1


class TestLists:
    def test_the_rehab_list_shows_no_offence(self, client, world, care):
        client.force_login(world.mediator)

        content = client.get(reverse("safety:rehabcase_list")).content.decode()

        assert care.rehab.number in content
        assert "张伟" in content
        assert "盗窃罪" not in content
        assert care.other_rehab.get_absolute_url() not in content

    def test_the_overdue_list_has_the_unvisited_case_only(self, client, world, population, care):
        recent = care_fixtures.open_rehab(
            world.mediator, population.spouse, released_on=timezone.localdate() - datetime.timedelta(days=10)
        )
        client.force_login(world.mediator)

        content = client.get(reverse("safety:rehabcase_overdue")).content.decode()

        assert care.rehab.get_absolute_url() in content
        assert "逾期" in content
        assert recent.get_absolute_url() not in content
        assert recent.get_absolute_url() in client.get(reverse("safety:rehabcase_list")).content.decode()

    def test_filters_by_status(self, client, world, care):
        client.force_login(world.mediator)

        content = client.get(reverse("safety:rehabcase_list"), {"status": RehabStatus.COMPLETED}).content.decode()

        assert "张伟" not in content
        assert "没有符合条件的帮教台账" in content

    def test_the_supervision_list_shows_yellow_and_red_cards(self, client, world, care):
        (_task,) = care_tasks_generate(community=world.community, on=datetime.date(2020, 1, 1))
        client.force_login(world.head)

        content = client.get(reverse("safety:caretask_supervision")).content.decode()

        assert "红牌督办" in content
        assert "张伟" in content


class TestForms:
    def test_open_a_case_by_id_number(self, client, world, population):
        client.force_login(world.mediator)

        response = client.post(
            reverse("safety:rehabcase_add"),
            {
                "person": population.householder_b.id_number,
                "kind": "released",
                "released_on": "2025-09-01",
                "offence": "故意伤害罪",
                "visit_frequency": "monthly",
                "employment": "unemployed",
            },
        )

        case = RehabCase.objects.get()
        assert response.status_code == 302
        assert response.url == case.get_absolute_url()
        assert (case.person, case.period_end, case.community) == (
            population.householder_b,
            datetime.date(2030, 9, 1),
            world.community,
        )
        assert population.householder_b.memberships.filter(category__code="released").exists()

    def test_a_person_of_another_community_is_not_found(self, client, world, population):
        client.force_login(world.mediator)

        response = client.post(
            reverse("safety:rehabcase_add"),
            {"person": population.outsider.id_number, "kind": "released", "released_on": "2025-09-01"},
        )

        assert "在您的管辖范围内没有证件号码为" in response.content.decode()
        assert not RehabCase.objects.exists()

    def test_record_a_visit(self, client, world, care):
        client.force_login(world.mediator)

        response = client.post(
            reverse("safety:rehabvisit_add", args=[care.rehab.pk]),
            {"visited_on": "2024-04-05", "kind": "talk", "visitors": "治保主任", "thinking": "稳定"},
        )

        assert response.status_code == 302
        assert RehabVisit.objects.get().visited_on == datetime.date(2024, 4, 5)

    def test_a_refused_transition_shows_its_message(self, client, world, care):
        client.force_login(world.mediator)

        response = client.post(
            reverse("safety:rehabcase_end", args=[care.rehab.pk]), {"status": "completed", "on": "2025-01-01"}
        )

        assert "未满不能期满解除" in response.content.decode()

    def test_complete_a_task(self, client, pages_world):
        client.force_login(pages_world.mediator)

        response = client.post(
            reverse("safety:caretask_complete", args=[pages_world.task.pk]),
            {"done_on": "2026-01-20", "note": "在家,情绪稳定"},
        )

        assert response.status_code == 302
        assert CareTask.objects.filter(done_on__isnull=True).get().due_on == datetime.date(2026, 2, 19)

    def test_generate_tasks_from_the_page(self, client, world, care):
        client.force_login(world.mediator)

        response = client.post(reverse("safety:caretask_generate"), {"on": "2026-01-10"})

        assert response.status_code == 302
        assert CareTask.objects.filter(person=care.rehab.person).count() == 1


class TestNoLeaks:
    """Users without ``residents.view_sensitive_category`` never see the 刑释/矫正 categories or 帮教 links."""

    @pytest.mark.parametrize("username", ["worker", "auditor", "grid_worker", "street_leader"])
    def test_person_pages(self, client, world, care, username):
        client.force_login(getattr(world, username))
        son = care.rehab.person

        detail = client.get(son.get_absolute_url())
        listing = client.get(reverse("residents:person_list")).content.decode()

        if detail.status_code == 200:
            content = detail.content.decode()
            assert "刑释" not in content
            assert "社区矫正" not in content
            assert "帮教" not in content
            assert care.rehab.get_absolute_url() not in content
        assert "刑释" not in listing
        assert "社区矫正人员" not in listing

    def test_filtering_by_a_hidden_category_finds_nobody(self, client, world, care):
        client.force_login(world.worker)
        released = Category.objects.get(code="released")

        content = client.get(reverse("residents:person_list"), {"category": released.pk}).content.decode()

        assert "张伟" not in content

    def test_safety_users_see_the_cases_on_the_person_page(self, client, world, care):
        client.force_login(world.mediator)

        content = client.get(care.rehab.person.get_absolute_url()).content.decode()
        correction = client.get(care.correction.person.get_absolute_url()).content.decode()

        assert care.rehab.get_absolute_url() in content
        assert "刑释/解教人员" in content
        assert care.correction.get_absolute_url() in correction

    @pytest.mark.parametrize("code", ["persons", "memberships"])
    def test_person_exports_of_a_worker(self, world, care, code):
        path, _ = export_to_tempfile(registry.get(code)(community=world.community, user=world.worker))
        try:
            sheet = read_sheet(path)
        finally:
            os.unlink(path)
        cells = " ".join(str(cell) for row in sheet for cell in row if cell is not None)
        assert "刑释" not in cells
        assert "矫正" not in cells
        assert "帮教" not in cells

    def test_workers_cannot_export_the_care_registers(self, client, world, care):
        client.force_login(world.worker)
        for code in ("safety-rehab", "safety-correction"):
            assert client.get(reverse("excel:export", args=[code])).status_code in (403, 404)


class TestExcel:
    def export(self, code, world, user):
        path, _count = export_to_tempfile(registry.get(code)(community=world.community, user=user))
        try:
            return as_rows(read_sheet(path))
        finally:
            os.unlink(path)

    def test_rehab_export_never_has_the_offence(self, world, care):
        care_fixtures.visit(world.mediator, care.rehab, datetime.date(2024, 4, 2))

        headers, rows = self.export("safety-rehab", world, world.mediator)

        assert "原罪名/原因" not in headers
        assert "重新犯罪情况" not in headers
        assert all("盗窃" not in str(value) for row in rows for value in row.values())
        (row,) = rows
        assert (row["编号"], row["姓名"], row["类型"], row["状态"], row["走访频率"]) == (
            "2024-001",
            "张伟",
            "刑满释放",
            "帮教中",
            "每月",
        )
        assert row["证件号码"] == care.rehab.person.masked_id_number
        assert row["最近走访"] == datetime.datetime(2024, 4, 2)  # noqa: DTZ001 - openpyxl reads dates naive

    def test_heads_get_full_id_numbers(self, world, care):
        _, rows = self.export("safety-rehab", world, world.head)

        assert [row["证件号码"] for row in rows] == [care.rehab.person.id_number]

    def test_correction_export(self, world, care):
        headers, rows = self.export("safety-correction", world, world.mediator)

        assert headers[:5] == ["编号", "姓名", "证件号码", "居民小组", "矫正类别"]
        assert [(row["姓名"], row["矫正类别"], row["司法所"], row["状态"]) for row in rows] == [
            ("王芳", "缓刑", "团结司法所", "矫正中")
        ]

    def test_the_registers_are_export_only(self):
        assert not registry.get("safety-rehab").importable
        assert not registry.get("safety-correction").importable


class TestSensitiveExports:
    """domain.md §6.2: 帮教 and 矫正 cases leave Linli in Excel only through 书记/主任, with a reason."""

    @pytest.mark.parametrize("code", ["safety-rehab", "safety-correction"])
    def test_mediators_may_read_but_not_export(self, client, world, care, code):
        client.force_login(world.mediator)

        assert client.get(reverse("excel:export", args=[code])).status_code == 403
        assert code not in client.get(reverse("excel:index")).content.decode()

    def test_a_head_states_a_reason_first_and_the_log_keeps_it(self, client, world, care):
        client.force_login(world.head)
        url = reverse("excel:export", args=["safety-rehab"])

        asked = client.get(url)
        refused = client.get(url, {"reason": "  "})
        exported = client.get(url, {"reason": "街道综治办年度核查"})

        assert "导出事由" in asked.content.decode()
        assert "is-invalid" not in asked.content.decode()
        assert "请填写导出事由" in refused.content.decode()
        assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
        b"".join(exported.streaming_content)
        (log,) = DataExchangeLog.objects.filter(register="safety-rehab")
        assert (log.user, log.direction, log.rows, log.reason) == (world.head, "export", 1, "街道综治办年度核查")

    def test_the_command_line_needs_a_reason_too(self, world, care, tmp_path):
        output = tmp_path / "帮教.xlsx"
        with pytest.raises(CommandError, match="导出事由"):
            call_command("export_xlsx", "safety-correction", community="qingkou", output=str(output))
        assert not output.exists()

        call_command(
            "export_xlsx",
            "safety-correction",
            community="qingkou",
            output=str(output),
            user="shuji",
            reason="司法所核对",
        )

        assert output.exists()
        assert DataExchangeLog.objects.get(register="safety-correction").reason == "司法所核对"
