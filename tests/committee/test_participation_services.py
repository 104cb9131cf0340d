"""The write workflows of residents' participation: the suggestion status machine (numbering, assigning,
handing over, carrying out, declining with a reason, every illegal step refused in Chinese), the scope of grid
workers, disclosures (review of financial ones, items, attachments stored per community) and evaluations
(votes never above the participants)."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from committee.models.participation import (
    Disclosure,
    DisclosureChannel,
    DisclosureItem,
    DisclosureItemCategory,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    EvaluationKind,
    Suggestion,
    SuggestionStatus,
)
from committee.services.participation import (
    disclosure_attachment_add,
    disclosure_item_save,
    disclosure_save,
    evaluation_save,
    suggestion_assign,
    suggestion_decline,
    suggestion_implement,
    suggestion_update,
)
from tests.committee import participation_fixtures
from tests.committee.participation_fixtures import D, pdf_file, receive

pytestmark = pytest.mark.django_db

participation = participation_fixtures.participation


def messages(error: ValidationError) -> list[str]:
    return error.messages


class TestReceive:
    def test_numbers_run_per_community_and_year(self, world, participation):
        assert [participation.received.number, participation.processing.number, participation.implemented.number] == [
            "2026-001",
            "2026-002",
            "2026-003",
        ]
        assert participation.other.number == "2026-001"  # the neighbour counts its own
        older = receive(world.head, received_on=D(2025, 12, 30))
        assert older.number == "2025-001"
        assert (older.status, older.community, older.recorded_by) == (
            SuggestionStatus.RECEIVED,
            world.community,
            world.head,
        )
        assert older.history.get().history_change_reason == "受理"

    def test_the_group_follows_a_submitter_of_the_register(self, world, population):
        suggestion = receive(world.worker, submitter_person=population.householder_b)
        assert (suggestion.group, suggestion.submitter_display) == (world.group_b, "王芳")

    def test_a_submitter_is_named_or_anonymous(self, world):
        with pytest.raises(ValidationError) as error:
            receive(world.head, submitter_name="")
        assert "请填写提出人:在册居民的身份证号或姓名;不愿署名的请勾选匿名。" in messages(error.value)
        suggestion = Suggestion(
            received_on=D(2026, 3, 1),
            source="box",
            category="other",
            content="x",
            anonymous=True,
            submitter_name="张三",
        )
        from committee.services.participation import suggestion_receive

        with pytest.raises(ValidationError) as error:
            suggestion_receive(actor=world.head, suggestion=suggestion)
        assert "匿名的意见建议不填写提出人。" in messages(error.value)

    def test_a_future_receipt_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            receive(world.head, received_on=timezone.localdate() + datetime.timedelta(days=1))
        assert messages(error.value) == ["受理日期不能晚于今天。"]

    def test_a_grid_worker_receives_in_their_own_groups_only(self, world):
        own = receive(world.grid_worker, group=world.group_a)
        assert own.community == world.community
        with pytest.raises(PermissionDenied):
            receive(world.grid_worker, group=world.group_b)
        assert not Suggestion.objects.filter(group=world.group_b, recorded_by=world.grid_worker).exists()

    def test_a_grid_worker_sees_the_suggestions_of_their_groups(self, world, participation):
        visible = set(Suggestion.objects.visible_to(world.grid_worker))
        assert visible == {participation.received, participation.processing}
        assert set(Suggestion.objects.visible_to(world.worker)) == {
            participation.received,
            participation.processing,
            participation.implemented,
        }

    def test_an_edit_keeps_the_status_and_its_dates(self, world, participation):
        suggestion = Suggestion.objects.get(pk=participation.implemented.pk)
        suggestion.content = "岔河组夜间巡逻应增加一次,特别是春节前后。"
        suggestion_update(actor=world.worker, suggestion=suggestion)
        suggestion.refresh_from_db()
        assert (suggestion.status, suggestion.implemented_on) == (SuggestionStatus.IMPLEMENTED, D(2026, 3, 20))
        suggestion.received_on = D(2026, 3, 15)  # after it was assigned
        with pytest.raises(ValidationError) as error:
            suggestion_update(actor=world.worker, suggestion=suggestion)
        assert "交办日期不能早于受理日期。" in messages(error.value)


class TestAssign:
    def test_assigning_moves_to_processing(self, world, participation):
        suggestion = suggestion_assign(
            actor=world.worker,
            suggestion=participation.received,
            assigned_on=D(2026, 3, 3),
            handler=participation.worker_staff,
            note="请三日内联系供电所。",
        )
        assert (suggestion.status, suggestion.assigned_on, suggestion.handler) == (
            SuggestionStatus.PROCESSING,
            D(2026, 3, 3),
            participation.worker_staff,
        )
        assert "2026-03-03 交办赵干事:请三日内联系供电所。" in suggestion.note
        assert suggestion.history.first().history_change_reason == "交办"

    def test_handing_over_keeps_the_first_assignment(self, world, participation):
        suggestion = suggestion_assign(
            actor=world.head, suggestion=participation.processing, assigned_on=D(2026, 3, 9), handler_user=world.worker
        )
        assert (suggestion.status, suggestion.assigned_on) == (SuggestionStatus.PROCESSING, D(2026, 3, 6))
        assert (suggestion.handler, suggestion.handler_user, suggestion.handler_display) == (
            None,
            world.worker,
            world.worker.display_name,
        )
        assert suggestion.history.first().history_change_reason == "转交"

    @pytest.mark.parametrize(
        ("kwargs", "expected"),
        [
            ({}, "请选择一名承办人(工作人员或系统账号,二者选一)。"),
            ({"handler": "director", "handler_user": "worker"}, "请选择一名承办人(工作人员或系统账号,二者选一)。"),
            ({"handler": "other_staff"}, "承办人必须是本社区工作人员。"),
            ({"handler_user": "other_worker"}, "承办人必须是本社区工作人员。"),
            ({"handler": "director", "assigned_on": D(2026, 3, 1)}, "交办日期不能早于受理日期(2026-03-02)。"),
        ],
    )
    def test_a_wrong_assignment_is_refused(self, world, participation, kwargs, expected):
        names = {
            "director": participation.director,
            "other_staff": participation.other_staff,
            "worker": world.worker,
            "other_worker": world.other_worker,
        }
        arguments = {"assigned_on": kwargs.pop("assigned_on", D(2026, 3, 3))}
        for key, value in kwargs.items():
            arguments[key] = names[value]
        with pytest.raises((ValidationError, PermissionDenied)) as error:
            suggestion_assign(actor=world.head, suggestion=participation.received, **arguments)
        if isinstance(error.value, ValidationError):
            assert messages(error.value) == [expected]
        else:
            assert kwargs == {"handler": "other_staff"}  # another community's staff are out of scope
        assert Suggestion.objects.get(pk=participation.received.pk).status == SuggestionStatus.RECEIVED

    def test_a_settled_suggestion_is_not_assigned_again(self, world, participation):
        with pytest.raises(ValidationError) as error:
            suggestion_assign(
                actor=world.head,
                suggestion=participation.implemented,
                assigned_on=D(2026, 3, 25),
                handler=participation.director,
            )
        assert messages(error.value) == ["该意见建议已已落实,不能再交办。"]


class TestImplementAndDecline:
    def test_a_suggestion_must_be_assigned_before_it_is_carried_out(self, world, participation):
        with pytest.raises(ValidationError) as error:
            suggestion_implement(
                actor=world.head, suggestion=participation.received, implemented_on=D(2026, 3, 5), reply="已修好。"
            )
        assert messages(error.value) == ["该意见建议尚未交办承办人,请先交办再登记落实。"]

    def test_carrying_out(self, world, participation):
        suggestion = suggestion_implement(
            actor=world.worker,
            suggestion=participation.processing,
            implemented_on=D(2026, 3, 12),
            reply="已协调清运车每周两次。",
        )
        assert (suggestion.status, suggestion.implemented_on, suggestion.answered_on, suggestion.closed_on) == (
            SuggestionStatus.IMPLEMENTED,
            D(2026, 3, 12),
            D(2026, 3, 12),
            D(2026, 3, 12),
        )
        with pytest.raises(ValidationError) as error:
            suggestion_implement(
                actor=world.worker, suggestion=suggestion, implemented_on=D(2026, 3, 13), reply="再次登记。"
            )
        assert messages(error.value) == ["该意见建议已已落实,不能再登记落实。"]

    @pytest.mark.parametrize(
        ("implemented_on", "reply", "expected"),
        [
            (D(2026, 3, 5), "已清运。", "落实日期不能早于交办日期(2026-03-06)。"),
            (D(2026, 3, 12), "  ", "请填写落实情况(答复内容)。"),
        ],
    )
    def test_a_wrong_implementation_is_refused(self, world, participation, implemented_on, reply, expected):
        with pytest.raises(ValidationError) as error:
            suggestion_implement(
                actor=world.head, suggestion=participation.processing, implemented_on=implemented_on, reply=reply
            )
        assert messages(error.value) == [expected]
        assert Suggestion.objects.get(pk=participation.processing.pk).status == SuggestionStatus.PROCESSING

    def test_declining_needs_a_reason_and_works_from_received_or_processing(self, world, participation):
        with pytest.raises(ValidationError) as error:
            suggestion_decline(
                actor=world.head, suggestion=participation.received, answered_on=D(2026, 3, 4), reason=""
            )
        assert messages(error.value) == ["不予采纳须填写原因。"]
        declined = suggestion_decline(
            actor=world.head,
            suggestion=participation.received,
            answered_on=D(2026, 3, 4),
            reason="路灯属供电所管理,已转告供电所。",
            reply="已电话答复提出人。",
        )
        assert (declined.status, declined.answered_on, declined.closed_on) == (
            SuggestionStatus.DECLINED,
            D(2026, 3, 4),
            D(2026, 3, 4),
        )
        with pytest.raises(ValidationError) as error:
            suggestion_decline(
                actor=world.head, suggestion=participation.processing, answered_on=D(2026, 3, 5), reason="无资金。"
            )
        assert messages(error.value) == ["答复日期不能早于交办日期(2026-03-06)。"]
        suggestion_decline(
            actor=world.head, suggestion=participation.processing, answered_on=D(2026, 3, 7), reason="无资金。"
        )
        with pytest.raises(ValidationError) as error:
            suggestion_decline(
                actor=world.head, suggestion=participation.implemented, answered_on=D(2026, 3, 25), reason="重复。"
            )
        assert messages(error.value) == ["该意见建议已已落实,不能再答复不予采纳。"]

    def test_another_community_cannot_move_a_suggestion(self, world, participation):
        with pytest.raises(PermissionDenied):
            suggestion_decline(
                actor=world.other_head, suggestion=participation.received, answered_on=D(2026, 3, 4), reason="不管。"
            )

    def test_the_database_refuses_a_declined_row_without_reason(self, world, participation):
        with pytest.raises(IntegrityError), transaction.atomic():
            Suggestion.objects.filter(pk=participation.received.pk).update(
                status=SuggestionStatus.DECLINED, answered_on=D(2026, 3, 4)
            )


class TestDisclosures:
    def base(self, world, **fields):
        values = {
            "community": world.community,
            "kind": DisclosureKind.FINANCE,
            "title": "2026年第二季度财务公开",
            "year": 2026,
            "quarter": 2,
            "published_on": D(2026, 7, 6),
            "channel": DisclosureChannel.BOARD,
        }
        values.update(fields)
        return Disclosure(**values)

    def test_a_financial_disclosure_is_reviewed_first(self, world):
        with pytest.raises(ValidationError) as error:
            disclosure_save(actor=world.worker, disclosure=self.base(world))
        assert messages(error.value) == ["财务公开须经财务监审小组审核,请选择审核机构或填写审核人。"]
        with pytest.raises(ValidationError) as error:
            disclosure_save(
                actor=world.worker,
                disclosure=self.base(world, reviewed_by="财务监审小组", reviewed_on=D(2026, 7, 8)),
            )
        assert messages(error.value) == ["审核日期不能晚于公开日期。"]
        saved = disclosure_save(
            actor=world.worker, disclosure=self.base(world, reviewed_by="财务监审小组", reviewed_on=D(2026, 7, 5))
        )
        assert (saved.recorded_by, saved.period_display, saved.is_regular) == (world.worker, "2026年第二季度", True)

    def test_the_staff_area_s_working_body_may_review(self, world):
        from committee.models.staff import WorkingBody, WorkingBodyKind

        def body(community, name):
            return WorkingBody.objects.create(community=community, kind=WorkingBodyKind.FINANCE_AUDIT, name=name)

        saved = disclosure_save(
            actor=world.worker, disclosure=self.base(world, review_body=body(world.community, "箐口财务监审小组"))
        )
        assert (saved.reviewer_display, saved.reviewed_by) == ("箐口财务监审小组", "")
        with pytest.raises(ValidationError) as error:
            disclosure_save(
                actor=world.worker,
                disclosure=self.base(
                    world, title="另一份", review_body=body(world.other_community, "朵亩财务监审小组")
                ),
            )
        assert messages(error.value) == ["审核机构必须是本社区的工作机构。"]

    def test_a_regular_disclosure_names_its_period(self, world):
        with pytest.raises(ValidationError) as error:
            disclosure_save(actor=world.worker, disclosure=self.base(world, kind=DisclosureKind.AFFAIRS, quarter=None))
        assert messages(error.value) == ["请选择所属季度,或填写公开期间。"]
        special = disclosure_save(
            actor=world.worker,
            disclosure=self.base(world, kind=DisclosureKind.AFFAIRS, quarter=None, period_text="万寿菊种植补贴专项"),
        )
        assert (special.period_display, special.is_regular) == ("万寿菊种植补贴专项", False)

    def test_items_number_themselves_and_take_the_community(self, world, participation):
        item = disclosure_item_save(
            actor=world.worker,
            item=DisclosureItem(
                disclosure=participation.disclosure,
                category=DisclosureItemCategory.POLICY_FUNDS,
                title="低保金发放",
                amount=Decimal("3800.00"),
            ),
        )
        assert (item.order, item.community) == (3, world.community)
        with pytest.raises(ValidationError) as error:
            disclosure_item_save(
                actor=world.worker,
                item=DisclosureItem(
                    disclosure=participation.disclosure, category="other", title="退款", amount=Decimal("-1")
                ),
            )
        assert "确保该值大于或等于0。" in messages(error.value)
        with pytest.raises(PermissionDenied):
            disclosure_item_save(
                actor=world.other_worker,
                item=DisclosureItem(disclosure=participation.disclosure, category="other", title="x"),
            )

    def test_attachments_are_stored_under_the_community(self, world, participation):
        attachment = participation.attachment
        assert attachment.file.name.startswith("disclosures/qingkou/公开栏照片")
        assert os.path.exists(os.path.join(settings.MEDIA_ROOT, attachment.file.name))
        assert (attachment.community, attachment.uploaded_by) == (world.community, world.head)
        with pytest.raises(ValidationError) as error:
            disclosure_attachment_add(
                actor=world.head,
                disclosure=participation.disclosure,
                title="大文件",
                file=pdf_file(size=11 * 1024 * 1024),
            )
        assert messages(error.value) == ["文件不能超过10MB。"]
        with pytest.raises(ValidationError) as error:
            disclosure_attachment_add(
                actor=world.head,
                disclosure=participation.disclosure,
                title="程序",
                file=pdf_file(name="x.exe"),
            )
        assert messages(error.value)[0].startswith("文件扩展“exe”是不被允许。")


class TestEvaluations:
    def evaluation(self, world, **fields):
        values = {
            "community": world.community,
            "date": D(2026, 11, 18),
            "kind": EvaluationKind.DEMOCRATIC,
            "participants": 50,
            "satisfied": 41,
            "basic": 7,
            "unsatisfied": 2,
            "source": "无记名民主测评表",
        }
        values.update(fields)
        return Evaluation(**values)

    def test_votes_never_exceed_the_participants(self, world):
        with pytest.raises(ValidationError) as error:
            evaluation_save(actor=world.worker, evaluation=self.evaluation(world, participants=49))
        assert messages(error.value) == ["满意、基本满意、不满意共50票,超过了参评人数49人。"]
        saved = evaluation_save(actor=world.worker, evaluation=self.evaluation(world))
        assert (saved.responses, saved.abstained, saved.satisfaction_rate, saved.satisfied_rate) == (50, 0, 0.96, 0.82)

    def test_an_individual_evaluation_names_a_staff_member_of_the_community(self, world, participation):
        with pytest.raises(ValidationError) as error:
            evaluation_save(actor=world.worker, evaluation=self.evaluation(world, evaluatee=Evaluatee.STAFF))
        assert messages(error.value) == ["测评工作人员个人时须选择被测评人。"]
        with pytest.raises(ValidationError) as error:
            evaluation_save(actor=world.worker, evaluation=self.evaluation(world, staff=participation.director))
        assert messages(error.value) == ["测评班子时不选择被测评人。"]
        with pytest.raises(PermissionDenied):
            evaluation_save(
                actor=world.worker,
                evaluation=self.evaluation(world, evaluatee=Evaluatee.STAFF, staff=participation.other_staff),
            )
