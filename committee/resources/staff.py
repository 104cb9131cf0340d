"""Excel sheets of the staff area.

* 社区工作人员 (``committee-staff``): import and export, one row per staff record matched on 姓名 within the
  community (a name two records share cannot be matched: such rows are refused, edit them in Linli). 证件号码
  links the record to a person of the register (optional; masked on export without the right to full numbers).
  两委职务 is exported for reading; posts are added on the staff page. A 离岗日期 set by import does not end open
  posts (the staff page does): an import is for the roster, not for departures.
* 培训记录 (``committee-training``): import and export, one row per training of a staff member (named by 姓名),
  matched on 姓名 + 开始日期 + 培训内容; 培训天数 left blank is the calendar span of the dates.
* 居民代表和居民小组长 (``committee-representatives``): import and export, one row per term matched on 证件号码 +
  类别 + 任期开始; 居民小组 left blank is the person's group.
* 两委职务, 工作机构成员, 考勤 and 选举: export only (they change through their pages and services).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch

from committee.models.staff import (
    AttendanceStatus,
    Body,
    CommitteePost,
    Election,
    ElectionKind,
    EmploymentKind,
    MemberRole,
    Position,
    Post,
    RepresentativeKind,
    ResidentRepresentative,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBodyKind,
    WorkingBodyMember,
)
from governance.excel import (
    ChoiceWidget,
    DateWidget,
    ExcelField,
    ExcelRegister,
    ExcelWidget,
    LookupWidget,
    TextWidget,
    YesNoWidget,
    bulk_insert_with_history,
    bulk_update_with_history,
    cell_text,
)
from governance.models import ResidentGroup
from residents.choices import Education
from residents.models import Person
from residents.resources import (
    ID_HEADER,
    NAME_HEADER,
    PersonByIdWidget,
    PersonKeyedExcel,
    ScopedResource,
    id_key,
    id_number_cell,
)

IMPORT_NOTE = "Excel导入"
EDUCATION_ALIASES = {"高中": "高中/中专", "中专": "高中/中专", "大学": "本科", "硕士": "研究生", "博士": "研究生"}
START_HEADER = "开始日期"
TOPIC_HEADER = "培训内容"
KIND_HEADER = "类别"
TERM_HEADER = "任期开始"


def _group_lookup(help: str) -> LookupWidget:
    return LookupWidget("groups", render_attr="name", noun="居民小组", help=help)


def _groups(register: ExcelRegister) -> dict[str, ResidentGroup]:
    groups = ResidentGroup.objects.visible_to(register.user).filter(community=register.community)
    return {group.name: group for group in groups}


def _persons(register: ExcelRegister, rows) -> dict[str, Person]:
    """The people of the community named in the 证件号码 column, by their stored number."""
    numbers = set()
    for row in rows:
        try:
            text = id_number_cell(row.cells.get(ID_HEADER))
        except ValueError:
            continue
        if text:
            numbers.update({text, id_key(text)})
    people = Person.objects.visible_to(register.user).filter(community=register.community, id_number__in=numbers)
    return {person.id_number: person for person in people}


def _masked_person(resource, person: Person | None) -> str:
    if person is None:
        return ""
    return person.id_number if resource.full_ids else person.masked_id_number


class DaysWidget(ExcelWidget):
    """培训天数: a positive number with at most one decimal (半天 = 0.5)."""

    blank_value = None
    help = "数字,可填0.5;留空按起止日期计算"

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace("天", "").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"「{cell_text(value)}」不是有效的天数。") from None
        if not number.is_finite() or number <= 0:
            raise ValueError("培训天数必须大于0。")
        if number != number.quantize(Decimal("0.1")):
            raise ValueError("培训天数最多一位小数。")
        return number.quantize(Decimal("0.1"))

    def render(self, value, obj=None, **kwargs):
        return None if value is None else float(value)


class StaffByNameWidget(ExcelWidget):
    """A staff member of the community named by 姓名 (unambiguous names only)."""

    blank_value = None
    help = "本社区工作人员的姓名"

    def clean(self, value, row=None, context=None, **kwargs):
        name = cell_text(value)
        found = context.lookups["staff"].get(name, ()) if context is not None else ()
        if not found:
            raise ValueError(f"本社区没有名为「{name}」的工作人员(或不在您的管辖范围内)。")
        if len(found) > 1:
            raise ValueError(f"本社区有{len(found)}名工作人员叫「{name}」,无法按姓名对应,请在系统中登记。")
        return found[0]

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value.name


def _staff_by_name(register: ExcelRegister) -> dict[str, list[Staff]]:
    by_name: dict[str, list[Staff]] = {}
    for member in Staff.objects.visible_to(register.user).filter(community=register.community).order_by("pk"):
        by_name.setdefault(member.name, []).append(member)
    return by_name


def _current_posts(member: Staff) -> str:
    return "、".join(f"{post.get_body_display()}{post.get_post_display()}" for post in member.open_posts)


#
# 社区工作人员
#


class OptionalPersonWidget(PersonByIdWidget):
    def __init__(self):
        super().__init__()
        self.help = "本社区在册居民担任的填写,须已在人口台账登记"


class StaffResource(ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), required=True)
    person = ExcelField("person", ID_HEADER, OptionalPersonWidget())
    phone = ExcelField("phone", "联系电话", TextWidget(20))
    position = ExcelField("position", "职务", ChoiceWidget(Position, aliases={"小组长": "居民小组长"}), required=True)
    posts = ExcelField("posts", "两委职务", TextWidget(100), readonly=True, help="导出用;任职在工作人员页面办理")
    group = ExcelField("group", "所在居民小组", _group_lookup("本社区居民小组的名称;小组长、小组干部必填"))
    full_time = ExcelField("full_time", "专职", YesNoWidget(), blank=True, help="填 是 或 否,留空为是")
    employment_kind = ExcelField("employment_kind", "用工性质", ChoiceWidget(EmploymentKind), required=True)
    education = ExcelField("education", "文化程度", ChoiceWidget(Education, aliases=EDUCATION_ALIASES))
    certified = ExcelField("certified", "持证上岗", YesNoWidget())
    certificate_number = ExcelField("certificate_number", "证书编号", TextWidget(50), help="持证上岗的必填")
    certified_on = ExcelField("certified_on", "取得证书日期", DateWidget())
    social_work_trained = ExcelField("social_work_trained", "接受过社会工作培训", YesNoWidget())
    pay_grade = ExcelField("pay_grade", "薪酬档次", TextWidget(20))
    responsibilities = ExcelField("responsibilities", "分工", TextWidget())
    joined_on = ExcelField("joined_on", "到岗日期", DateWidget(), required=True)
    left_on = ExcelField("left_on", "离岗日期", DateWidget())
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Staff
        import_id_fields = ("name",)
        fields = (
            "name", "person", "phone", "position", "posts", "group", "full_time", "employment_kind", "education",
            "certified", "certificate_number", "certified_on", "social_work_trained", "pay_grade", "responsibilities",
            "joined_on", "left_on", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        posts = CommitteePost.objects.filter(end_on__isnull=True).order_by("body", "post")
        return (
            super()
            .filter_export(queryset)
            .select_related("person", "group")
            .prefetch_related(Prefetch("posts", queryset=posts, to_attr="open_posts"))
            .order_by("left_on", "name", "pk")
        )

    def dehydrate_person(self, member: Staff) -> str:
        return _masked_person(self, member.person)

    def dehydrate_posts(self, member: Staff) -> str:
        return _current_posts(member)

    def dehydrate_group(self, member: Staff) -> str:
        return member.group.name if member.group_id else ""


class StaffExcel(ExcelRegister):
    """社区工作人员: one row per staff record, matched on 姓名."""

    code = "committee-staff"
    title = "社区工作人员"
    model = Staff
    resource_class = StaffResource
    order = 500
    select_related = ("person", "group")
    key_columns = (NAME_HEADER,)
    key_column = NAME_HEADER
    key_description = "姓名"

    def lookups(self, rows):
        return {"groups": _groups(self), "persons": _persons(self, rows)}

    def key_of(self, row):
        return row.values.get("name") or None

    def load(self, rows, context):
        by_name = _staff_by_name(self)
        context.extra["ambiguous"] = {name for name, found in by_name.items() if len(found) > 1}
        hidden = set(
            Staff.objects.filter(community=self.community, name__in=[row.key for row in rows if row.key])
            .exclude(pk__in=[member.pk for found in by_name.values() for member in found])
            .values_list("name", flat=True)
        )
        context.extra["hidden"] = hidden
        for name, found in by_name.items():
            if len(found) == 1:
                context.existing[name] = found[0]

    def build(self, row, context):
        member = Staff(community=self.community)
        for attribute, value in row.values.items():
            if not self.by_attribute[attribute].readonly:
                setattr(member, attribute, value)
        return member

    def check(self, row, instance, context, *, new):
        if row.key in context.extra["ambiguous"]:
            row.error(NAME_HEADER, f"本社区有多名工作人员叫「{row.key}」,无法按姓名对应,请在系统中修改。")
            return
        if new and row.key in context.extra["hidden"]:
            row.error(NAME_HEADER, "本社区已有同名工作人员,但不在您的管辖范围内。")
            return
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(Staff, new, actor=actor, reason=f"登记工作人员({IMPORT_NOTE})")
        bulk_update_with_history(Staff, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(member for member, _ in changed)], actor)


#
# 培训记录
#


class TrainingRecordResource(ScopedResource):
    staff = ExcelField("staff", NAME_HEADER, StaffByNameWidget(), required=True)
    kind = ExcelField("kind", "培训类别", ChoiceWidget(TrainingKind), required=True)
    topic = ExcelField("topic", TOPIC_HEADER, TextWidget(100), required=True)
    provider = ExcelField("provider", "主办单位", TextWidget(100))
    start_on = ExcelField("start_on", START_HEADER, DateWidget(), required=True)
    end_on = ExcelField("end_on", "结束日期", DateWidget(), required=True)
    days = ExcelField("days", "培训天数", DaysWidget())
    certificate_obtained = ExcelField("certificate_obtained", "取得证书", YesNoWidget())
    certificate_number = ExcelField("certificate_number", "证书编号", TextWidget(50), help="取得证书的必填")
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = TrainingRecord
        fields = (
            "staff", "kind", "topic", "provider", "start_on", "end_on", "days", "certificate_obtained",
            "certificate_number", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("staff").order_by("start_on", "staff__name", "pk")

    def dehydrate_staff(self, record: TrainingRecord) -> str:
        return record.staff.name


class TrainingRecordExcel(ExcelRegister):
    """培训记录: one row per training of a staff member, matched on 姓名 + 开始日期 + 培训内容."""

    code = "committee-training"
    title = "培训记录"
    model = TrainingRecord
    resource_class = TrainingRecordResource
    order = 501
    select_related = ("staff",)
    key_columns = (NAME_HEADER, START_HEADER, TOPIC_HEADER)
    key_column = TOPIC_HEADER
    key_description = "姓名、开始日期和培训内容"

    def lookups(self, rows):
        return {"staff": _staff_by_name(self)}

    def key_of(self, row):
        staff, start, topic = (row.values.get(name) for name in ("staff", "start_on", "topic"))
        return (staff.pk, start, topic) if staff and start and topic else None

    def load(self, rows, context):
        staff = {row.key[0] for row in rows if row.key}
        records = TrainingRecord.objects.visible_to(self.user).filter(community=self.community, staff_id__in=staff)
        for record in records.select_related("staff"):
            context.existing[(record.staff_id, record.start_on, record.topic)] = record

    def build(self, row, context):
        record = TrainingRecord(community=self.community)
        for attribute, value in row.values.items():
            setattr(record, attribute, value)
        self._fill_days(record)
        return record

    def apply(self, row, instance):
        changed = super().apply(row, instance)
        if "days" in changed and instance.days is None:
            self._fill_days(instance)
        return changed

    @staticmethod
    def _fill_days(record: TrainingRecord) -> None:
        if record.days is None and record.start_on and record.end_on and record.end_on >= record.start_on:
            record.days = Decimal((record.end_on - record.start_on).days + 1)

    def check(self, row, instance, context, *, new):
        if instance.end_on and instance.start_on and instance.end_on < instance.start_on:
            row.error("结束日期", "结束日期不能早于开始日期。")
            return
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(TrainingRecord, new, actor=actor, reason=f"登记培训({IMPORT_NOTE})")
        bulk_update_with_history(TrainingRecord, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(record for record, _ in changed)], actor)


#
# 居民代表和居民小组长
#


class ResidentRepresentativeResource(ScopedResource):
    person = ExcelField("person", ID_HEADER, PersonByIdWidget(), required=True)
    person_name = ExcelField(
        "person__name", NAME_HEADER, TextWidget(50), readonly=True, help="仅用于核对,须与证件号码登记的姓名一致"
    )
    kind = ExcelField(
        "kind",
        KIND_HEADER,
        ChoiceWidget(RepresentativeKind, aliases={"小组长": "居民小组长"}),
        blank=RepresentativeKind.REPRESENTATIVE,
        help="留空为居民代表",
    )
    group = ExcelField("group", "居民小组", _group_lookup("所代表的居民小组;留空为该居民所在小组"))
    start_on = ExcelField("start_on", TERM_HEADER, DateWidget(), required=True)
    end_on = ExcelField("end_on", "任期结束", DateWidget())
    elected_on = ExcelField("elected_on", "当选日期", DateWidget())
    phone = ExcelField("person__phone", "联系电话", TextWidget(20), readonly=True, help="随人口台账,导入时不读")
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = ResidentRepresentative
        fields = ("person", "person_name", "kind", "group", "start_on", "end_on", "elected_on", "phone", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("person", "group")
            .order_by("kind", "group__order", "start_on", "pk")
        )

    def dehydrate_person(self, term: ResidentRepresentative) -> str:
        return _masked_person(self, term.person)

    def dehydrate_group(self, term: ResidentRepresentative) -> str:
        return term.group.name


class ResidentRepresentativeExcel(PersonKeyedExcel):
    """居民代表和居民小组长: one row per term, matched on 证件号码 + 类别 + 任期开始."""

    code = "committee-representatives"
    title = "居民代表和居民小组长"
    model = ResidentRepresentative
    resource_class = ResidentRepresentativeResource
    order = 502
    select_related = ("person", "group")
    key_column = ID_HEADER
    key_description = "证件号码、类别和任期开始"

    def lookups(self, rows):
        result = super().lookups(rows)
        result["groups"] = _groups(self)
        return result

    def key_of(self, row):
        person, start = row.values.get("person"), row.values.get("start_on")
        kind = row.values.get("kind") or RepresentativeKind.REPRESENTATIVE
        return (person.pk, kind, start) if person and start else None

    def load(self, rows, context):
        persons = {row.key[0] for row in rows if row.key}
        terms = ResidentRepresentative.objects.visible_to(self.user).filter(
            community=self.community, person_id__in=persons
        )
        for term in terms.select_related("person", "group"):
            context.existing[(term.person_id, term.kind, term.start_on)] = term

    def build(self, row, context):
        self._default_group(row)
        term = ResidentRepresentative(community=self.community)
        for attribute, value in row.values.items():
            if not self.by_attribute[attribute].readonly:
                setattr(term, attribute, value)
        return term

    def apply(self, row, instance):
        self._default_group(row)
        return super().apply(row, instance)

    @staticmethod
    def _default_group(row) -> None:
        """A blank 居民小组 is the person's group."""
        person = row.values.get("person")
        if row.values.get("group") is None and person is not None and person.group_id:
            row.values["group"] = person.group

    def check(self, row, instance, context, *, new):
        self.check_name(row)
        if instance.group_id is None:
            row.error("居民小组", "该居民没有所在居民小组,请填写所代表的小组。")
            return
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(
            ResidentRepresentative, new, actor=actor, reason=f"登记居民代表({IMPORT_NOTE})"
        )
        bulk_update_with_history(ResidentRepresentative, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(term for term, _ in changed)], actor)


