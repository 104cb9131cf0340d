"""Excel exports (export only) of the 平安 records: patrols, legal-education sessions, inspections,
incidents and petitions.

The persons of incidents and petitions are exported by name only, never with their ID numbers.
"""

from __future__ import annotations

from django.db.models import Prefetch
from import_export.resources import ModelResource

from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget, YesNoWidget
from residents.models import Person
from safety.models.records import (
    HazardSeverity,
    Incident,
    IncidentKind,
    IncidentSource,
    IncidentStatus,
    Inspection,
    InspectionResult,
    LegalEducationFormat,
    LegalEducationSession,
    PatrolFinding,
    PatrolRecord,
    PatrolTeamMember,
    Petition,
    PetitionChannel,
    PetitionLevel,
    PetitionStatus,
    PetitionSubject,
)

NAMES_ONLY = Prefetch("persons", queryset=Person.objects.only("name", "birth_date").order_by("name"))


def _names(items) -> str:
    return "、".join(item.name for item in items)


class RecordsResource(ModelResource):
    """A sheet of one community as one user sees it."""

    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset

    def dehydrate_group(self, obj) -> str:
        return obj.group.name if obj.group_id else ""


#
# Patrols
#


class PatrolRecordResource(RecordsResource):
    date = ExcelField("date", "巡逻日期", DateWidget())
    start_time = ExcelField("start_time", "开始时间", TextWidget())
    end_time = ExcelField("end_time", "结束时间", TextWidget())
    hours = ExcelField("hours", "时长(小时)", TextWidget())
    team = ExcelField("team__name", "队伍", TextWidget())
    groups = ExcelField("groups", "巡逻区域", TextWidget())
    route = ExcelField("route", "巡逻路线", TextWidget())
    present = ExcelField("present", "参加人数", TextWidget())
    members = ExcelField("members_present", "参加队员", TextWidget())
    findings = ExcelField("findings", "发现情况", ChoiceWidget(PatrolFinding))
    finding_note = ExcelField("finding_note", "情况说明", TextWidget())
    follow_up = ExcelField("follow_up", "处理情况", TextWidget())

    class Meta:
        model = PatrolRecord
        fields = (
            "date", "start_time", "end_time", "hours", "team", "groups", "route", "present", "members", "findings",
            "finding_note", "follow_up",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        members = PatrolTeamMember.objects.select_related("person").order_by("role", "pk")
        return (
            super()
            .filter_export(queryset)
            .prefetch_related("groups", Prefetch("members_present", queryset=members))
            .order_by("date", "start_time", "pk")
        )

    def dehydrate_start_time(self, record) -> str:
        return f"{record.start_time:%H:%M}"

    def dehydrate_end_time(self, record) -> str:
        return f"{record.end_time:%H:%M}"

    def dehydrate_hours(self, record) -> float:
        return float(record.hours)

    def dehydrate_groups(self, record) -> str:
        return _names(record.groups.all())

    def dehydrate_present(self, record) -> int:
        return len(record.members_present.all())

    def dehydrate_members(self, record) -> str:
        return "、".join(member.display_name for member in record.members_present.all())


class PatrolRecordExcel(ExcelRegister):
    """巡逻记录 (export only)."""

    code = "safety-patrols"
    title = "巡逻记录"
    model = PatrolRecord
    resource_class = PatrolRecordResource
    order = 340
    importable = False
    select_related = ("team",)


#
# Legal education
#


class LegalEducationResource(RecordsResource):
    date = ExcelField("date", "日期", DateWidget())
    format = ExcelField("format", "形式", ChoiceWidget(LegalEducationFormat))
    topic = ExcelField("topic", "主题", TextWidget())
    audiences = ExcelField("audiences", "对象", TextWidget())
    audience_count = ExcelField("audience_count", "参加/受教育人数", TextWidget())
    speaker = ExcelField("speaker", "主讲人", TextWidget())
    materials = ExcelField("materials_distributed", "发放资料(份)", TextWidget())
    campaign = ExcelField("campaign", "所属活动", TextWidget())
    location = ExcelField("location", "地点", TextWidget())
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = LegalEducationSession
        fields = (
            "date", "format", "topic", "audiences", "audience_count", "speaker", "materials", "campaign", "location",
            "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("date", "pk")

    def dehydrate_audiences(self, session) -> str:
        return "、".join(session.audience_labels)

    def dehydrate_audience_count(self, session) -> int:
        return session.audience_count

    def dehydrate_materials(self, session) -> int:
        return session.materials_distributed


class LegalEducationExcel(ExcelRegister):
    """普法宣传 (export only)."""

    code = "safety-legal-education"
    title = "普法宣传"
    model = LegalEducationSession
    resource_class = LegalEducationResource
    order = 350
    importable = False


#
# Inspections
#


class InspectionResource(RecordsResource):
    date = ExcelField("date", "检查日期", DateWidget())
    kind = ExcelField("target__kind", "对象类型", TextWidget())
    target = ExcelField("target__name", "检查对象", TextWidget())
    group = ExcelField("group", "居民小组", TextWidget())
    inspectors = ExcelField("inspectors", "检查人员", TextWidget())
    result = ExcelField("result", "检查结果", ChoiceWidget(InspectionResult))
    hazard_description = ExcelField("hazard_description", "隐患描述", TextWidget())
    severity = ExcelField("severity", "隐患等级", ChoiceWidget(HazardSeverity))
    deadline = ExcelField("deadline", "整改期限", DateWidget())
    rectified_on = ExcelField("rectified_on", "整改完成日期", DateWidget())
    rectification_note = ExcelField("rectification_note", "整改情况", TextWidget())
    escalated_on = ExcelField("escalated_on", "上报日期", DateWidget())
    escalated_to = ExcelField("escalated_to", "上报单位", TextWidget())

    class Meta:
        model = Inspection
        fields = (
            "date", "kind", "target", "group", "inspectors", "result", "hazard_description", "severity", "deadline",
            "rectified_on", "rectification_note", "escalated_on", "escalated_to",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).prefetch_related("inspectors").order_by("date", "pk")

    def dehydrate_kind(self, inspection) -> str:
        return inspection.target.get_kind_display()

    def dehydrate_inspectors(self, inspection) -> str:
        names = [user.display_name for user in inspection.inspectors.all()]
        if inspection.other_inspectors:
            names.append(inspection.other_inspectors)
        return "、".join(names)


class InspectionExcel(ExcelRegister):
    """隐患排查记录 (export only)."""

    code = "safety-inspections"
    title = "隐患排查记录"
    model = Inspection
    resource_class = InspectionResource
    order = 360
    importable = False
    select_related = ("target", "group")


#
# Incidents
#


class IncidentResource(RecordsResource):
    date = ExcelField("date", "发生日期", DateWidget())
    kind = ExcelField("kind", "类别", ChoiceWidget(IncidentKind))
    is_major = ExcelField("is_major", "重大", YesNoWidget())
    group = ExcelField("group", "发生小组", TextWidget())
    location = ExcelField("location", "地点", TextWidget())
    source = ExcelField("source", "信息来源", ChoiceWidget(IncidentSource))
    summary = ExcelField("summary", "简要情况", TextWidget())
    person_count = ExcelField("persons", "涉及人数", TextWidget())
    persons = ExcelField("persons", "涉及人员(姓名)", TextWidget())
    minors = ExcelField("persons", "其中未成年人", TextWidget())
    outcome = ExcelField("outcome", "处理结果", TextWidget())
    status = ExcelField("status", "状态", ChoiceWidget(IncidentStatus))

    class Meta:
        model = Incident
        fields = (
            "date", "kind", "is_major", "group", "location", "source", "summary", "person_count", "persons", "minors",
            "outcome", "status",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).prefetch_related(NAMES_ONLY).order_by("date", "pk")

    def dehydrate_person_count(self, incident) -> int:
        return len(incident.persons.all())

    def dehydrate_persons(self, incident) -> str:
        return _names(incident.persons.all())

    def dehydrate_minors(self, incident) -> int:
        return len(incident.minors())


class IncidentExcel(ExcelRegister):
    """事件登记 (export only; persons by name, never their ID numbers)."""

    code = "safety-incidents"
    title = "事件登记"
    model = Incident
    resource_class = IncidentResource
    order = 370
    importable = False
    select_related = ("group",)


#
# Petitions
#


class PetitionResource(RecordsResource):
    number = ExcelField("number", "编号", TextWidget(20))
    received_on = ExcelField("received_on", "受理日期", DateWidget())
    channel = ExcelField("channel", "信访方式", ChoiceWidget(PetitionChannel))
    subject = ExcelField("subject", "事由类别", ChoiceWidget(PetitionSubject))
    description = ExcelField("description", "信访事项", TextWidget())
    group = ExcelField("group", "居民小组", TextWidget())
    petitioners = ExcelField("petitioners", "信访人(姓名)", TextWidget())
    headcount = ExcelField("headcount", "人数", TextWidget())
    collective = ExcelField("headcount", "集体访", YesNoWidget())
    level_reached = ExcelField("level_reached", "到达层级", ChoiceWidget(PetitionLevel))
    skip_level = ExcelField("level_reached", "越级", YesNoWidget())
    improper = ExcelField("caused_by_improper_handling", "因解决不当越级", YesNoWidget())
    receptionist = ExcelField("receptionist", "接待人", TextWidget())
    status = ExcelField("status", "状态", ChoiceWidget(PetitionStatus))
    result = ExcelField("result", "办理结果", TextWidget())
    closed_on = ExcelField("closed_on", "办结日期", DateWidget())
    transferred_to = ExcelField("transferred_to", "转交单位", TextWidget())

    class Meta:
        model = Petition
        fields = (
            "number", "received_on", "channel", "subject", "description", "group", "petitioners", "headcount",
            "collective", "level_reached", "skip_level", "improper", "receptionist", "status", "result", "closed_on",
            "transferred_to",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        petitioners = Prefetch("petitioners", queryset=Person.objects.only("name").order_by("name"))
        return super().filter_export(queryset).prefetch_related(petitioners).order_by("received_on", "number")

    def dehydrate_petitioners(self, petition) -> str:
        return "、".join([person.name for person in petition.petitioners.all()] + petition.outsiders)

    def dehydrate_headcount(self, petition) -> int:
        return petition.headcount

    def dehydrate_collective(self, petition) -> str:
        return "是" if petition.is_collective else "否"

    def dehydrate_skip_level(self, petition) -> str:
        return "是" if petition.is_skip_level else "否"

    def dehydrate_receptionist(self, petition) -> str:
        names = [petition.receptionist.display_name] if petition.receptionist_id else []
        if petition.receptionist_other:
            names.append(petition.receptionist_other)
        return "、".join(names)


class PetitionExcel(ExcelRegister):
    """信访台账 (export only; petitioners by name, never their ID numbers)."""

    code = "safety-petitions"
    title = "信访台账"
    model = Petition
    resource_class = PetitionResource
    order = 380
    importable = False
    select_related = ("group", "receptionist")
