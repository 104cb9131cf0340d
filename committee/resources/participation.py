"""Excel sheets of residents' participation.

* 意见建议 (``committee-suggestions``): import and export, one row per suggestion matched on its 编号. A row
  with a blank 编号 is a new suggestion, numbered on import (``<year>-<n>`` per community and year, as the page
  numbers it); a 编号 the register does not hold is an error. Old 登记本 pages can come in with their outcome:
  状态 (blank = 已受理), 承办人 (a staff member, else an account, of the community, by name), the dates and the
  answer, checked as the pages check them. On a registered suggestion the receipt date, the status and its
  steps are not changed by an import (they move on the suggestion's page). 提出人证件号码 names a person of
  the register (masked on export unless the user may see full numbers); 提出人姓名 is then that person's name.
* 居务公开 (``committee-disclosures``) and 民主测评 (``committee-evaluations``): export only.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from committee.models.participation import (
    Disclosure,
    DisclosureChannel,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    EvaluationKind,
    Suggestion,
    SuggestionCategory,
    SuggestionSource,
    SuggestionStatus,
)
from committee.models.staff import Staff
from committee.selectors.participation import format_rate
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
    fetch_by_keys,
    visible_pks,
)
from governance.models import ResidentGroup, User
from governance.numbering import next_number
from residents.models import Person
from residents.resources import ScopedResource, id_key, id_number_cell

IMPORT_NOTE = "Excel导入"
NUMBER_HEADER = "编号"
PERSON_HEADER = "提出人证件号码"
NAME_HEADER = "提出人姓名"
HANDLER_HEADER = "承办人"


class SubmitterWidget(LookupWidget):
    """A person of the community by 证件号码 (blank: no person)."""

    def __init__(self):
        super().__init__("persons", render_attr="id_number", noun="证件号码为", help="在册居民填写,须已在人口台账登记")

    def clean(self, value, row=None, context=None, **kwargs):
        text = id_number_cell(value)
        found = context.lookups["persons"].get(id_key(text)) or context.lookups["persons"].get(text)
        if found is None:
            raise ValueError(f"人口台账中没有证件号码为「{text}」的本社区居民(或不在您的管辖范围内)。")
        return found


class HandlerWidget(ExcelWidget):
    """A handler by name: a staff member of the community, else an account of the community."""

    blank_value = None
    help = "本社区工作人员(或系统账号)的姓名"

    def clean(self, value, row=None, context=None, **kwargs):
        text = cell_text(value)
        for kind in ("staff", "users"):
            found = context.lookups[f"handler_{kind}"].get(text, [])
            if len(found) > 1:
                raise ValueError(f"本社区有{len(found)}名叫「{text}」的工作人员,请在页面上交办。")
            if found:
                return found[0]
        raise ValueError(f"本社区没有叫「{text}」的工作人员或账号。")

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value.name if isinstance(value, Staff) else value.display_name


class SuggestionResource(ScopedResource):
    number = ExcelField("number", NUMBER_HEADER, TextWidget(20), help="新登记的留空,导入时自动编号")
    received_on = ExcelField("received_on", "受理日期", DateWidget(), required=True)
    source = ExcelField("source", "来源", ChoiceWidget(SuggestionSource), required=True)
    group = ExcelField(
        "group",
        "居民小组",
        LookupWidget("groups", render_attr="name", noun="居民小组", help="本社区居民小组的名称;留空随提出人所在小组"),
    )
    submitter_person = ExcelField("submitter_person", PERSON_HEADER, SubmitterWidget())
    submitter_name = ExcelField("submitter_name", NAME_HEADER, TextWidget(50), help="非在册居民填写;匿名时留空")
    anonymous = ExcelField("anonymous", "匿名", YesNoWidget())
    submitter_phone = ExcelField("submitter_phone", "联系电话", TextWidget(20))
    category = ExcelField("category", "类别", ChoiceWidget(SuggestionCategory), required=True)
    content = ExcelField("content", "意见建议内容", TextWidget(), required=True)
    status = ExcelField(
        "status", "状态", ChoiceWidget(SuggestionStatus), blank=SuggestionStatus.RECEIVED, help="留空为已受理"
    )
    handler = ExcelField("handler", HANDLER_HEADER, HandlerWidget())
    assigned_on = ExcelField("assigned_on", "交办日期", DateWidget())
    answered_on = ExcelField("answered_on", "答复日期", DateWidget())
    implemented_on = ExcelField("implemented_on", "落实日期", DateWidget())
    reply = ExcelField("reply", "答复内容", TextWidget())
    decline_reason = ExcelField("decline_reason", "不予采纳原因", TextWidget())
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Suggestion
        import_id_fields = ("number",)
        fields = (
            "number", "received_on", "source", "group", "submitter_person", "submitter_name", "anonymous",
            "submitter_phone", "category", "content", "status", "handler", "assigned_on", "answered_on",
            "implemented_on", "reply", "decline_reason", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("group", "submitter_person", "handler", "handler_user")
            .order_by("received_on", "number")
        )

    def dehydrate_submitter_person(self, suggestion: Suggestion) -> str:
        person = suggestion.submitter_person
        if person is None:
            return ""
        return person.id_number if self.full_ids else person.masked_id_number

    def dehydrate_submitter_name(self, suggestion: Suggestion) -> str:
        return suggestion.submitter_person.name if suggestion.submitter_person_id else suggestion.submitter_name

    def dehydrate_handler(self, suggestion: Suggestion) -> str:
        return suggestion.handler_display


# What an import never changes on a registered suggestion: its number's year and its steps.
STEP_ATTRIBUTES = ("received_on", "status", "assigned_on", "answered_on", "implemented_on", "reply", "decline_reason")


class SuggestionExcel(ExcelRegister):
    """意见建议: one row per suggestion, matched on 编号 (blank: a new one)."""

    code = "committee-suggestions"
    title = "意见建议"
    model = Suggestion
    resource_class = SuggestionResource
    order = 630
    select_related = ("group", "submitter_person", "handler", "handler_user")
    key_columns = (NUMBER_HEADER, NAME_HEADER)
    key_column = NUMBER_HEADER
    key_description = "编号"
    frozen_on_update = (*STEP_ATTRIBUTES, "handler")

    def frozen_message(self, attribute, current):
        return f"已登记的意见建议不能通过导入修改此项(现为 {current}),请在意见建议页面办理。"

    def lookups(self, rows):
        numbers = set()
        for row in rows:
            try:
                text = id_number_cell(row.cells.get(PERSON_HEADER))
            except ValueError:
                continue
            if text:
                numbers.update({text, id_key(text)})
        persons = {
            person.id_number: person
            for person in Person.objects.visible_to(self.user).filter(community=self.community, id_number__in=numbers)
        }
        groups = ResidentGroup.objects.visible_to(self.user).filter(community=self.community)
        staff, users = defaultdict(list), defaultdict(list)
        for member in Staff.objects.visible_to(self.user).filter(community=self.community):
            staff[member.name].append(member)
        for account in User.objects.visible_to(self.user).filter(community=self.community):
            users[account.display_name].append(account)
        return {
            "persons": persons,
            "groups": {group.name: group for group in groups},
            "handler_staff": staff,
            "handler_users": users,
        }

    def label_of(self, row):
        number = cell_text(row.cells.get(NUMBER_HEADER))
        person = row.values.get("submitter_person")
        who = person.name if person is not None else cell_text(row.cells.get(NAME_HEADER))
        return " ".join(part for part in (number or "(新)", who) if part)

    def key_of(self, row):
        return row.values.get("number") or None

    def load(self, rows, context):
        numbers = [row.key for row in rows if row.key]
        found = fetch_by_keys(
            Suggestion.objects.filter(community=self.community).select_related(*self.select_related), "number", numbers
        )
        visible = visible_pks(Suggestion, self.user, found)
        context.extra["hidden"] = set()
        for suggestion in found:
            if suggestion.pk in visible:
                context.existing[suggestion.number] = suggestion
            else:
                context.extra["hidden"].add(suggestion.number)

    def _submitter(self, row) -> None:
        """A person named by 证件号码: 提出人姓名 must be theirs, and is not stored."""
        person = row.values.get("submitter_person")
        if person is None:
            return
        name = row.values.pop("submitter_name", "") or ""
        if name and name != person.name:
            row.error(NAME_HEADER, f"与证件号码登记的姓名「{person.name}」不符。")

    @staticmethod
    def _set_handler(instance: Suggestion, handler) -> None:
        instance.handler = handler if isinstance(handler, Staff) else None
        instance.handler_user = handler if isinstance(handler, User) else None

    def build(self, row, context):
        if row.key:
            hidden = row.key in context.extra["hidden"]
            row.error(
                NUMBER_HEADER,
                "该编号的意见建议不在您的管辖范围内。"
                if hidden
                else f"本社区没有编号为「{row.key}」的意见建议;新登记的请将编号留空。",
            )
            return None
        self._submitter(row)
        suggestion = Suggestion(community=self.community, recorded_by=self.user)
        for attribute, value in row.values.items():
            if attribute == "handler":
                self._set_handler(suggestion, value)
            elif attribute != "number":
                setattr(suggestion, attribute, value)
        if suggestion.group_id is None and suggestion.submitter_person is not None:
            suggestion.group_id = suggestion.submitter_person.group_id
        return suggestion

    def apply(self, row, instance):
        self._submitter(row)
        handler = row.values.pop("handler", None) if "handler" in row.values else ...
        changed = super().apply(row, instance)
        if handler is not ...:
            current = instance.handler or instance.handler_user
            if handler != current:
                row.error(HANDLER_HEADER, self.frozen_message("handler", HandlerWidget().render(current) or "空"))
        if "submitter_person" in changed and instance.submitter_person_id:
            instance.submitter_name = ""
            if "submitter_name" not in changed:
                changed.append("submitter_name")
        return changed

    def check(self, row, instance, context, *, new):
        if new:
            for attribute, column in (("received_on", "受理日期"), ("assigned_on", "交办日期")):
                day = getattr(instance, attribute)
                if day is not None and day > timezone.localdate():
                    row.error(column, "不能晚于今天。")
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        next_by_year: dict[int, int] = {}
        for suggestion in sorted(new, key=lambda s: (s.received_on, s.pk or 0)):
            year = suggestion.received_on.year
            if year not in next_by_year:
                first = next_number(Suggestion.objects.all(), community=self.community, year=year)
                next_by_year[year] = int(first.split("-")[1])
            suggestion.number = f"{year}-{next_by_year[year]:03d}"
            next_by_year[year] += 1
            suggestion.recorded_by = actor
        created = bulk_insert_with_history(Suggestion, new, actor=actor, reason=f"受理({IMPORT_NOTE})")
        bulk_update_with_history(Suggestion, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(suggestion for suggestion, _ in changed)], actor)


#
# Export-only sheets
#


class DisclosureResource(ScopedResource):
    published_on = ExcelField("published_on", "公开日期", DateWidget())
    kind = ExcelField("kind", "公开类型", ChoiceWidget(DisclosureKind))
    title = ExcelField("title", "标题", TextWidget(100))
    period = ExcelField("period", "公开期间", TextWidget(50), readonly=True)
    regular = ExcelField("regular", "计入定期公开", TextWidget(4), readonly=True)
    channel = ExcelField("channel", "公开形式", ChoiceWidget(DisclosureChannel))
    items = ExcelField("items", "公开事项", TextWidget(), readonly=True)
    total = ExcelField("total", "金额合计(元)", TextWidget(16), readonly=True)
    content = ExcelField("content", "公开内容摘要", TextWidget())
    reviewed_by = ExcelField("reviewed_by", "审核", TextWidget(100))
    reviewed_on = ExcelField("reviewed_on", "审核日期", DateWidget())
    attachments = ExcelField("attachments", "附件数", TextWidget(5), readonly=True)

    class Meta:
        model = Disclosure
        fields = (
            "published_on", "kind", "title", "period", "regular", "channel", "items", "total", "content",
            "reviewed_by", "reviewed_on", "attachments",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("review_body")
            .prefetch_related("items", "attachments")
            .order_by("published_on", "pk")
        )

    def dehydrate_period(self, disclosure: Disclosure) -> str:
        return disclosure.period_display

    def dehydrate_reviewed_by(self, disclosure: Disclosure) -> str:
        return disclosure.reviewer_display

    def dehydrate_regular(self, disclosure: Disclosure) -> str:
        return "是" if disclosure.is_regular else "否"

    def dehydrate_items(self, disclosure: Disclosure) -> str:
        lines = []
        for item in disclosure.items.all():
            amount = f" {item.amount:,.2f}元" if item.amount is not None else ""
            lines.append(f"【{item.get_category_display()}】{item.title}{amount}")
        return "\n".join(lines)

    def dehydrate_total(self, disclosure: Disclosure):
        amounts = [item.amount for item in disclosure.items.all() if item.amount is not None]
        return float(sum(amounts)) if amounts else None

    def dehydrate_attachments(self, disclosure: Disclosure) -> int:
        return len(disclosure.attachments.all())


class DisclosureExcel(ExcelRegister):
    """居务公开: one row per disclosure, its items in one cell."""

    code = "committee-disclosures"
    title = "居务公开"
    model = Disclosure
    resource_class = DisclosureResource
    order = 631
    importable = False


class EvaluationResource(ScopedResource):
    date = ExcelField("date", "测评日期", DateWidget())
    kind = ExcelField("kind", "测评形式", ChoiceWidget(EvaluationKind))
    evaluatee = ExcelField("evaluatee", "测评对象", ChoiceWidget(Evaluatee))
    staff = ExcelField("staff", "被测评人", TextWidget(50), readonly=True)
    evaluators = ExcelField("evaluators", "参评人员", TextWidget(100))
    participants = ExcelField("participants", "参评人数", TextWidget(8))
    satisfied = ExcelField("satisfied", "满意", TextWidget(8))
    basic = ExcelField("basic", "基本满意", TextWidget(8))
    unsatisfied = ExcelField("unsatisfied", "不满意", TextWidget(8))
    abstained = ExcelField("abstained", "未表态", TextWidget(8), readonly=True)
    satisfaction_rate = ExcelField("satisfaction_rate", "满意率", TextWidget(8), readonly=True)
    satisfied_rate = ExcelField("satisfied_rate", "满意票率", TextWidget(8), readonly=True)
    source = ExcelField("source", "结果来源", TextWidget(100))
    comments = ExcelField("comments", "意见和建议", TextWidget())

    class Meta:
        model = Evaluation
        fields = (
            "date", "kind", "evaluatee", "staff", "evaluators", "participants", "satisfied", "basic", "unsatisfied",
            "abstained", "satisfaction_rate", "satisfied_rate", "source", "comments",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("staff").order_by("date", "evaluatee", "pk")

    def dehydrate_staff(self, evaluation: Evaluation) -> str:
        return evaluation.staff.name if evaluation.staff_id else ""

    def dehydrate_abstained(self, evaluation: Evaluation) -> int:
        return evaluation.abstained

    def dehydrate_satisfaction_rate(self, evaluation: Evaluation) -> str:
        return format_rate(evaluation.satisfaction_rate)

    def dehydrate_satisfied_rate(self, evaluation: Evaluation) -> str:
        return format_rate(evaluation.satisfied_rate)


class EvaluationExcel(ExcelRegister):
    """民主测评: one row per evaluation, with its rates."""

    code = "committee-evaluations"
    title = "民主测评"
    model = Evaluation
    resource_class = EvaluationResource
    order = 632
    importable = False