#
# Export-only sheets
#


class CommitteePostResource(ScopedResource):
    body = ExcelField("body", "班子", ChoiceWidget(Body))
    post = ExcelField("post", "职务", ChoiceWidget(Post))
    staff = ExcelField("staff", NAME_HEADER, TextWidget(50), readonly=True)
    start_on = ExcelField("start_on", "任期开始", DateWidget())
    end_on = ExcelField("end_on", "任期结束", DateWidget())
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = CommitteePost
        fields = ("body", "post", "staff", "start_on", "end_on", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("staff").order_by("body", "start_on", "post", "pk")

    def dehydrate_staff(self, post: CommitteePost) -> str:
        return post.staff.name


class CommitteePostExcel(ExcelRegister):
    """两委职务: every term of a 两委 post, past and present."""

    code = "committee-posts"
    title = "两委职务"
    model = CommitteePost
    resource_class = CommitteePostResource
    order = 503
    importable = False


class WorkingBodyMemberResource(ScopedResource):
    body = ExcelField("body", "工作机构", TextWidget(100), readonly=True)
    kind = ExcelField("body__kind", "机构类别", ChoiceWidget(WorkingBodyKind), readonly=True)
    name = ExcelField("name", NAME_HEADER, TextWidget(50), readonly=True)
    identity = ExcelField("identity", "身份", TextWidget(20), readonly=True)
    role = ExcelField("role", "职务", ChoiceWidget(MemberRole))
    start_on = ExcelField("start_on", "任职日期", DateWidget())
    end_on = ExcelField("end_on", "离任日期", DateWidget())
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = WorkingBodyMember
        fields = ("body", "kind", "name", "identity", "role", "start_on", "end_on", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("body", "staff", "person")
            .order_by("body__kind", "body__name", "role", "start_on", "pk")
        )

    def dehydrate_body(self, member: WorkingBodyMember) -> str:
        return member.body.name

    def dehydrate_kind(self, member: WorkingBodyMember) -> str:
        return member.body.get_kind_display()

    def dehydrate_name(self, member: WorkingBodyMember) -> str:
        return member.display_name

    def dehydrate_identity(self, member: WorkingBodyMember) -> str:
        if member.staff_id:
            return "工作人员"
        return "居民" if member.person_id else "其他"


class WorkingBodyMemberExcel(ExcelRegister):
    """工作机构成员: a row per member of each working body."""

    code = "committee-working-bodies"
    title = "工作机构成员"
    model = WorkingBodyMember
    resource_class = WorkingBodyMemberResource
    order = 504
    importable = False


class WorkAttendanceResource(ScopedResource):
    date = ExcelField("date", "日期", DateWidget())
    staff = ExcelField("staff", NAME_HEADER, TextWidget(50), readonly=True)
    status = ExcelField("status", "出勤情况", ChoiceWidget(AttendanceStatus))
    note = ExcelField("note", "说明", TextWidget(200))
    recorded_by = ExcelField("recorded_by", "登记人", TextWidget(50), readonly=True)

    class Meta:
        model = WorkAttendance
        fields = ("date", "staff", "status", "note", "recorded_by")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("staff", "recorded_by").order_by("date", "staff__name")

    def dehydrate_staff(self, row: WorkAttendance) -> str:
        return row.staff.name

    def dehydrate_recorded_by(self, row: WorkAttendance) -> str:
        return row.recorded_by.display_name


class WorkAttendanceExcel(ExcelRegister):
    """考勤: every recorded day."""

    code = "committee-attendance"
    title = "考勤记录"
    model = WorkAttendance
    resource_class = WorkAttendanceResource
    order = 505
    importable = False


class ElectionResource(ScopedResource):
    kind = ExcelField("kind", "选举类别", ChoiceWidget(ElectionKind))
    term_label = ExcelField("term_label", "届次", TextWidget(20))
    date = ExcelField("date", "选举日期", DateWidget())
    registered_voters = ExcelField("registered_voters", "选民数", TextWidget(10))
    votes_cast = ExcelField("votes_cast", "参选人数", TextWidget(10))
    turnout = ExcelField("turnout", "参选率", TextWidget(10), readonly=True)
    elected = ExcelField("elected", "当选人", TextWidget(), readonly=True)
    confirmed = ExcelField("confirmed", "已确认当选", YesNoWidget(), readonly=True)
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Election
        fields = (
            "kind", "term_label", "date", "registered_voters", "votes_cast", "turnout", "elected", "confirmed", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).prefetch_related("candidates__staff", "candidates__person")

    def dehydrate_turnout(self, election: Election) -> str:
        return election.turnout_display

    def dehydrate_elected(self, election: Election) -> str:
        names = []
        for candidate in election.candidates.all():
            if candidate.elected:
                post = f"({candidate.get_post_sought_display()})" if candidate.post_sought else ""
                names.append(f"{candidate.display_name}{post}")
        return "、".join(names)

    def dehydrate_confirmed(self, election: Election) -> str:
        return "是" if election.is_confirmed else "否"


class ElectionExcel(ExcelRegister):
    """选举: one row per election with its turnout and the elected."""

    code = "committee-elections"
    title = "选举"
    model = Election
    resource_class = ElectionResource
    order = 506
    importable = False
