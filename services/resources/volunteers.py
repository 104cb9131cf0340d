"""Excel sheets of 志愿服务.

* 志愿者登记 (``services-volunteers``): import and export, one row per volunteer matched on the person's
  证件号码 (a volunteer is a person of the register, once per community). Import is preview-then-confirm
  as for every register; new volunteers are registered as ``volunteer_register`` registers them (in the
  person's residents' group, 在册 people only); 所在队伍 names teams of the community, separated by 、.
* 志愿者队伍, 志愿服务活动 (with their participants and hours) and 党员设岗定责: export only.
"""

from __future__ import annotations

import re

from django.db.models import Count, Sum

from governance.excel import (
    Change,
    ChoiceWidget,
    DateWidget,
    ExcelField,
    ExcelRegister,
    ExcelWidget,
    TextWidget,
    YesNoWidget,
    bulk_insert_with_history,
    bulk_update_with_history,
    cell_text,
)
from residents.choices import PersonStatus
from residents.resources import ID_HEADER, NAME_HEADER, PersonByIdWidget, PersonKeyedExcel, ScopedResource
from services.models.volunteers import (
    PartyPost,
    ServiceIntention,
    TeamKind,
    Volunteer,
    VolunteerActivity,
    VolunteerBackground,
    VolunteerTeam,
    intention_codes,
    intentions_value,
)

IMPORT_NOTE = "Excel导入"
TEAMS_HEADER = "所在队伍"
LIST_SEPARATORS = re.compile(r"[、,,;;/\s]+")


def split_list(text: str) -> list[str]:
    return [part for part in LIST_SEPARATORS.split(text) if part]


class IntentionsWidget(ExcelWidget):
    """服务意向: labels separated by 、 (助老、法律), stored as the codes."""

    help = "可填多项,用、分隔"

    def options(self) -> list[str]:
        return list(ServiceIntention.labels)

    def clean(self, value, row=None, **kwargs):
        by_label = {label: code for code, label in ServiceIntention.choices}
        codes, unknown = [], []
        for part in split_list(cell_text(value)):
            code = by_label.get(part) or (part if part in ServiceIntention.values else None)
            (codes if code else unknown).append(code or part)
        if unknown:
            allowed = "、".join(ServiceIntention.labels)
            raise ValueError(f"「{'、'.join(unknown)}」不是可选的服务意向,可选:{allowed}。")
        return intentions_value(codes)

    def render(self, value, obj=None, **kwargs):
        labels = dict(ServiceIntention.choices)
        return "、".join(labels.get(code, code) for code in intention_codes(value))


class TeamsWidget(ExcelWidget):
    """所在队伍: team names of the community separated by 、; read into a list of teams."""

    blank_value: list = []
    help = "本社区志愿者队伍的名称,多个用、分隔"

    def clean(self, value, row=None, context=None, **kwargs):
        teams = context.lookups["teams"] if context is not None else {}
        found, missing = [], []
        for name in split_list(cell_text(value)):
            team = teams.get(name)
            (found if team else missing).append(team or name)
        if missing:
            raise ValueError(f"本社区没有志愿者队伍「{'、'.join(missing)}」。")
        return found

    def render(self, value, obj=None, **kwargs):
        return "、".join(team.name for team in value) if value else ""


