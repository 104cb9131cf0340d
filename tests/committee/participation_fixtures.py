"""Fixtures of the participation area: staff of the home community (a 主任 and a worker) and of the neighbour,
suggestions received and moved through the services, a disclosure with items and an attachment, and two
evaluations.

Dates are in the past of any clock these tests run on (2026-03 to 2026-06), and never "today".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committee.models.participation import (
    Disclosure,
    DisclosureAttachment,
    DisclosureChannel,
    DisclosureItem,
    DisclosureItemCategory,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    EvaluationKind,
    Suggestion,
    SuggestionCategory,
    SuggestionSource,
)
from committee.models.staff import EmploymentKind, Position, Staff
from committee.services.participation import (
    disclosure_attachment_add,
    disclosure_item_save,
    disclosure_save,
    evaluation_save,
    suggestion_assign,
    suggestion_implement,
    suggestion_receive,
)
from governance.services import register_save

D = datetime.date
RECEIVED = D(2026, 3, 2)


def make_staff(actor, community, name, position=Position.WORKER, **fields):
    return register_save(
        actor=actor,
        instance=Staff(
            community=community,
            name=name,
            position=position,
            employment_kind=fields.pop("employment_kind", EmploymentKind.ELECTED),
            joined_on=fields.pop("joined_on", D(2021, 1, 1)),
            **fields,
        ),
    )


def receive(actor, *, received_on=RECEIVED, submitter_name="杨大爷", **fields):
    fields.setdefault("source", SuggestionSource.BOX)
    fields.setdefault("category", SuggestionCategory.FACILITIES)
    fields.setdefault("content", "寨子组村口路灯损坏,夜间出行不便,建议尽快维修。")
    if fields.get("anonymous") or fields.get("submitter_person"):
        submitter_name = ""
    return suggestion_receive(
        actor=actor, suggestion=Suggestion(received_on=received_on, submitter_name=submitter_name, **fields)
    )


def pdf_file(name="公开栏照片.pdf", size=None):
    content = b"%PDF-1.4 demo" if size is None else b"0" * size
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Participation:
    director: Staff  # 李主任, of the home community
    worker_staff: Staff  # 赵干事, of the home community
    other_staff: Staff  # of the neighbouring community
    received: Suggestion  # 2026-001, group_a, 已受理
    processing: Suggestion  # 2026-002, group_a, 处理中 (李主任)
    implemented: Suggestion  # 2026-003, group_b, 已落实
    other: Suggestion  # of the neighbouring community
    disclosure: Disclosure  # 2026 Q1 居务财务, with two items and a photo
    item: DisclosureItem
    attachment: DisclosureAttachment
    other_disclosure: Disclosure
    committee_evaluation: Evaluation
    staff_evaluation: Evaluation
    other_evaluation: Evaluation


@pytest.fixture
def participation(world) -> Participation:
    head = world.head
    director = make_staff(head, world.community, "李主任", Position.OTHER)
    worker_staff = make_staff(head, world.community, "赵干事")
    other_staff = make_staff(world.other_head, world.other_community, "钱干事")

    received = receive(head, group=world.group_a)
    processing = receive(
        head,
        group=world.group_a,
        received_on=D(2026, 3, 5),
        category=SuggestionCategory.SANITATION,
        content="寨子组垃圾池清运不及时。",
        submitter_name="",
        anonymous=True,
    )
    processing = suggestion_assign(actor=head, suggestion=processing, assigned_on=D(2026, 3, 6), handler=director)
    implemented = receive(
        head,
        group=world.group_b,
        received_on=D(2026, 3, 10),
        source=SuggestionSource.ASSEMBLY,
        category=SuggestionCategory.SECURITY,
        content="岔河组夜间巡逻应增加一次。",
        submitter_name="刘代表",
    )
    suggestion_assign(actor=head, suggestion=implemented, assigned_on=D(2026, 3, 11), handler=worker_staff)
    implemented = suggestion_implement(
        actor=head, suggestion=implemented, implemented_on=D(2026, 3, 20), reply="联防队已增加凌晨巡逻一次。"
    )
    other = receive(world.other_head, received_on=D(2026, 3, 3), submitter_name="孙某")

    disclosure = disclosure_save(
        actor=head,
        disclosure=Disclosure(
            community=world.community,
            kind=DisclosureKind.AFFAIRS_FINANCE,
            title="2026年第一季度居务财务公开",
            year=2026,
            quarter=1,
            published_on=D(2026, 4, 8),
            channel=DisclosureChannel.BOARD,
            reviewed_by="财务监审小组",
            reviewed_on=D(2026, 4, 6),
        ),
    )
    item = disclosure_item_save(
        actor=head,
        item=DisclosureItem(
            disclosure=disclosure,
            category=DisclosureItemCategory.INCOME_EXPENSE,
            title="收入:街道拨付办公经费",
            amount=Decimal("15000.00"),
        ),
    )
    disclosure_item_save(
        actor=head,
        item=DisclosureItem(
            disclosure=disclosure, category=DisclosureItemCategory.ANNUAL_PLAN, title="2026年为民办实事安排"
        ),
    )
    attachment = disclosure_attachment_add(actor=head, disclosure=disclosure, title="公开栏照片", file=pdf_file())
    other_disclosure = disclosure_save(
        actor=world.other_head,
        disclosure=Disclosure(
            community=world.other_community,
            kind=DisclosureKind.AFFAIRS,
            title="朵亩2026年第一季度居务公开",
            year=2026,
            quarter=1,
            published_on=D(2026, 4, 9),
            channel=DisclosureChannel.BOARD,
        ),
    )

    committee_evaluation = evaluation_save(
        actor=head,
        evaluation=Evaluation(
            community=world.community,
            date=D(2026, 6, 28),
            kind=EvaluationKind.REPORT,
            evaluatee=Evaluatee.COMMITTEE,
            evaluators="居民代表",
            participants=52,
            satisfied=40,
            basic=8,
            unsatisfied=2,
            source="无记名民主测评表",
        ),
    )
    staff_evaluation = evaluation_save(
        actor=head,
        evaluation=Evaluation(
            community=world.community,
            date=D(2026, 6, 28),
            kind=EvaluationKind.REPORT,
            evaluatee=Evaluatee.STAFF,
            staff=director,
            participants=45,
            satisfied=30,
            basic=10,
            unsatisfied=5,
            source="无记名民主测评表",
        ),
    )
    other_evaluation = evaluation_save(
        actor=world.other_head,
        evaluation=Evaluation(
            community=world.other_community,
            date=D(2026, 6, 20),
            kind=EvaluationKind.DEMOCRATIC,
            participants=20,
            satisfied=20,
            source="问卷",
        ),
    )
    return Participation(
        director=director,
        worker_staff=worker_staff,
        other_staff=other_staff,
        received=received,
        processing=processing,
        implemented=implemented,
        other=other,
        disclosure=disclosure,
        item=item,
        attachment=attachment,
        other_disclosure=other_disclosure,
        committee_evaluation=committee_evaluation,
        staff_evaluation=staff_evaluation,
        other_evaluation=other_evaluation,
    )
