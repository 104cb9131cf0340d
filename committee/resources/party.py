"""Excel sheets of the party registers.

* 党员名册 (``committee-party-members``): import and export, one row per 在册 member matched on the person's
  证件号码 (a member is a person of the community's register, 在册 once). 所在党组织 names an organisation of the
  community; 正式/预备 left blank follows the person's 政治面貌, and an existing member's kind changes only by
  转正 (the page), as their status changes only by 转出, 去世, 停止党籍. A person whose membership here ended
  (转出 …) comes back through a transfer in, not an import. New members are written as ``party_member_create``
  writes them (in the person's residents' group).
* 党组织, 组织关系转接, 在职党员报到 and 党员活动 (with their participants): export only.
"""

from __future__ import annotations

from django.db.models import Count, Q

from committee.models.party import (
    KIND_OF_POLITICAL_STATUS,
    ActivityKind,
    MemberCategory,
    MembershipKind,
    MemberStatus,
    OrganisationKind,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
    TransferDirection,
)
from governance.excel import (
    ChoiceWidget,
    DateWidget,
    ExcelField,
    ExcelRegister,
    LookupWidget,
    TextWidget,
    YesNoWidget,
    bulk_insert_with_history,
    bulk_update_with_history,
)
from residents.choices import PersonStatus
from residents.resources import ID_HEADER, NAME_HEADER, PersonByIdWidget, PersonKeyedExcel, ScopedResource
from residents.validators import mask_id_number

IMPORT_NOTE = "Excel导入"
ORGANISATION_HEADER = "所在党组织"
KIND_HEADER = "正式/预备"

CATEGORY_ALIASES = {
    "在职": "在职党员",
    "离退休": "离退休党员",
    "退休": "离退休党员",
    "流动": "流动党员",
    "下岗": "下岗党员",
    "无业": "无业党员",
    "个体": "个体户党员",
    "个体户": "个体户党员",
    "大学生": "大中专院校毕业生党员",
    "大中专院校毕业生": "大中专院校毕业生党员",
    "退伍": "退伍党员",
    "退伍军人": "退伍党员",
    "农民": "农民党员",
}


class PartyMemberResource(ScopedResource):
    person = ExcelField("person", ID_HEADER, PersonByIdWidget(), required=True)
    person_name = ExcelField(
        "person__name", NAME_HEADER, TextWidget(50), readonly=True, help="仅用于核对,须与证件号码登记的姓名一致"
    )
    sex = ExcelField("person__sex", "性别", TextWidget(2), readonly=True, help="随人口台账,导入时不读")
    group = ExcelField("group", "居民小组", TextWidget(50), readonly=True, help="随居民所在小组,导入时不读")
    organisation = ExcelField(
        "organisation",
        ORGANISATION_HEADER,
        LookupWidget("organisations", render_attr="name", noun="党组织", help="本社区党组织的全称"),
        required=True,
    )
    category = ExcelField("category", "党员类别", ChoiceWidget(MemberCategory, aliases=CATEGORY_ALIASES), required=True)
    kind = ExcelField(
        "kind",
        KIND_HEADER,
        ChoiceWidget(MembershipKind, aliases={"正式": "正式党员", "预备": "预备党员"}),
        help="留空随人口台账的政治面貌;已登记党员的转正在页面办理",
    )
    joined_on = ExcelField("joined_on", "入党时间", DateWidget(), required=True)
    confirmed_on = ExcelField("confirmed_on", "转正时间", DateWidget())
    transferred_in = ExcelField(
        "transferred_in", "组织关系转入", YesNoWidget(), help="组织关系从外单位转入本社区的填 是"
    )
    transferred_in_on = ExcelField("transferred_in_on", "转入日期", DateWidget())
    status = ExcelField(
        "status", "党籍状态", ChoiceWidget(MemberStatus), readonly=True, help="导出用;转出、去世、停止党籍在页面办理"
    )
    status_on = ExcelField("status_on", "状态变动日期", DateWidget(), readonly=True)
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = PartyMember
        import_id_fields = ("person",)
        fields = (
            "person", "person_name", "sex", "group", "organisation", "category", "kind", "joined_on", "confirmed_on",
            "transferred_in", "transferred_in_on", "status", "status_on", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("person", "group", "organisation")
            .order_by("status", "organisation__name", "person__name_pinyin", "pk")
        )

    def dehydrate_person(self, member: PartyMember) -> str:
        person = member.person
        return person.id_number if self.full_ids else person.masked_id_number

    def dehydrate_sex(self, member: PartyMember) -> str:
        return member.person.get_sex_display()

    def dehydrate_group(self, member: PartyMember) -> str:
        return member.group.name if member.group_id else ""