class VolunteerResource(ScopedResource):
    person = ExcelField("person", ID_HEADER, PersonByIdWidget(), required=True)
    person_name = ExcelField(
        "person__name", NAME_HEADER, TextWidget(50), readonly=True, help="仅用于核对,须与证件号码登记的姓名一致"
    )
    group = ExcelField("group", "居民小组", TextWidget(50), readonly=True, help="随居民所在小组,导入时不读")
    background = ExcelField(
        "background", "身份", ChoiceWidget(VolunteerBackground), blank=VolunteerBackground.RESIDENT, help="留空为居民"
    )
    intentions = ExcelField("intentions", "服务意向", IntentionsWidget())
    skills = ExcelField("skills", "特长技能", TextWidget(200))
    teams = ExcelField("teams", TEAMS_HEADER, TeamsWidget(), readonly=True)
    registered_on = ExcelField("registered_on", "登记日期", DateWidget(), required=True)
    is_active = ExcelField("is_active", "在册服务", YesNoWidget(), blank=True, help="填 是 或 否,留空为是")
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Volunteer
        import_id_fields = ("person",)
        fields = (
            "person", "person_name", "group", "background", "intentions", "skills", "teams", "registered_on",
            "is_active", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("person", "group")
            .prefetch_related("teams")
            .order_by("registered_on", "pk")
        )

    def dehydrate_person(self, volunteer: Volunteer) -> str:
        person = volunteer.person
        return person.id_number if self.full_ids else person.masked_id_number

    def dehydrate_group(self, volunteer: Volunteer) -> str:
        return volunteer.group.name if volunteer.group_id else ""

    def dehydrate_teams(self, volunteer: Volunteer) -> str:
        return "、".join(team.name for team in volunteer.teams.all())


class VolunteerExcel(PersonKeyedExcel):
    """志愿者登记: one row per volunteer, matched on 证件号码."""

    code = "services-volunteers"
    title = "志愿者登记"
    model = Volunteer
    resource_class = VolunteerResource
    order = 310
    select_related = ("person", "group")
    key_column = ID_HEADER
    key_description = "证件号码"

    def lookups(self, rows):
        result = super().lookups(rows)
        teams = VolunteerTeam.objects.visible_to(self.user).filter(community=self.community)
        result["teams"] = {team.name: team for team in teams}
        return result

    def key_of(self, row):
        person = row.values.get("person")
        return person.pk if person is not None else None

    def load(self, rows, context):
        persons = [row.key for row in rows if row.key]
        volunteers = Volunteer.objects.visible_to(self.user).filter(community=self.community, person_id__in=persons)
        for volunteer in volunteers.select_related("person", "group").prefetch_related("teams"):
            context.existing[volunteer.person_id] = volunteer

    def build(self, row, context):
        volunteer = Volunteer(community=self.community, is_active=True)
        for attribute, value in row.values.items():
            if not self.by_attribute[attribute].readonly:
                setattr(volunteer, attribute, value)
        volunteer.group = volunteer.person.group
        volunteer._import_teams = row.values.get("teams")
        return volunteer

    def apply(self, row, instance):
        changed = super().apply(row, instance)
        if TEAMS_HEADER in row.cells:
            wanted = row.values.get("teams") or []
            current = list(instance.teams.all())
            if {team.pk for team in wanted} != {team.pk for team in current}:
                names = ("、".join(team.name for team in teams) for teams in (current, wanted))
                row.changes.append(Change(TEAMS_HEADER, *names))
                instance._import_teams = wanted
                changed.append("teams")
        return changed

    def check(self, row, instance, context, *, new):
        self.check_name(row)
        if new and instance.person.status != PersonStatus.ACTIVE:
            row.error(ID_HEADER, f"该居民已{instance.person.get_status_display()},不能登记为志愿者。")
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(Volunteer, new, actor=actor, reason=f"志愿者登记({IMPORT_NOTE})")
        plain = [(volunteer, [a for a in attributes if a != "teams"]) for volunteer, attributes in changed]
        bulk_update_with_history(
            Volunteer, [pair for pair in plain if pair[1]], actor=actor, reason=f"信息更正({IMPORT_NOTE})"
        )
        for volunteer in [*created, *(volunteer for volunteer, _ in changed)]:
            teams = getattr(volunteer, "_import_teams", None)
            if teams is not None:
                volunteer.teams.set(teams)
        self.ensure_all_visible([*created, *(volunteer for volunteer, _ in changed)], actor)


#
# Export-only sheets
#


