"""Excel exports (export only) of 就业服务 and 关爱台账: 求职登记, 职业介绍 (with the time to placement),
关爱对象 and 走访记录. ID numbers are masked unless the user has ``residents.view_full_id_number``."""

from __future__ import annotations

from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget
from residents.resources import ID_HEADER, NAME_HEADER, ScopedResource
from services.models.care import CareKind, CareSubject, CareVisit, VisitKind
from services.models.employment import JoblessKind, JobSeeker, Referral, ReferralResult, SeekerStatus
from services.resources.welfare import CountWidget


class _PersonColumns:
    """Name and (masked) ID number of the row's person, through ``person_of(row)``."""

    def person_of(self, row):
        return row.person

    def dehydrate_name(self, row) -> str:
        return self.person_of(row).name

    def dehydrate_id_number(self, row) -> str:
        person = self.person_of(row)
        return person.id_number if self.full_ids else person.masked_id_number


class JobSeekerResource(_PersonColumns, ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), readonly=True)
    id_number = ExcelField("id_number", ID_HEADER, TextWidget(30), readonly=True)
    group = ExcelField("group", "居民小组", TextWidget(50), readonly=True)
    jobless_kind = ExcelField("jobless_kind", "人员类别", ChoiceWidget(JoblessKind))
    registered_on = ExcelField("registered_on", "登记日期", DateWidget())
    card_number = ExcelField("card_number", "就业失业登记证号", TextWidget(40))
    education = ExcelField("education", "文化程度", TextWidget(20), readonly=True)
    skills = ExcelField("skills", "技能特长", TextWidget(200))
    wanted_job = ExcelField("wanted_job", "求职意向", TextWidget(200))
    status = ExcelField("status", "状态", ChoiceWidget(SeekerStatus))
    closed_on = ExcelField("closed_on", "就业/退出日期", DateWidget())

    class Meta:
        model = JobSeeker
        fields = (
            "name",
            "id_number",
            "group",
            "jobless_kind",
            "registered_on",
            "card_number",
            "education",
            "skills",
            "wanted_job",
            "status",
            "closed_on",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("person", "group").order_by("registered_on", "pk")

    def dehydrate_group(self, seeker) -> str:
        return str(seeker.group) if seeker.group_id else ""

    def dehydrate_education(self, seeker) -> str:
        return seeker.get_education_display()


class JobSeekerExcel(ExcelRegister):
    """求职登记: one row per card."""

    code = "services-job-seekers"
    title = "求职登记"
    model = JobSeeker
    resource_class = JobSeekerResource
    order = 470
    importable = False


class ReferralResource(_PersonColumns, ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), readonly=True)
    id_number = ExcelField("id_number", ID_HEADER, TextWidget(30), readonly=True)
    employer = ExcelField("employer", "用工单位", TextWidget(100), readonly=True)
    title = ExcelField("title", "岗位", TextWidget(100), readonly=True)
    public_welfare = ExcelField("public_welfare", "公益性岗位", TextWidget(2), readonly=True)
    referred_at = ExcelField("referred_at", "介绍时间", TextWidget(20), readonly=True)
    result = ExcelField("result", "结果", ChoiceWidget(ReferralResult))
    placed_at = ExcelField("placed_at", "上岗时间", TextWidget(20), readonly=True)
    hours = ExcelField("hours", "介绍至上岗(小时)", TextWidget(10), readonly=True)
    days = ExcelField("days", "登记至上岗(天)", CountWidget(), readonly=True)
    within = ExcelField("within", "48小时内上岗", TextWidget(2), readonly=True)
    note = ExcelField("note", "说明", TextWidget(200))

    class Meta:
        model = Referral
        fields = (
            "name",
            "id_number",
            "employer",
            "title",
            "public_welfare",
            "referred_at",
            "result",
            "placed_at",
            "hours",
            "days",
            "within",
            "note",
        )
        export_order = fields

    def person_of(self, referral):
        return referral.seeker.person

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("seeker__person", "vacancy__employer_unit")
            .order_by("referred_at", "pk")
        )

    def dehydrate_employer(self, referral) -> str:
        return referral.vacancy.employer_display

    def dehydrate_title(self, referral) -> str:
        return referral.vacancy.title

    def dehydrate_public_welfare(self, referral) -> str:
        return "是" if referral.vacancy.is_public_welfare else "否"

    def dehydrate_referred_at(self, referral) -> str:
        from django.utils import timezone

        return timezone.localtime(referral.referred_at).strftime("%Y-%m-%d %H:%M")

    def dehydrate_placed_at(self, referral) -> str:
        from django.utils import timezone

        return timezone.localtime(referral.placed_at).strftime("%Y-%m-%d %H:%M") if referral.placed_at else ""

    def dehydrate_hours(self, referral) -> str:
        hours = referral.hours_to_placement
        return "" if hours is None else f"{hours:g}"

    def dehydrate_days(self, referral):
        return referral.days_from_registration

    def dehydrate_within(self, referral) -> str:
        within = referral.within_promise
        return "" if within is None else ("是" if within else "否")