class PartyMemberExcel(PersonKeyedExcel):
    """党员名册: one row per 在册 member, matched on 证件号码."""

    code = "committee-party-members"
    title = "党员名册"
    model = PartyMember
    resource_class = PartyMemberResource
    order = 520
    select_related = ("person", "group", "organisation")
    key_column = ID_HEADER
    key_description = "证件号码"
    frozen_on_update = ("kind",)

    def frozen_message(self, attribute, current):
        return f"已登记党员的正式/预备不能通过导入修改(现为 {current}),预备党员转正请在党员页面办理。"

    def lookups(self, rows):
        result = super().lookups(rows)
        organisations = PartyOrganisation.objects.visible_to(self.user).filter(
            community=self.community, dissolved_on__isnull=True
        )
        result["organisations"] = {organisation.name: organisation for organisation in organisations}
        return result

    def key_of(self, row):
        person = row.values.get("person")
        return person.pk if person is not None else None

    def load(self, rows, context):
        persons = [row.key for row in rows if row.key]
        members = PartyMember.objects.filter(person_id__in=persons).select_related("community", "organisation")
        ended = set()
        elsewhere = {}
        for member in members:
            if member.status != MemberStatus.ACTIVE:
                if member.community_id == self.community.pk:
                    ended.add(member.person_id)
            elif member.community_id == self.community.pk:
                context.existing[member.person_id] = member
            else:
                elsewhere[member.person_id] = member.community.name
        context.extra["ended"] = ended
        context.extra["elsewhere"] = elsewhere

    def apply(self, row, instance):
        if not row.values.get("kind"):
            row.values.pop("kind", None)  # a blank 正式/预备 leaves a registered member's as it is
        return super().apply(row, instance)

    def build(self, row, context):
        member = PartyMember(community=self.community, status=MemberStatus.ACTIVE)
        for attribute, value in row.values.items():
            if not self.by_attribute[attribute].readonly:
                setattr(member, attribute, value)
        member.group = member.person.group
        if not member.kind:
            member.kind = KIND_OF_POLITICAL_STATUS.get(member.person.political_status, MembershipKind.FULL)
        return member

    def check(self, row, instance, context, *, new):
        self.check_name(row)
        if new:
            person = instance.person
            if person.status != PersonStatus.ACTIVE:
                row.error(ID_HEADER, f"该居民已{person.get_status_display()},不能登记为党员。")
            elsewhere = context.extra["elsewhere"].get(person.pk)
            if elsewhere:
                row.error(ID_HEADER, f"该居民已是{elsewhere}在册党员。")
            elif person.pk in context.extra["ended"]:
                row.error(ID_HEADER, "该居民在本社区的党籍已变动(转出等),回到本社区请办理组织关系转入。")
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(PartyMember, new, actor=actor, reason=f"党员登记({IMPORT_NOTE})")
        bulk_update_with_history(PartyMember, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(member for member, _ in changed)], actor)


#
# Export-only sheets
#


class PartyOrganisationResource(ScopedResource):
    name = ExcelField("name", "组织名称", TextWidget(100))
    kind = ExcelField("kind", "组织类型", ChoiceWidget(OrganisationKind))
    parent = ExcelField("parent", "上级党组织", TextWidget(100), readonly=True)
    secretary = ExcelField("secretary", "书记(组长)", TextWidget(50), readonly=True)
    group = ExcelField("group", "覆盖居民小组", TextWidget(50), readonly=True)
    unit = ExcelField("unit", "所在单位", TextWidget(100), readonly=True)
    founded_on = ExcelField("founded_on", "成立日期", DateWidget())
    members = ExcelField("members", "本级在册党员", TextWidget(10), readonly=True)
    dissolved_on = ExcelField("dissolved_on", "撤销日期", DateWidget())
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = PartyOrganisation
        fields = ("name", "kind", "parent", "secretary", "group", "unit", "founded_on", "members", "dissolved_on",
                  "note")  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("parent", "secretary__person", "group", "unit")
            .annotate(member_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)))
            .order_by("pk")
        )

    def dehydrate_parent(self, organisation: PartyOrganisation) -> str:
        return organisation.parent.name if organisation.parent_id else ""

    def dehydrate_secretary(self, organisation: PartyOrganisation) -> str:
        return organisation.secretary.person.name if organisation.secretary_id else ""

    def dehydrate_group(self, organisation: PartyOrganisation) -> str:
        return organisation.group.name if organisation.group_id else ""

    def dehydrate_unit(self, organisation: PartyOrganisation) -> str:
        return organisation.unit.name if organisation.unit_id else ""

    def dehydrate_members(self, organisation: PartyOrganisation) -> int:
        return organisation.member_count


class PartyOrganisationExcel(ExcelRegister):
    """党组织: one row per organisation."""

    code = "committee-party-organisations"
    title = "党组织"
    model = PartyOrganisation
    resource_class = PartyOrganisationResource
    order = 521
    importable = False


