"""Services of the windows area: windows and items, and the status machine of a service case (办件)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from services.models.windows import (
    CaseMode,
    CaseStatus,
    Satisfaction,
    ServiceCase,
    ServiceCaseStep,
    ServiceItem,
    ServiceWindow,
)
from services.services.windows import (
    case_close,
    case_open,
    case_return,
    case_step_add,
    case_update,
    item_save,
    window_save,
)
from tests.services import windows_fixtures
from tests.services.windows_fixtures import at, open_case

pytestmark = pytest.mark.django_db

windows = windows_fixtures.windows


def _refresh(case: ServiceCase) -> ServiceCase:
    return ServiceCase.objects.get(pk=case.pk)


class TestWindowsAndItems:
    def test_window_save_takes_the_actor_s_community_and_staff(self, world):
        window = window_save(
            actor=world.head, window=ServiceWindow(name="畜牧兽医服务窗口", order=5), staff=[world.worker]
        )
        assert window.community == world.community
        assert list(window.staff.all()) == [world.worker]
        assert window.history.first().history_user == world.head

    def test_window_staff_of_another_community_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            window_save(actor=world.head, window=ServiceWindow(name="党群服务窗口"), staff=[world.other_worker])
        assert "窗口工作人员必须是本社区的工作人员。" in str(error.value)
        assert not ServiceWindow.objects.exists()

    def test_window_names_are_unique_in_a_community(self, world, windows):
        with pytest.raises(ValidationError) as error:
            window_save(actor=world.head, window=ServiceWindow(name="党群服务窗口"))
        assert "本社区已有同名服务窗口。" in str(error.value)

    def test_item_belongs_to_the_community_of_its_window(self, world, windows):
        item = item_save(actor=world.worker, item=ServiceItem(window=windows.party, name="入党积极分子登记"))
        assert item.community == world.community
        assert item.history.first().history_user == world.worker

    def test_item_of_another_community_s_window_is_refused(self, world, windows):
        with pytest.raises(PermissionDenied):
            item_save(actor=world.worker, item=ServiceItem(window=windows.other_window, name="越界事项"))
        assert not ServiceItem.objects.filter(name="越界事项").exists()

    def test_item_steps_and_documents_are_lines(self, windows):
        assert windows.disability.steps == ["窗口受理", "入户核实", "报送区残联", "领证送达"]
        assert windows.disability.documents == ["户口簿", "身份证", "近期免冠照片2张"]
        assert windows.certificate.time_limit_display == "当日办结"
        assert windows.disability.time_limit_display == "15日内办结"


class TestCaseOpen:
    def test_open_numbers_the_case_and_derives_window_due_date_group_and_agent(self, world, population, windows):
        case = windows.case
        assert case.number == "2026-001"
        assert case.window == windows.social
        assert case.due_on == datetime.date(2026, 3, 17)  # 2 March + 15 calendar days
        assert case.group == world.group_a  # the applicant's group
        assert case.agent == world.worker
        assert case.received_by == world.worker
        assert case.status == CaseStatus.RECEIVED
        step = case.steps.get()
        assert (step.action, step.status, step.by) == ("受理", CaseStatus.RECEIVED, world.worker)

    def test_numbers_run_per_community_and_year(self, world, windows):
        second = open_case(world.worker, windows.party_item, received_at=at(2026, 4, 1))
        assert second.number == "2026-002"
        assert windows.other_case.number == "2026-001"
        last_year = open_case(world.worker, windows.party_item, received_at=at(2025, 12, 30))
        assert last_year.number == "2025-001"

    def test_an_on_the_spot_case_is_closed_at_once_with_its_satisfaction(self, world, windows):
        case = open_case(
            world.worker,
            windows.certificate,
            mode=CaseMode.ON_THE_SPOT,
            satisfaction=Satisfaction.SATISFIED,
            received_at=at(2026, 3, 5, 10, 30),
        )
        case = _refresh(case)
        assert case.status == CaseStatus.CLOSED
        assert case.closed_at == at(2026, 3, 5, 10, 30)
        assert case.due_on == datetime.date(2026, 3, 5)
        assert case.closed_on_time is True
        assert case.satisfaction == Satisfaction.SATISFIED
        assert [step.action for step in case.steps.all()] == ["受理", "当场办结"]

    def test_an_item_that_is_not_on_the_spot_cannot_be_closed_on_the_spot(self, world, windows):
        with pytest.raises(ValidationError) as error:
            open_case(world.worker, windows.disability, mode=CaseMode.ON_THE_SPOT)
        assert "“残疾证办理”不是即办件,不能当场办结,请选择代办或转办。" in str(error.value)
        assert ServiceCase.objects.count() == 2  # the fixture's two

    def test_an_applicant_is_required(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_open(actor=world.worker, case=ServiceCase(item=windows.party_item, received_at=at(2026, 3, 3)))
        assert "请填写申请人" in str(error.value)
        assert ServiceCase.objects.count() == 2

    def test_a_household_or_unit_may_apply(self, world, population, windows):
        by_household = open_case(world.worker, windows.party_item, applicant_household=population.household_b)
        assert by_household.group == world.group_b
        assert by_household.applicant_display == "0002户"
        by_unit = open_case(world.worker, windows.party_item, applicant_unit=world.unit)
        assert by_unit.group is None
        assert by_unit.applicant_display == "箐口卫生所"

    def test_a_stopped_item_cannot_be_received(self, world, windows):
        windows.party_item.is_active = False
        item_save(actor=world.head, item=windows.party_item)
        with pytest.raises(ValidationError) as error:
            open_case(world.worker, windows.party_item)
        assert "服务事项“党组织关系转接”已停用,不能受理。" in str(error.value)

    def test_another_community_s_item_is_refused(self, world, windows):
        with pytest.raises(PermissionDenied):
            open_case(world.worker, windows.other_item)
        assert ServiceCase.objects.filter(community=world.community).count() == 1

    def test_a_resident_of_another_community_is_refused(self, world, population, windows):
        with pytest.raises(PermissionDenied):
            open_case(world.worker, windows.party_item, applicant_person=population.outsider)
        assert ServiceCase.objects.filter(community=world.community).count() == 1

    def test_an_agent_of_another_community_is_refused(self, world, windows):
        with pytest.raises(ValidationError) as error:
            open_case(world.worker, windows.party_item, agent=world.other_worker)
        assert "代理员必须是本社区工作人员。" in str(error.value)

    def test_a_receipt_in_the_future_is_refused(self, world, windows):
        with pytest.raises(ValidationError) as error:
            open_case(world.worker, windows.party_item, received_at=at(2099, 1, 1))
        assert "受理时间不能晚于当前时间。" in str(error.value)


class TestCaseWorkflow:
    def test_the_first_step_moves_the_case_to_processing(self, world, windows):
        step = case_step_add(actor=world.worker, case=windows.case, action="入户核实", note="核实残疾情况属实。",
                             at=at(2026, 3, 4))  # fmt: skip
        case = _refresh(windows.case)
        assert case.status == CaseStatus.PROCESSING
        assert (step.status, step.by, step.note) == (CaseStatus.PROCESSING, world.worker, "核实残疾情况属实。")
        case_step_add(actor=world.worker, case=case, action="整理材料", at=at(2026, 3, 5))
        assert _refresh(case).status == CaseStatus.PROCESSING
        assert case.steps.count() == 3

    def test_transfer_needs_the_office_and_records_it(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_step_add(actor=world.worker, case=windows.case, action="报送", to_status=CaseStatus.TRANSFERRED,
                          at=at(2026, 3, 4))  # fmt: skip
        assert "转办须填写转办单位。" in str(error.value)
        assert _refresh(windows.case).status == CaseStatus.RECEIVED
        assert windows.case.steps.count() == 1
        case_step_add(actor=world.worker, case=windows.case, action="报送区残联", to_status=CaseStatus.TRANSFERRED,
                      transferred_to="西山区残联", at=at(2026, 3, 4))  # fmt: skip
        case = _refresh(windows.case)
        assert (case.status, case.transferred_to) == (CaseStatus.TRANSFERRED, "西山区残联")
        case_step_add(actor=world.worker, case=case, action="区残联回复,领取证件", to_status=CaseStatus.PROCESSING,
                      at=at(2026, 3, 10))  # fmt: skip
        assert _refresh(case).status == CaseStatus.PROCESSING

    def test_awaiting_documents_says_what_is_missing(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_step_add(actor=world.worker, case=windows.case, action="材料初审", to_status=CaseStatus.AWAITING,
                          at=at(2026, 3, 3))  # fmt: skip
        assert "待补材料须在情况说明中写明需补充的材料。" in str(error.value)
        case_step_add(actor=world.worker, case=windows.case, action="材料初审", to_status=CaseStatus.AWAITING,
                      note="缺近期免冠照片。", at=at(2026, 3, 3))  # fmt: skip
        assert _refresh(windows.case).status == CaseStatus.AWAITING

    def test_a_transferred_case_cannot_go_back_to_awaiting(self, world, windows):
        case_step_add(actor=world.worker, case=windows.case, action="报送", to_status=CaseStatus.TRANSFERRED,
                      transferred_to="街道民政办", at=at(2026, 3, 4))  # fmt: skip
        with pytest.raises(ValidationError) as error:
            case_step_add(actor=world.worker, case=windows.case, action="补材料", to_status=CaseStatus.AWAITING,
                          note="缺照片", at=at(2026, 3, 5))  # fmt: skip
        assert "办件已转办,不能转为“待补材料”。" in str(error.value)
        assert _refresh(windows.case).status == CaseStatus.TRANSFERRED

    def test_a_step_cannot_be_before_the_receipt(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_step_add(actor=world.worker, case=windows.case, action="入户核实", at=at(2026, 3, 1))
        assert "办理时间不能早于受理时间(2026-03-02 09:00)。" in str(error.value)
        assert windows.case.steps.count() == 1

    def test_an_empty_action_is_refused(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_step_add(actor=world.worker, case=windows.case, action="  ", at=at(2026, 3, 3))
        assert "请填写办理环节。" in str(error.value)

    def test_close_records_the_satisfaction_and_whether_it_was_on_time(self, world, windows):
        case_step_add(actor=world.worker, case=windows.case, action="入户核实", at=at(2026, 3, 4))
        case = case_close(actor=world.worker, case=windows.case, closed_at=at(2026, 3, 16, 15),
                          satisfaction=Satisfaction.BASIC, note="证件已送达本人。")  # fmt: skip
        case = _refresh(case)
        assert case.status == CaseStatus.CLOSED
        assert case.satisfaction == Satisfaction.BASIC
        assert case.closed_on_time is True
        last = case.steps.last()
        assert (last.action, last.status) == ("办结", CaseStatus.CLOSED)
        assert "基本满意" in last.note
        assert case.history.first().history_change_reason == "办结"

    def test_a_late_close_is_not_on_time(self, world, windows):
        case = case_close(actor=world.worker, case=windows.case, closed_at=at(2026, 3, 18))
        assert _refresh(case).closed_on_time is False
        assert _refresh(case).satisfaction == ""

    def test_a_closed_case_refuses_everything(self, world, windows):
        case_close(
            actor=world.worker, case=windows.case, closed_at=at(2026, 3, 10), satisfaction=Satisfaction.SATISFIED
        )
        for attempt, message in [
            (lambda: case_step_add(actor=world.worker, case=windows.case, action="补录", at=at(2026, 3, 11)),
             "办件已办结,不能再登记办理过程。"),
            (lambda: case_close(actor=world.worker, case=windows.case, closed_at=at(2026, 3, 11)),
             "办件已办结,不能再办结。"),
            (lambda: case_return(actor=world.worker, case=windows.case, reason="重复", returned_at=at(2026, 3, 11)),
             "办件已办结,不能再退回。"),
        ]:  # fmt: skip
            with pytest.raises(ValidationError) as error:
                attempt()
            assert message in str(error.value)
        case = _refresh(windows.case)
        assert (case.status, case.satisfaction, case.steps.count()) == (CaseStatus.CLOSED, "satisfied", 2)

    def test_close_cannot_precede_the_last_step(self, world, windows):
        case_step_add(actor=world.worker, case=windows.case, action="入户核实", at=at(2026, 3, 6))
        with pytest.raises(ValidationError) as error:
            case_close(actor=world.worker, case=windows.case, closed_at=at(2026, 3, 5))
        assert "办结时间不能早于最后一次办理(2026-03-06 09:00)。" in str(error.value)
        assert _refresh(windows.case).status == CaseStatus.PROCESSING

    def test_an_unknown_satisfaction_is_refused(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_close(actor=world.worker, case=windows.case, closed_at=at(2026, 3, 6), satisfaction="great")
        assert "请选择满意度。" in str(error.value)
        assert _refresh(windows.case).is_open

    def test_return_needs_a_reason_and_ends_the_case(self, world, windows):
        with pytest.raises(ValidationError) as error:
            case_return(actor=world.worker, case=windows.case, reason=" ", returned_at=at(2026, 3, 3))
        assert "退回须填写原因。" in str(error.value)
        assert _refresh(windows.case).status == CaseStatus.RECEIVED
        case_return(actor=world.worker, case=windows.case, reason="不符合办证条件。", returned_at=at(2026, 3, 3))
        case = _refresh(windows.case)
        assert (case.status, case.return_reason) == (CaseStatus.RETURNED, "不符合办证条件。")
        assert case.closed_at == at(2026, 3, 3)
        assert case.closed_on_time is None
        with pytest.raises(ValidationError) as error:
            case_step_add(actor=world.worker, case=case, action="补录", at=at(2026, 3, 4))
        assert "办件已退回,不能再登记办理过程。" in str(error.value)

    def test_another_community_s_worker_cannot_touch_the_case(self, world, windows):
        with pytest.raises(PermissionDenied):
            case_step_add(actor=world.other_worker, case=windows.case, action="越权", at=at(2026, 3, 3))
        with pytest.raises(PermissionDenied):
            case_close(actor=world.other_worker, case=windows.case, closed_at=at(2026, 3, 3))
        assert _refresh(windows.case).status == CaseStatus.RECEIVED
        assert ServiceCaseStep.objects.filter(case=windows.case).count() == 1

    def test_overdue_on_a_day(self, world, windows):
        case = windows.case  # due 2026-03-17
        assert not case.is_overdue_on(datetime.date(2026, 3, 17))
        assert case.is_overdue_on(datetime.date(2026, 3, 18))
        overdue = ServiceCase.objects.visible_to(world.worker).overdue_on(datetime.date(2026, 3, 18))
        assert list(overdue) == [case]
        case_close(actor=world.worker, case=case, closed_at=at(2026, 3, 20))
        assert not ServiceCase.objects.visible_to(world.worker).overdue_on(datetime.date(2026, 3, 21)).exists()


class TestCaseUpdate:
    def test_update_changes_the_agent_and_logs_it(self, world, windows):
        case = _refresh(windows.case)
        case.agent = world.head
        case.summary = "申请办理二级肢体残疾证(补充说明)。"
        case_update(actor=world.worker, case=case)
        case = _refresh(case)
        assert case.agent == world.head
        assert case.steps.last().action == "更换代理员"

    def test_update_cannot_change_the_status_or_dates(self, world, windows):
        case = _refresh(windows.case)
        case.status = CaseStatus.CLOSED
        case.due_on = datetime.date(2030, 1, 1)
        case_update(actor=world.worker, case=case)
        case = _refresh(case)
        assert (case.status, case.due_on) == (CaseStatus.RECEIVED, datetime.date(2026, 3, 17))