class VolunteerTeamResource(ScopedResource):
    name = ExcelField("name", "队伍名称", TextWidget(100))
    kind = ExcelField("kind", "队伍类型", ChoiceWidget(TeamKind))
    leader = ExcelField("leader", "队长", TextWidget(50), readonly=True)
    founded_on = ExcelField("founded_on", "成立日期", DateWidget())
    members = ExcelField("members", "队员人数", TextWidget(10), readonly=True)
    is_active = ExcelField("is_active", "在运行", YesNoWidget())
    description = ExcelField("description", "服务内容", TextWidget())

    class Meta:
        model = VolunteerTeam
        fields = ("name", "kind", "leader", "founded_on", "members", "is_active", "description")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("leader")
            .annotate(member_count=Count("members"))
            .order_by("founded_on", "pk")
        )

    def dehydrate_leader(self, team: VolunteerTeam) -> str:
        return team.leader.name if team.leader_id else ""

    def dehydrate_members(self, team: VolunteerTeam) -> int:
        return team.member_count


class VolunteerTeamExcel(ExcelRegister):
    """志愿者队伍: one row per team."""

    code = "services-volunteer-teams"
    title = "志愿者队伍"
    model = VolunteerTeam
    resource_class = VolunteerTeamResource
    order = 311
    importable = False


class VolunteerActivityResource(ScopedResource):
    date = ExcelField("date", "活动日期", DateWidget())
    title = ExcelField("title", "活动名称", TextWidget(100))
    team = ExcelField("team", "组织队伍", TextWidget(100), readonly=True)
    place = ExcelField("place", "活动地点", TextWidget(100))
    participants = ExcelField("participants", "参加志愿者", TextWidget(), readonly=True)
    people = ExcelField("people", "参加人数", TextWidget(10), readonly=True)
    hours = ExcelField("hours", "服务时长(小时)", TextWidget(10), readonly=True)
    beneficiaries = ExcelField("beneficiaries", "服务对象(人次)", TextWidget(10))
    description = ExcelField("description", "活动内容", TextWidget())

    class Meta:
        model = VolunteerActivity
        fields = (
            "date", "title", "team", "place", "participants", "people", "hours", "beneficiaries", "description",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("team")
            .prefetch_related("participations__volunteer__person")
            .annotate(total_hours=Sum("participations__hours"))
            .order_by("date", "pk")
        )

    def dehydrate_team(self, activity: VolunteerActivity) -> str:
        return activity.team.name if activity.team_id else ""

    def dehydrate_participants(self, activity: VolunteerActivity) -> str:
        return "、".join(
            f"{p.volunteer.person.name}({format(p.hours.normalize(), 'f')}小时)" for p in activity.participations.all()
        )

    def dehydrate_people(self, activity: VolunteerActivity) -> int:
        return len(activity.participations.all())

    def dehydrate_hours(self, activity: VolunteerActivity) -> float:
        return float(activity.total_hours or 0)

    def dehydrate_beneficiaries(self, activity: VolunteerActivity) -> int:
        return activity.beneficiaries


class VolunteerActivityExcel(ExcelRegister):
    """志愿服务活动: one row per activity with its participants and their hours."""

    code = "services-volunteer-activities"
    title = "志愿服务活动"
    model = VolunteerActivity
    resource_class = VolunteerActivityResource
    order = 312
    importable = False


class PartyPostResource(ScopedResource):
    name = ExcelField("name", "岗位名称", TextWidget(100))
    member = ExcelField("member", "党员", TextWidget(50), readonly=True)
    group = ExcelField("group", "责任片区", TextWidget(50), readonly=True)
    duty = ExcelField("duty", "岗位职责", TextWidget())
    start_on = ExcelField("start_on", "上岗日期", DateWidget())
    end_on = ExcelField("end_on", "离岗日期", DateWidget())
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = PartyPost
        fields = ("name", "member", "group", "duty", "start_on", "end_on", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("member", "group").order_by("name", "start_on", "pk")

    def dehydrate_member(self, post: PartyPost) -> str:
        return post.member.name

    def dehydrate_group(self, post: PartyPost) -> str:
        return post.group.name if post.group_id else "全社区"


class PartyPostExcel(ExcelRegister):
    """党员设岗定责: one row per post (party members by name only)."""

    code = "services-party-posts"
    title = "党员设岗定责"
    model = PartyPost
    resource_class = PartyPostResource
    order = 313
    importable = False