class PartyTransferResource(ScopedResource):
    date = ExcelField("date", "转接日期", DateWidget())
    member = ExcelField("member", NAME_HEADER, TextWidget(50), readonly=True)
    id_number = ExcelField("id_number", ID_HEADER, TextWidget(30), readonly=True)
    direction = ExcelField("direction", "转接方向", ChoiceWidget(TransferDirection))
    from_organisation = ExcelField("from_organisation", "转出党组织", TextWidget(200))
    to_organisation = ExcelField("to_organisation", "转入党组织", TextWidget(200))
    letter_number = ExcelField("letter_number", "介绍信编号", TextWidget(50))
    reason = ExcelField("reason", "转接原因", TextWidget(100))
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = PartyTransfer
        fields = ("date", "member", "id_number", "direction", "from_organisation", "to_organisation", "letter_number",
                  "reason", "note")  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("member__person").order_by("date", "pk")

    def dehydrate_member(self, transfer: PartyTransfer) -> str:
        return transfer.member.person.name

    def dehydrate_id_number(self, transfer: PartyTransfer) -> str:
        person = transfer.member.person
        return person.id_number if self.full_ids else person.masked_id_number


class PartyTransferExcel(ExcelRegister):
    """组织关系转接: one row per transfer in or out."""

    code = "committee-party-transfers"
    title = "组织关系转接"
    model = PartyTransfer
    resource_class = PartyTransferResource
    order = 522
    importable = False


class PartyCheckInResource(ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), readonly=True)
    id_number = ExcelField("id_number", "身份证号", TextWidget(30), readonly=True)
    group = ExcelField("group", "居民小组", TextWidget(50), readonly=True)
    phone = ExcelField("phone", "联系电话", TextWidget(20))
    work_unit = ExcelField("work_unit", "工作单位", TextWidget(100))
    unit_organisation = ExcelField("unit_organisation", "组织关系所在党组织", TextWidget(100))
    reported_on = ExcelField("reported_on", "报到日期", DateWidget())
    post = ExcelField("post", "认领岗位", TextWidget(100))
    commitment = ExcelField("commitment", "服务承诺", TextWidget())
    activities = ExcelField("activities", "参加活动(次)", TextWidget(10), readonly=True)
    ended_on = ExcelField("ended_on", "结束日期", DateWidget())

    class Meta:
        model = PartyCheckIn
        fields = ("name", "id_number", "group", "phone", "work_unit", "unit_organisation", "reported_on", "post",
                  "commitment", "activities", "ended_on")  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("person", "group")
            .annotate(activity_count=Count("activities"))
            .order_by("reported_on", "pk")
        )

    def dehydrate_name(self, checkin: PartyCheckIn) -> str:
        return checkin.display_name

    def dehydrate_id_number(self, checkin: PartyCheckIn) -> str:
        number = checkin.person.id_number if checkin.person_id else checkin.id_number
        if not number:
            return ""
        return number if self.full_ids else mask_id_number(number)

    def dehydrate_group(self, checkin: PartyCheckIn) -> str:
        return checkin.group.name if checkin.group_id else ""

    def dehydrate_phone(self, checkin: PartyCheckIn) -> str:
        return checkin.phone or (checkin.person.phone if checkin.person_id else "")

    def dehydrate_activities(self, checkin: PartyCheckIn) -> int:
        return checkin.activity_count


class PartyCheckInExcel(ExcelRegister):
    """在职党员报到: one row per check-in."""

    code = "committee-party-checkins"
    title = "在职党员报到"
    model = PartyCheckIn
    resource_class = PartyCheckInResource
    order = 523
    importable = False


class PartyActivityResource(ScopedResource):
    date = ExcelField("date", "活动日期", DateWidget())
    kind = ExcelField("kind", "活动类型", ChoiceWidget(ActivityKind))
    title = ExcelField("title", "活动名称", TextWidget(100))
    organisation = ExcelField("organisation", "组织单位", TextWidget(100), readonly=True)
    place = ExcelField("place", "活动地点", TextWidget(100))
    participants = ExcelField("participants", "参加党员", TextWidget(), readonly=True)
    people = ExcelField("people", "参加人数", TextWidget(10), readonly=True)
    checkins = ExcelField("checkins", "参加的报到在职党员", TextWidget(), readonly=True)
    beneficiaries = ExcelField("beneficiaries", "服务对象(户/人次)", TextWidget(10))
    description = ExcelField("description", "活动内容", TextWidget())

    class Meta:
        model = PartyActivity
        fields = ("date", "kind", "title", "organisation", "place", "participants", "people", "checkins",
                  "beneficiaries", "description")  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("organisation")
            .prefetch_related("participants__person", "checkin_participants__person")
            .order_by("date", "pk")
        )

    def dehydrate_organisation(self, activity: PartyActivity) -> str:
        return activity.organisation.name

    def dehydrate_participants(self, activity: PartyActivity) -> str:
        return "、".join(sorted(member.person.name for member in activity.participants.all()))

    def dehydrate_people(self, activity: PartyActivity) -> int:
        return len(activity.participants.all())

    def dehydrate_checkins(self, activity: PartyActivity) -> str:
        return "、".join(checkin.display_name for checkin in activity.checkin_participants.all())

    def dehydrate_beneficiaries(self, activity: PartyActivity) -> int:
        return activity.beneficiaries


class PartyActivityExcel(ExcelRegister):
    """党员活动: one row per activity with its participants."""

    code = "committee-party-activities"
    title = "党员活动"
    model = PartyActivity
    resource_class = PartyActivityResource
    order = 524
    importable = False
