"""Excel sheets of 社会救助·福利.

* 享受对象台账 (``services-welfare-enrolments``) imports as well as exports: the street office brings its
  spreadsheets of 低保 lists. Rows are matched on 项目 + 证件号码 (a programme paid per person) or 项目 + 户号
  (per household) against the open (未停保) enrolment, or a stopped one with the same 申报日期; a blank 金额
  takes the programme's standard. Preview first, then all rows or none (``governance.excel.run_import``).
* Export only: 救助福利项目, 发放批次, 发放明细 (the bank/signature sheet: one batch's lines when the
  register is given a batch, with the ID numbers masked unless the user may see them), 捐赠登记, 结对帮扶.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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
from households.models import Household
from residents.resources import ID_HEADER, NAME_HEADER, PersonByIdWidget, PersonKeyedExcel, ScopedResource, _masked
from services.models.welfare import (
    AssistancePair,
    BatchStatus,
    BeneficiaryUnit,
    DistributionBatch,
    DistributionLine,
    Donation,
    DonationKind,
    EnrolmentStatus,
    Frequency,
    FundingSource,
    PairKind,
    PaymentMethod,
    ProgrammeKind,
    WelfareEnrolment,
    WelfareProgramme,
    add_months,
)

IMPORT_NOTE = "Excel导入"
PROGRAMME_HEADER = "项目"
HOUSEHOLD_HEADER = "户号"


class MoneyWidget(ExcelWidget):
    """An amount in 元 with at most two decimals; exported as a number."""

    blank_value = None
    help = "金额(元),最多两位小数"

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace(",", "").replace("元", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"「{cell_text(value)}」不是有效的金额。") from None
        if amount < 0:
            raise ValueError("金额不能为负数。")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValueError("金额最多两位小数。")
        return amount.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        return None if value is None else float(value)


class CountWidget(ExcelWidget):
    blank_value = None
    help = "整数"

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text.isdigit():
            raise ValueError(f"「{text}」不是整数。")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value


#
# 救助福利项目 (export only)
#


class ProgrammeResource(ScopedResource):
    name = ExcelField("name", "项目名称", TextWidget(100), required=True)
    kind = ExcelField("kind", "项目类别", ChoiceWidget(ProgrammeKind), required=True)
    unit = ExcelField("unit", "享受单位", ChoiceWidget(BeneficiaryUnit), required=True)
    standard_amount = ExcelField("standard_amount", "标准金额(元)", MoneyWidget(), required=True)
    frequency = ExcelField("frequency", "发放周期", ChoiceWidget(Frequency), required=True)
    funding_source = ExcelField("funding_source", "资金来源", ChoiceWidget(FundingSource), required=True)
    review_months = ExcelField("review_months", "复核周期(月)", CountWidget())
    is_active = ExcelField("is_active", "启用", YesNoWidget())
    eligibility = ExcelField("eligibility", "享受条件", TextWidget())

    class Meta:
        model = WelfareProgramme
        fields = (
            "name", "kind", "unit", "standard_amount", "frequency", "funding_source", "review_months", "is_active",
            "eligibility",
        )  # fmt: skip
        export_order = fields


class ProgrammeExcel(ExcelRegister):
    """救助福利项目: one row per programme."""

    code = "services-welfare-programmes"
    title = "救助福利项目"
    model = WelfareProgramme
    resource_class = ProgrammeResource
    order = 400
    importable = False


#
# 享受对象台账 (import and export)
#


class EnrolmentResource(ScopedResource):
    programme = ExcelField(
        "programme",
        PROGRAMME_HEADER,
        LookupWidget("programmes", render_attr="name", noun="救助福利项目", help="本社区救助福利项目的名称"),
        required=True,
    )
    person = ExcelField("person", ID_HEADER, PersonByIdWidget(), help="以人享受的项目填写;须已在人口台账登记")
    person_name = ExcelField(
        "person__name", NAME_HEADER, TextWidget(50), readonly=True, help="仅用于核对,须与证件号码登记的姓名一致"
    )
    household = ExcelField(
        "household",
        HOUSEHOLD_HEADER,
        LookupWidget("households", render_attr="number", noun="户号", help="以户享受的项目填写;须已在户籍台账登记"),
    )
    status = ExcelField("status", "状态", ChoiceWidget(EnrolmentStatus), required=True)
    amount = ExcelField("amount", "享受金额(元)", MoneyWidget(), help="留空则按项目标准金额")
    applied_on = ExcelField("applied_on", "申报日期", DateWidget(), required=True)
    investigated_on = ExcelField("investigated_on", "入户调查日期", DateWidget())
    reviewed_on = ExcelField("reviewed_on", "审核日期", DateWidget())
    publicised_on = ExcelField("publicised_on", "公示日期", DateWidget())
    approved_on = ExcelField("approved_on", "在保日期", DateWidget(), help="状态为在保或停保(曾在保)时填写")
    last_review_on = ExcelField("last_review_on", "最近复核日期", DateWidget())
    next_review_on = ExcelField("next_review_on", "下次复核日期", DateWidget(), help="留空则按复核周期推算")
    stopped_on = ExcelField("stopped_on", "停保日期", DateWidget())
    stop_reason = ExcelField("stop_reason", "停保原因", TextWidget(200))
    approving_body = ExcelField("approving_body", "审批机关", TextWidget(100))
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = WelfareEnrolment
        fields = (
            "programme", "person", "person_name", "household", "status", "amount", "applied_on", "investigated_on",
            "reviewed_on", "publicised_on", "approved_on", "last_review_on", "next_review_on", "stopped_on",
            "stop_reason", "approving_body", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("programme__name", "household__number", "person__name_pinyin")


class EnrolmentExcel(PersonKeyedExcel):
    """享受对象台账: matched on 项目 + 证件号码 (以人) or 项目 + 户号 (以户)."""

    code = "services-welfare-enrolments"
    title = "享受对象台账"
    model = WelfareEnrolment
    resource_class = EnrolmentResource
    order = 401
    select_related = ("programme", "person", "household")
    key_column = PROGRAMME_HEADER
    key_description = "项目和证件号码/户号"

    def lookups(self, rows):
        result = super().lookups(rows)
        result["programmes"] = {
            programme.name: programme
            for programme in WelfareProgramme.objects.visible_to(self.user).filter(community=self.community)
        }
        numbers = {cell_text(row.cells.get(HOUSEHOLD_HEADER)) for row in rows} - {""}
        result["households"] = {
            household.number: household
            for household in Household.objects.visible_to(self.user).filter(
                community=self.community, number__in=numbers
            )
        }
        return result

    def label_of(self, row):
        programme = cell_text(row.cells.get(PROGRAMME_HEADER))
        person = row.values.get("person")
        if person is not None:
            return f"{programme} {person.name} {person.id_number_for(self.user)}"
        household = cell_text(row.cells.get(HOUSEHOLD_HEADER))
        return f"{programme} {household}户" if household else programme

    def key_of(self, row):
        programme, person, household = (row.values.get(name) for name in ("programme", "person", "household"))
        if programme is None:
            return None
        if person is not None and household is None:
            return (programme.pk, "person", person.pk)
        if household is not None and person is None:
            return (programme.pk, "household", household.pk)
        return None

    @staticmethod
    def _key(enrolment) -> tuple:
        if enrolment.person_id:
            return (enrolment.programme_id, "person", enrolment.person_id)
        return (enrolment.programme_id, "household", enrolment.household_id)

    def load(self, rows, context):
        applied = {row.key: row.values.get("applied_on") for row in rows if row.key is not None}
        programmes = {key[0] for key in applied}
        enrolments = WelfareEnrolment.objects.visible_to(self.user).filter(
            community=self.community, programme_id__in=programmes
        )
        for enrolment in enrolments.select_related("programme", "person", "household").order_by("applied_on", "pk"):
            key = self._key(enrolment)
            if key not in applied:
                continue
            # The open enrolment wins; a stopped one only when the row repeats its 申报日期 (an export read back).
            is_open = enrolment.status != EnrolmentStatus.STOPPED
            if is_open or (enrolment.applied_on == applied[key] and key not in context.existing):
                context.existing[key] = enrolment

    def build(self, row, context):
        enrolment = WelfareEnrolment(community=self.community)
        for attribute, value in row.values.items():
            if "__" not in attribute:
                setattr(enrolment, attribute, value)
        subject = enrolment.person or enrolment.household
        enrolment.group = subject.group if subject is not None else None
        if enrolment.programme_id:
            enrolment.review_months = enrolment.programme.review_months
        return enrolment

    def check(self, row, instance, context, *, new):
        if row.values.get("person") is not None and row.values.get("household") is not None:
            row.error(HOUSEHOLD_HEADER, "证件号码和户号只填一项:以人享受填证件号码,以户享受填户号。")
            return
        if row.values.get("person") is None and row.values.get("household") is None:
            row.error(ID_HEADER, "请填写证件号码(以人享受)或户号(以户享受)。")
            return
        self.check_name(row)
        if instance.amount is None and instance.programme_id:
            instance.amount = instance.programme.standard_amount
        if instance.status == EnrolmentStatus.ACTIVE:
            if instance.last_review_on is None:
                instance.last_review_on = instance.approved_on
            if instance.next_review_on is None and instance.last_review_on and instance.review_months:
                instance.next_review_on = add_months(instance.last_review_on, instance.review_months)
        if instance.status == EnrolmentStatus.STOPPED:
            instance.next_review_on = None
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(WelfareEnrolment, new, actor=actor, reason=f"登记享受对象({IMPORT_NOTE})")
        bulk_update_with_history(WelfareEnrolment, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(enrolment for enrolment, _ in changed)], actor)


#
# 发放批次 and 发放明细 (export only)
#


class BatchResource(ScopedResource):
    number = ExcelField("number", "批次编号", TextWidget(20))
    title = ExcelField("title", "名称", TextWidget(100))
    programme = ExcelField("programme", "项目", LookupWidget("programmes", render_attr="name", noun="项目"))
    period = ExcelField("period", "发放月份", DateWidget())
    funding_source = ExcelField("funding_source", "资金来源", ChoiceWidget(FundingSource))
    status = ExcelField("status", "状态", ChoiceWidget(BatchStatus))
    recipient_count = ExcelField("recipient_count", "发放对象数", CountWidget())
    total_amount = ExcelField("total_amount", "合计金额(元)", MoneyWidget())
    prepared_by = ExcelField("prepared_by", "制表人", TextWidget(50), readonly=True)
    approved_by = ExcelField("approved_by", "审批人", TextWidget(50), readonly=True)
    approved_on = ExcelField("approved_on", "审批日期", DateWidget())
    corrects = ExcelField("corrects", "更正批次", TextWidget(20), readonly=True)

    class Meta:
        model = DistributionBatch
        fields = (
            "number", "title", "programme", "period", "funding_source", "status", "recipient_count", "total_amount",
            "prepared_by", "approved_by", "approved_on", "corrects",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("prepared_by", "approved_by", "corrects")
            .order_by("period", "number")
        )

    def dehydrate_prepared_by(self, batch) -> str:
        return batch.prepared_by.display_name

    def dehydrate_approved_by(self, batch) -> str:
        return batch.approved_by.display_name if batch.approved_by_id else ""

    def dehydrate_corrects(self, batch) -> str:
        return batch.corrects.number if batch.corrects_id else ""


class BatchExcel(ExcelRegister):
    """发放批次: one row per batch with its totals."""

    code = "services-distribution-batches"
    title = "发放批次"
    model = DistributionBatch
    resource_class = BatchResource
    order = 402
    select_related = ("programme",)
    importable = False


class LineResource(ScopedResource):
    batch = ExcelField("batch", "批次", TextWidget(20), readonly=True)
    household_number = ExcelField("household_number", "户号", TextWidget(30))
    name = ExcelField("name", "户主/姓名", TextWidget(50))
    id_number = ExcelField("id_number", ID_HEADER, TextWidget(30))
    amount = ExcelField("amount", "金额(元)", MoneyWidget())
    method = ExcelField("method", "发放方式", ChoiceWidget(PaymentMethod))
    paid_on = ExcelField("paid_on", "签领日期", DateWidget())
    signature = ExcelField("signature", "签领(签字或手印)", TextWidget(20), readonly=True)

    class Meta:
        model = DistributionLine
        fields = ("batch", "household_number", "name", "id_number", "amount", "method", "paid_on", "signature")
        export_order = fields

    def __init__(self, *, community=None, user=None, batch=None, **kwargs):
        super().__init__(community=community, user=user, **kwargs)
        self.only_batch = batch

    def filter_export(self, queryset, **kwargs):
        queryset = super().filter_export(queryset)
        if self.only_batch is not None:
            queryset = queryset.filter(batch=self.only_batch)
        return queryset.select_related("batch", "person", "household").order_by(
            "batch__period", "batch__number", "household_number", "pk"
        )

    def _line(self, line) -> DistributionLine:
        # A draft's lines carry the snapshot of when they were built; the live register is fresher.
        if line.batch.status == BatchStatus.DRAFT:
            line.refresh_snapshot()
        return line

    def dehydrate_batch(self, line) -> str:
        return line.batch.number

    def dehydrate_household_number(self, line) -> str:
        return self._line(line).household_number

    def dehydrate_name(self, line) -> str:
        return self._line(line).name

    def dehydrate_id_number(self, line) -> str:
        number = self._line(line).id_number
        return number if self.full_ids else _masked(number)

    def dehydrate_signature(self, line) -> str:
        return ""


class DistributionSheetExcel(ExcelRegister):
    """发放明细 / 签领表: one row per recipient; given a batch, that batch's bank/signature sheet."""

    code = "services-distribution-lines"
    title = "发放签领表"
    model = DistributionLine
    resource_class = LineResource
    order = 403
    importable = False

    def __init__(self, *, community, user, batch=None):
        self.batch = batch
        super().__init__(community=community, user=user)
        self.resource.only_batch = batch


