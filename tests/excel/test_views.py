"""The Excel pages: permissions, export and template downloads, the upload → preview → confirm flow."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.shortcuts import resolve_url
from django.urls import reverse

from governance.excel import INSTRUCTION_MARK
from governance.excel_views import SESSION_KEY
from residents.models import Person
from tests.excel.helpers import make_id, read_sheet, workbook_bytes, wrong_check_digit

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "证件号码", "民族", "政治面貌", "居民小组", "居住类别", "登记日期"]


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def upload(client, rows, register="persons", name="人口.xlsx"):
    file = workbook_bytes(HEADERS, rows)
    file.name = name
    return client.post(reverse("excel:import", args=[register]), {"file": file})


class TestPermissions:
    @pytest.mark.parametrize("name", ["excel:index", "excel:export", "excel:template", "excel:import"])
    def test_anonymous_goes_to_login(self, client, world, name):
        url = reverse(name) if name == "excel:index" else reverse(name, args=["persons"])

        response = client.get(url)

        assert response.status_code == 302
        assert response.url.startswith(resolve_url(settings.LOGIN_URL))

    @pytest.mark.parametrize(
        ("user", "name", "status"),
        [
            ("norole", "excel:export", 403),
            ("auditor", "excel:export", 403),  # 只读审计: may read, not export
            ("grid_worker", "excel:export", 200),
            ("norole", "excel:import", 403),
            ("grid_worker", "excel:import", 403),  # exports only
            ("mediator", "excel:import", 403),
            ("worker", "excel:import", 200),
            ("norole", "excel:template", 403),
            ("grid_worker", "excel:template", 200),
            ("norole", "excel:index", 403),
            ("worker", "excel:index", 200),
        ],
    )
    def test_permission_matrix(self, client, world, user, name, status):
        client.force_login(getattr(world, user))
        url = reverse(name) if name == "excel:index" else reverse(name, args=["persons"])

        assert client.get(url).status_code == status

    def test_unknown_register_is_404(self, client, world):
        client.force_login(world.head)

        assert client.get(reverse("excel:export", args=["nothing"])).status_code == 404

    def test_a_street_leader_picks_one_of_their_communities(self, client, world, register):
        client.force_login(world.street_leader)
        url = reverse("excel:export", args=["persons"])

        chooser = client.get(url)
        assert chooser.status_code == 200
        assert "qingkou" in chooser.content.decode()
        assert client.get(url + "?community=biji").status_code == 404  # another street
        response = client.get(url + "?community=qingkou")
        assert response.status_code == 200
        assert len(read_sheet(content(response))) == 4

    def test_a_preview_token_is_only_good_in_its_session(self, client, world, register):
        client.force_login(world.worker)
        response = upload(client, [["孙悟", make_id(), "汉族", "群众", "寨子", "常住", "2024-01-01"]])
        preview_url = response.url
        client.force_login(world.head)  # a new session

        assert client.get(preview_url).status_code == 404


class TestDownloads:
    def test_export_is_an_xlsx_with_masked_ids_for_a_worker(self, client, world, register):
        client.force_login(world.worker)

        response = client.get(reverse("excel:export", args=["persons"]))

        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        sheet = read_sheet(content(response))
        assert sheet[0][:5] == ["姓名", "性别", "出生日期", "证件类型", "证件号码"]
        assert {row[4] for row in sheet[1:]} == {
            p.masked_id_number for p in (register.head, register.spouse, register.lone)
        }

    def test_template_has_the_headers_and_the_instruction_row_the_importer_skips(self, client, world):
        client.force_login(world.worker)

        response = client.get(reverse("excel:template", args=["persons"]))

        sheet = read_sheet(content(response))
        assert sheet[0][0] == "姓名"
        assert sheet[0][4] == "证件号码"
        assert len(sheet) == 2
        instructions = dict(zip(sheet[0], sheet[1], strict=True))
        assert instructions["姓名"].startswith(INSTRUCTION_MARK + "必填")
        assert "可选:男、女" in instructions["性别"]
        assert "YYYY-MM-DD" in instructions["登记日期"]
        assert instructions["民族"].startswith("必填")

    def test_a_filled_template_imports_without_its_instruction_row(self, client, world):
        client.force_login(world.worker)
        sheet = read_sheet(content(client.get(reverse("excel:template", args=["persons"]))))
        headers, instructions = sheet[0], sheet[1]
        person = dict.fromkeys(headers)
        person.update({"姓名": "孙悟", "证件号码": make_id(), "民族": "汉族", "政治面貌": "群众", "居民小组": "寨子"})
        person.update({"居住类别": "常住", "登记日期": "2024-01-01"})
        file = workbook_bytes(headers, [[person[h] for h in headers]], instruction=instructions)
        file.name = "filled.xlsx"

        response = client.post(reverse("excel:import", args=["persons"]), {"file": file})
        preview = client.get(response.url)

        assert preview.context["report"].counts["new"] == 1
        assert [row.number for row in preview.context["report"].rows] == [3]


class TestImportFlow:
    def test_preview_then_confirm_writes_rows_as_the_importer(self, client, world, register):
        client.force_login(world.worker)
        number = make_id(datetime.date(1999, 9, 9))

        response = upload(client, [["孙悟", number, "汉族", "群众", "寨子", "常住", "2024-01-01"]])
        assert response.status_code == 302
        token = response.url.rstrip("/").rsplit("/", 1)[1]
        stored = client.session[SESSION_KEY][token]["path"]
        assert default_storage.exists(stored)

        preview = client.get(response.url)
        assert preview.status_code == 200
        assert "新增" in preview.content.decode()
        assert not Person.objects.filter(id_number=number).exists()

        done = client.post(response.url, {"action": "confirm"})

        assert done.status_code == 302
        person = Person.objects.get(id_number=number)
        assert person.community == world.community
        assert person.history.get().history_user == world.worker
        assert not default_storage.exists(stored)
        assert token not in client.session.get(SESSION_KEY, {})

    def test_errors_are_shown_and_confirm_writes_nothing(self, client, world, register):
        client.force_login(world.worker)
        rows = [
            ["好人", make_id(), "汉族", "群众", "寨子", "常住", "2024-01-01"],
            ["坏人", wrong_check_digit(make_id()), "汉族", "群众", "寨子", "常住", "2024-01-01"],
        ]
        response = upload(client, rows)

        preview = client.get(response.url)
        page = preview.content.decode()
        assert "第3行「证件号码」:身份证号校验位错误" in page
        assert "确认导入" not in page
        confirm = client.post(response.url, {"action": "confirm"})

        assert confirm.status_code == 200
        assert "未导入任何数据" in confirm.content.decode()
        assert not Person.objects.filter(name__in=["好人", "坏人"]).exists()

    def test_cancel_deletes_the_file(self, client, world, register):
        client.force_login(world.worker)
        response = upload(client, [["孙悟", make_id(), "汉族", "群众", "寨子", "常住", "2024-01-01"]])
        token = response.url.rstrip("/").rsplit("/", 1)[1]
        stored = client.session[SESSION_KEY][token]["path"]

        client.post(response.url, {"action": "cancel"})

        assert not default_storage.exists(stored)
        assert client.get(response.url).status_code == 404

    def test_not_an_xlsx_is_refused_by_the_form(self, client, world):
        client.force_login(world.worker)
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            reverse("excel:import", args=["persons"]), {"file": SimpleUploadedFile("a.csv", b"a,b\n")}
        )

        assert response.status_code == 200
        assert ".xlsx" in response.content.decode()
