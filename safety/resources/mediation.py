"""Excel sheets of 人民调解, export-only (Linli is where these records are kept, not a spreadsheet):
the dispute register (矛盾纠纷台账) and the committee (人民调解委员会)."""

from __future__ import annotations

from import_export.resources import ModelResource

from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget
from safety.models.mediation import (
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    DisputeKind,
    DisputeLevel,
    DisputeSource,
    DisputeStatus,
    MemberBackground,
)


class _ScopedResource(ModelResource):
    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset


class DisputeCaseResource(_ScopedResource):
    number = ExcelField("number", "编号", TextWidget(20))
    kind = ExcelField("kind", "纠纷类型", ChoiceWidget(DisputeKind))
    group = ExcelField("group", "发生小组", TextWidget(50))
    source = ExcelField("source", "纠纷来源", ChoiceWidget(DisputeSource))
    received_on = ExcelField("received_on", "受理日期", DateWidget())
    applicants = ExcelField("applicants", "申请方", TextWidget(200), readonly=True)
    respondents = ExcelField("respondents", "被申请方", TextWidget(200), readonly=True)
    summary = ExcelField("summary", "纠纷简要情况", TextWidget())
    level = ExcelField("level", "调处层级", ChoiceWidget(DisputeLevel))
    mediator_names = ExcelField("mediator_names", "调解人员", TextWidget(200), readonly=True)
    session_count = ExcelField("session_count", "调解次数", TextWidget(10), readonly=True)
    status = ExcelField("status", "状态", ChoiceWidget(DisputeStatus))
    closed_on = ExcelField("closed_on", "结案日期", DateWidget())
    transferred_to = ExcelField("transferred_to", "转交单位", TextWidget(100))
    agreement_terms = ExcelField("agreement_terms", "协议内容", TextWidget())
    risks = ExcelField("risks", "风险", TextWidget(100), readonly=True)

    class Meta:
        model = DisputeCase
        fields = (
            "number", "kind", "group", "source", "received_on", "applicants", "respondents", "summary", "level",
            "mediator_names", "session_count", "status", "closed_on", "transferred_to", "agreement_terms", "risks",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .prefetch_related("parties__person", "mediators__user", "mediators__person", "sessions")
            .order_by("received_on", "number")
        )

    def _parties(self, case: DisputeCase, role: str) -> str:
        return "、".join(party.display_name for party in case.parties.all() if party.role == role)

    def dehydrate_applicants(self, case: DisputeCase) -> str:
        return self._parties(case, "applicant")

    def dehydrate_respondents(self, case: DisputeCase) -> str:
        return self._parties(case, "respondent")

    def dehydrate_mediator_names(self, case: DisputeCase) -> str:
        return "、".join(member.display_name for member in case.mediators.all())

    def dehydrate_session_count(self, case: DisputeCase) -> int:
        return len(case.sessions.all())

    def dehydrate_group(self, case: DisputeCase) -> str:
        return case.group.name if case.group_id else ""

    def dehydrate_risks(self, case: DisputeCase) -> str:
        return "、".join(case.risk_labels)


class DisputeCaseExcel(ExcelRegister):
    """矛盾纠纷台账: one row per dispute case (parties by name only, no ID numbers)."""

    code = "safety-disputes"
    title = "矛盾纠纷台账"
    model = DisputeCase
    resource_class = DisputeCaseResource
    order = 200
    select_related = ("group",)
    importable = False


class CommitteeMemberResource(_ScopedResource):
    member = ExcelField("member", "姓名", TextWidget(50), readonly=True)
    role = ExcelField("role", "调委会职务", ChoiceWidget(CommitteeRole))
    background = ExcelField("background", "身份", ChoiceWidget(MemberBackground))
    group = ExcelField("group", "联系居民小组", TextWidget(50))
    phone = ExcelField("phone", "联系电话", TextWidget(20))
    start_on = ExcelField("start_on", "任职日期", DateWidget())
    end_on = ExcelField("end_on", "离任日期", DateWidget())
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = CommitteeMember
        fields = ("member", "role", "background", "group", "phone", "start_on", "end_on", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("user", "person").order_by("start_on", "pk")

    def dehydrate_member(self, member: CommitteeMember) -> str:
        return member.display_name

    def dehydrate_group(self, member: CommitteeMember) -> str:
        return member.group.name if member.group_id else ""


class CommitteeMemberExcel(ExcelRegister):
    """人民调解委员会: one row per member, past members included (with their 离任日期)."""

    code = "safety-committee"
    title = "人民调解委员会"
    model = CommitteeMember
    resource_class = CommitteeMemberResource
    order = 199
    select_related = ("group",)
    importable = False