class ReferralExcel(ExcelRegister):
    """职业介绍: one row per referral with its result and the time to placement."""

    code = "services-referrals"
    title = "职业介绍"
    model = Referral
    resource_class = ReferralResource
    order = 471
    importable = False


class CareSubjectResource(_PersonColumns, ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), readonly=True)
    id_number = ExcelField("id_number", ID_HEADER, TextWidget(30), readonly=True)
    group = ExcelField("group", "居民小组", TextWidget(50), readonly=True)
    kind = ExcelField("kind", "类别", ChoiceWidget(CareKind))
    caregiver = ExcelField("caregiver", "监护/照料人", TextWidget(80), readonly=True)
    caregiver_phone = ExcelField("caregiver_phone", "照料人电话", TextWidget(20))
    arrangement = ExcelField("arrangement", "照料安排", TextWidget())
    visit_interval_days = ExcelField("visit_interval_days", "走访周期(天)", CountWidget())
    responsible = ExcelField("responsible", "责任人", TextWidget(50), readonly=True)
    started_on = ExcelField("started_on", "纳入日期", DateWidget())
    ended_on = ExcelField("ended_on", "退出日期", DateWidget())
    last_visit = ExcelField("last_visit", "最近走访", TextWidget(10), readonly=True)

    class Meta:
        model = CareSubject
        fields = (
            "name",
            "id_number",
            "group",
            "kind",
            "caregiver",
            "caregiver_phone",
            "arrangement",
            "visit_interval_days",
            "responsible",
            "started_on",
            "ended_on",
            "last_visit",
        )
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .with_last_visit()
            .select_related("person", "group", "caregiver_person", "responsible")
            .order_by("kind", "pk")
        )

    def dehydrate_group(self, subject) -> str:
        return str(subject.group) if subject.group_id else ""

    def dehydrate_caregiver(self, subject) -> str:
        return subject.caregiver_display

    def dehydrate_responsible(self, subject) -> str:
        return subject.responsible.display_name if subject.responsible_id else ""

    def dehydrate_last_visit(self, subject) -> str:
        return f"{subject.last_visit_on:%Y-%m-%d}" if subject.last_visit_on else ""


class CareSubjectExcel(ExcelRegister):
    """关爱对象: one row per subject with the last visit."""

    code = "services-care-subjects"
    title = "关爱对象"
    model = CareSubject
    resource_class = CareSubjectResource
    order = 480
    importable = False


class CareVisitResource(_PersonColumns, ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), readonly=True)
    id_number = ExcelField("id_number", ID_HEADER, TextWidget(30), readonly=True)
    subject_kind = ExcelField("subject_kind", "类别", TextWidget(20), readonly=True)
    visited_on = ExcelField("visited_on", "走访日期", DateWidget())
    kind = ExcelField("kind", "方式", ChoiceWidget(VisitKind))
    visitor = ExcelField("visitor", "走访人", TextWidget(50), readonly=True)
    situation = ExcelField("situation", "情况", TextWidget())
    help_given = ExcelField("help_given", "帮助内容", TextWidget(200))
    next_action = ExcelField("next_action", "下一步", TextWidget(200))

    class Meta:
        model = CareVisit
        fields = (
            "name",
            "id_number",
            "subject_kind",
            "visited_on",
            "kind",
            "visitor",
            "situation",
            "help_given",
            "next_action",
        )
        export_order = fields

    def person_of(self, visit):
        return visit.subject.person

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("subject__person", "visitor").order_by("visited_on", "pk")

    def dehydrate_subject_kind(self, visit) -> str:
        return visit.subject.get_kind_display()

    def dehydrate_visitor(self, visit) -> str:
        return visit.visitor.display_name


class CareVisitExcel(ExcelRegister):
    """走访记录: one row per visit."""

    code = "services-care-visits"
    title = "关爱走访记录"
    model = CareVisit
    resource_class = CareVisitResource
    order = 481
    importable = False