#
# 捐赠登记 and 结对帮扶 (export only)
#


class DonationResource(ScopedResource):
    campaign = ExcelField("campaign", "募捐活动", LookupWidget("campaigns", render_attr="name", noun="募捐活动"))
    donor = ExcelField("donor", "捐赠人", TextWidget(100), readonly=True)
    kind = ExcelField("kind", "捐赠类型", ChoiceWidget(DonationKind))
    amount = ExcelField("amount", "金额/折价(元)", MoneyWidget())
    goods = ExcelField("goods", "物资名称及数量", TextWidget(200))
    donated_on = ExcelField("donated_on", "捐赠日期", DateWidget())
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = Donation
        fields = ("campaign", "donor", "kind", "amount", "goods", "donated_on", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("campaign", "donor_person", "donor_unit")
            .order_by("campaign__start_on", "donated_on", "pk")
        )

    def dehydrate_donor(self, donation) -> str:
        return donation.donor_display


class DonationExcel(ExcelRegister):
    """捐赠登记: one row per donation."""

    code = "services-donations"
    title = "捐赠登记"
    model = Donation
    resource_class = DonationResource
    order = 404
    importable = False


class PairResource(ScopedResource):
    kind = ExcelField("kind", "结对类型", ChoiceWidget(PairKind))
    helper = ExcelField("helper", "帮扶人", TextWidget(100), readonly=True)
    helped = ExcelField("helped", "帮扶对象", TextWidget(100), readonly=True)
    started_on = ExcelField("started_on", "结对日期", DateWidget())
    ended_on = ExcelField("ended_on", "结束日期", DateWidget())
    visit_count = ExcelField("visit_count", "走访次数", CountWidget(), readonly=True)
    note = ExcelField("note", "帮扶措施", TextWidget())

    class Meta:
        model = AssistancePair
        fields = ("kind", "helper", "helped", "started_on", "ended_on", "visit_count", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("helper_user", "helper_person", "helped_person", "helped_household")
            .prefetch_related("visits")
            .order_by("started_on", "pk")
        )

    def dehydrate_helper(self, pair) -> str:
        return pair.helper_display

    def dehydrate_helped(self, pair) -> str:
        return pair.helped_display

    def dehydrate_visit_count(self, pair) -> int:
        return len(pair.visits.all())


class PairExcel(ExcelRegister):
    """结对帮扶: one row per pair with its number of visits."""

    code = "services-assistance-pairs"
    title = "结对帮扶"
    model = AssistancePair
    resource_class = PairResource
    order = 405
    importable = False
