"""Excel sheets of the population registers: 人口台账, 流动人口登记 and 人群类别登记 (DESIGN §7).

Each register is a django-import-export ``ModelResource`` (the Chinese columns, the same for export and
import) plus an ``ExcelRegister`` (how the rows are matched, checked and written), run by the engine in
``governance.excel``. Blank cells, for every sheet here:

* a blank cell imports as blank: text becomes empty, a date becomes no date, 是/否 becomes 否, and a
  choice with a "none" value (人户分离 否, 单位性质 无, 医疗保险 无) takes that value. Nothing else is
  made up: a column that has no empty value (姓名, 民族, 政治面貌, 居住类别, 登记日期 …) is required and
  a blank cell there is an error. The one convention is 证件类型, whose blank means 居民身份证; and
  出生日期, 性别 left blank are read from a 居民身份证 number, as the register's forms do.
* on an existing record a blank cell *clears* that field: after the import the register says what the
  sheet says, so a re-import of an export changes nothing, and a cell emptied on purpose is emptied.
  The preview lists every such change (old → new) before anything is written. A column left out of the
  sheet altogether is not touched.

People are matched on their 证件号码 (normalised: 15-digit numbers upgraded, x → X), so it is required.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import cached_property
from import_export.resources import ModelResource

from governance.excel import (
    ChoiceWidget,
    CopyBatch,
    DateWidget,
    ExcelField,
    ExcelRegister,
    ImportRow,
    LookupWidget,
    TextWidget,
    YesNoWidget,
    bulk_insert_values,
    bulk_insert_with_history,
    bulk_update_with_history,
    cell_text,
    fetch_by_keys,
    visible_pks,
)
from governance.models import Grid, ResidentGroup
from households.choices import HouseholdStatus
from households.models import Household
from residents.choices import (
    ETHNICITY_CHOICES,
    Education,
    EmployerType,
    EmploymentStatus,
    EventKind,
    FloatingPurpose,
    HukouType,
    IdType,
    MaritalStatus,
    MedicalInsurance,
    PersonStatus,
    PoliticalStatus,
    Relation,
    ResidenceType,
    Separation,
    Sex,
)
from residents.models import (
    VIEW_FULL_ID,
    Category,
    CategoryMembership,
    FloatingRegistration,
    HouseholdMembership,
    Person,
    PopulationEvent,
)
from residents.validators import (
    birth_date_from_id,
    mask_id_number,
    normalise_id_number,
    sex_from_id,
    validate_resident_id,
)

IMPORT_NOTE = "Excel导入"
ID_HEADER = "证件号码"
NAME_HEADER = "姓名"
CHECK_CHARACTERS = frozenset("0123456789X")
# Above 2**53 a number Excel stored as a double has lost its last digits.
LARGEST_EXACT_NUMBER = 2**53


def id_number_cell(value) -> str:
    """The 证件号码 of a cell; a long number Excel turned into a double cannot be trusted."""
    if isinstance(value, float) and value >= LARGEST_EXACT_NUMBER:
        raise ValueError("证件号码被 Excel 存成了数字,后几位已丢失:请把该列设为“文本”格式后重新输入号码。")
    text = cell_text(value)
    if "*" in text:
        raise ValueError("证件号码是打码显示的(含 *),不能用来导入:请填写完整号码。")
    return text


def id_key(text: str, id_type: str = IdType.RESIDENT_ID) -> str:
    """The form a number is stored and matched in: 居民身份证 normalised, other documents as typed."""
    if id_type != IdType.RESIDENT_ID:
        return text.strip()
    if len(text) == 18 and text.isascii() and text[:17].isdigit() and text[17] in CHECK_CHARACTERS:
        return text  # already what normalise_id_number returns (its python-stdnum pass costs ~10 µs)
    return normalise_id_number(text)


def single_grids(community) -> dict[int, Grid]:
    """Group id → its grid, for the groups of ``community`` that belong to exactly one grid
    (a person's grid follows their group then, as ``residents.services`` places it)."""
    through = Grid.groups.through
    counts = (
        through.objects.filter(residentgroup__community=community)
        .values("residentgroup_id")
        .annotate(n=Count("grid_id"))
        .filter(n=1)
        .values_list("residentgroup_id", flat=True)
    )
    rows = through.objects.filter(residentgroup_id__in=list(counts)).select_related("grid")
    return {row.residentgroup_id: row.grid for row in rows}


def _masked(number: str) -> str:
    """``Person.masked_id_number`` of a number."""
    return mask_id_number(number) if number else ""


def fill_search_columns(people, seen: dict[str, tuple[str, str]] | None = None) -> None:
    """``Person.fill_search_columns`` on each person, once per distinct name (拼音 takes ~45 µs a name);
    ``seen`` keeps the names across calls."""
    seen = {} if seen is None else seen
    for person in people:
        known = seen.get(person.name)
        if known is None:
            person.fill_search_columns()
            seen[person.name] = (person.name_pinyin, person.name_initials)
        else:
            person.name_pinyin, person.name_initials = known


def _facts_from_digits(number: str) -> tuple[str, datetime.date] | None:
    """(性别, 出生日期) as an 18-digit number states them, read from its digits as ``sex_from_id`` and
    ``birth_date_from_id`` do but without validating the number; None when the digits do not say."""
    if len(number) != 18 or not number[:17].isdigit():
        return None
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return sex_from_id(number), birth


def _ethnicity_aliases() -> dict[str, str]:
    return {name[:-1]: name for name, _ in ETHNICITY_CHOICES if name.endswith("族") and len(name) > 2}


class IdNumberWidget(TextWidget):
    def __init__(self):
        super().__init__(max_length=30, help="文本格式;居民身份证18位(15位自动升级),其他证件按证件填写")

    def clean(self, value, row=None, **kwargs):
        return super().clean(id_number_cell(value))


class PersonByIdWidget(LookupWidget):
    """A person of the community named by 证件号码 (the floating and category sheets)."""

    def __init__(self):
        super().__init__("persons", render_attr="id_number", noun="证件号码为", help="须已在人口台账登记")

    def clean(self, value, row=None, context=None, **kwargs):
        text = id_number_cell(value)
        found = context.lookups["persons"].get(id_key(text)) or context.lookups["persons"].get(text)
        if found is None:
            raise ValueError(f"人口台账中没有证件号码为「{text}」的本社区居民(或不在您的管辖范围内)。")
        return found


class ScopedResource(ModelResource):
    """A resource for one community and one user: exports are narrowed in ``filter_export``."""

    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user
        self.full_ids = bool(user is not None and user.has_perm(VIEW_FULL_ID))

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset


#
# 人口台账
#


class PersonResource(ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(50), required=True)
    sex = ExcelField("sex", "性别", ChoiceWidget(Sex, help="居民身份证可留空,按号码第17位填入"))
    birth_date = ExcelField("birth_date", "出生日期", DateWidget(), help="格式 YYYY-MM-DD;居民身份证可留空,按号码填入")
    id_type = ExcelField("id_type", "证件类型", ChoiceWidget(IdType), blank=IdType.RESIDENT_ID, help="留空为居民身份证")
    id_number = ExcelField("id_number", ID_HEADER, IdNumberWidget(), required=True)
    ethnicity = ExcelField(
        "ethnicity", "民族", ChoiceWidget(ETHNICITY_CHOICES, aliases=_ethnicity_aliases()), required=True
    )
    political_status = ExcelField(
        "political_status",
        "政治面貌",
        ChoiceWidget(
            PoliticalStatus,
            aliases={"党员": "中共党员", "预备党员": "中共预备党员", "团员": "共青团员"},
        ),
        required=True,
    )
    education = ExcelField(
        "education", "文化程度", ChoiceWidget(Education, aliases={"高中": "高中/中专", "中专": "高中/中专"})
    )
    marital_status = ExcelField("marital_status", "婚姻状况", ChoiceWidget(MaritalStatus))
    group = ExcelField(
        "group",
        "居民小组",
        LookupWidget("groups", render_attr="name", noun="居民小组", help="本社区居民小组的名称;留空且填了户号时随户"),
    )
    household = ExcelField(
        "household",
        "户号",
        LookupWidget("households", render_attr="number", noun="户号", help="须已在户籍台账登记(先导入户籍台账)"),
    )
    relation = ExcelField("relation", "与户主关系", ChoiceWidget(Relation, help="填了户号时必填"))
    residence_type = ExcelField("residence_type", "居住类别", ChoiceWidget(ResidenceType), required=True)
    separation = ExcelField("separation", "人户分离", ChoiceWidget(Separation), blank=Separation.NONE, help="留空为否")
    hukou_address = ExcelField("hukou_address", "户籍地址", TextWidget(200))
    current_address = ExcelField("current_address", "现住址", TextWidget(200))
    hukou_type = ExcelField("hukou_type", "户口性质", ChoiceWidget(HukouType))
    employment_status = ExcelField("employment_status", "就业状况", ChoiceWidget(EmploymentStatus))
    employer = ExcelField("employer", "工作单位", TextWidget(100))
    employer_type = ExcelField(
        "employer_type", "单位性质", ChoiceWidget(EmployerType), blank=EmployerType.NONE, help="留空为无"
    )
    phone = ExcelField("phone", "联系电话", TextWidget(20))
    has_health_record = ExcelField("has_health_record", "已建健康档案", YesNoWidget())
    medical_insurance = ExcelField(
        "medical_insurance", "医疗保险", ChoiceWidget(MedicalInsurance), blank=MedicalInsurance.NONE, help="留空为无"
    )
    has_pension_insurance = ExcelField("has_pension_insurance", "参加养老保险", YesNoWidget())
    registered_on = ExcelField(
        "registered_on", "登记日期", DateWidget(), required=True, help="格式 YYYY-MM-DD;出生、迁入或首次登记的日期"
    )
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Person
        import_id_fields = ("id_number",)
        fields = (
            "name", "sex", "birth_date", "id_type", "id_number", "ethnicity", "political_status", "education",
            "marital_status", "group", "household", "relation", "residence_type", "separation", "hukou_address",
            "current_address", "hukou_type", "employment_status", "employer", "employer_type", "phone",
            "has_health_record", "medical_insurance", "has_pension_insurance", "registered_on", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        """The people on the register (在册) of the community, as the user may see them."""
        return super().filter_export(queryset).filter(status=PersonStatus.ACTIVE).order_by("name_pinyin", "pk")

    def dehydrate_id_number(self, person: Person) -> str:
        """Full numbers only for users with ``residents.view_full_id_number``."""
        return person.id_number if self.full_ids else person.masked_id_number


class PersonExcel(ExcelRegister):
    """人口台账: one row per person on the register, matched on 证件号码.

    New people are registered as ``person_register(kind=REGISTER)`` would, in bulk: the same defaults and
    checks, one history row each (as the importer), their household period and a 登记 ``PopulationEvent``.
    Changes of recorded facts are 信息更正 (history row plus a correction event, as ``person_correct``);
    户号, 与户主关系 and 登记日期 of a registered person change only through life events, so a sheet that
    changes them is refused on those cells.
    """

    code = "persons"
    title = "人口台账"
    model = Person
    resource_class = PersonResource
    order = 10
    select_related = ("group", "household")
    key_columns = (NAME_HEADER, ID_HEADER)
    key_column = ID_HEADER
    key_description = "证件号码"
    frozen_on_update = ("household", "relation", "registered_on")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Excel row number → the 性别/出生日期 that build() read from the number, with the values they replaced.
        self._tentative: dict[int, dict[str, Any]] = {}

    def value_column(self, name, field_):
        if name == "id_number":  # PersonResource.dehydrate_id_number, from the plain value
            return "id_number", None if self.resource.full_ids else _masked
        return super().value_column(name, field_)

    def frozen_message(self, attribute, current):
        how = "登记日期只能通过人口变动更正" if attribute == "registered_on" else "户籍变动请办理户间转移、分户或并户"
        return f"已登记居民的此项不能通过导入修改(现为 {current}):{how}。"

    def lookups(self, rows):
        groups = ResidentGroup.objects.visible_to(self.user).filter(community=self.community)
        households = (
            Household.objects.visible_to(self.user)
            .filter(community=self.community, status=HouseholdStatus.ACTIVE)
            .select_related("group")
        )
        return {
            "groups": {group.name: group for group in groups},
            "households": {household.number: household for household in households},
        }

    def label_of(self, row):
        name = cell_text(row.cells.get(NAME_HEADER))
        number = cell_text(row.cells.get(ID_HEADER))
        if number and not self.resource.full_ids:
            number = mask_id_number(number)
        return f"{name} {number}".strip()

    def key_of(self, row):
        number = row.values.get("id_number")
        if not number:
            return None
        number = id_key(number, row.values.get("id_type", IdType.RESIDENT_ID))
        row.values["id_number"] = number
        return number

    def load(self, rows, context):
        keys = [row.key for row in rows if row.key]
        # The unique index on id_number is partial (blank numbers excluded): repeat its condition so
        # PostgreSQL can use it for long IN lists instead of scanning or taking the trigram index.
        people = Person.objects.exclude(id_number="").select_related("group", "household")
        found: list[Person] = fetch_by_keys(people, "id_number", keys)
        visible = visible_pks(Person, self.user, found)
        context.extra["elsewhere"] = set()
        context.extra["inactive"] = {}
        for person in found:
            if person.pk not in visible or person.community_id != self.community.pk:
                context.extra["elsewhere"].add(person.id_number)
            elif person.status != PersonStatus.ACTIVE:
                context.extra["inactive"][person.id_number] = person
            else:
                context.existing[person.id_number] = person
        household_ids = {row.values["household"].pk for row in rows if row.values.get("household") is not None}
        context.extra["heads"] = dict(
            Person.objects.filter(
                household_id__in=household_ids, relation=Relation.HEAD, status=PersonStatus.ACTIVE
            ).values_list("household_id", "pk")
        )
        context.extra["grids"] = single_grids(self.community)

    def _derive(self, row: ImportRow) -> None:
        """For an existing person: blank 出生日期/性别 cells from a valid 居民身份证 number (validated only
        when a cell needs it: clean() validates it anyway); a blank group follows the household."""
        values = row.values
        wants_sex = "sex" in values and not values["sex"]
        wants_birth = "birth_date" in values and values["birth_date"] is None
        resident = values.get("id_type", IdType.RESIDENT_ID) == IdType.RESIDENT_ID
        if (wants_sex or wants_birth) and resident and values.get("id_number"):
            try:
                number = validate_resident_id(values["id_number"])
            except ValidationError:  # clean() reports the number's fault on its column
                number = None
            if number:
                if wants_sex:
                    values["sex"] = sex_from_id(number)
                if wants_birth:
                    values["birth_date"] = birth_date_from_id(number)
        if values.get("group") is None and values.get("household") is not None:
            values["group"] = values["household"].group

    def build(self, row, context):
        """A new person from the row, as ``Person.fill_from_id_number`` completes one: blank 出生日期/性别 come
        from a valid 居民身份证 number. The number is validated once, by ``clean()`` in ``validate``: the two
        are read from its digits here and taken back there if the number turns out to be invalid."""
        values = row.values
        if values.get("group") is None and values.get("household") is not None:
            values["group"] = values["household"].group
        columns = self._new_person_columns
        if self._callable_defaults:
            columns = columns.copy()
            for index, field_ in self._callable_defaults:
                columns[index] = field_.get_default()
        person = Person(*columns)
        person.community = self.community  # the same community, cached as Person(community=…) would
        for attribute, value in values.items():
            setattr(person, attribute, value)
        if person.id_type == IdType.RESIDENT_ID and person.id_number and (not person.sex or not person.birth_date):
            facts = _facts_from_digits(person.id_number)
            if facts is not None:
                undo = {}
                for attribute, derived in zip(("sex", "birth_date"), facts, strict=True):
                    current = getattr(person, attribute)
                    if not current:
                        undo[attribute] = current
                        setattr(person, attribute, derived)
                        if attribute in values:
                            values[attribute] = derived
                self._tentative[row.number] = undo
        return person

    @cached_property
    def _new_person_columns(self) -> list:
        """The values of a new person's columns before the row's: each field's default, the community and
        在册. ``Person(*values)`` takes 7 µs, ``Person()`` 19 µs and ``Person(community=…, status=…)`` 35 µs:
        with keyword arguments Django tries each field's name in them."""
        fields = Person._meta.concrete_fields
        values = [field.get_default() for field in fields]
        names = [field.attname for field in fields]
        values[names.index("community_id")] = self.community.pk
        values[names.index("status")] = PersonStatus.ACTIVE
        return values

    @cached_property
    def _callable_defaults(self) -> list:
        """(position, field) of the fields whose default is evaluated for each new person."""
        return [
            (index, field_)
            for index, field_ in enumerate(Person._meta.concrete_fields)
            if field_.has_default() and callable(field_.default)
        ]

    def _take_back(self, row, instance) -> None:
        for attribute, value in self._tentative.pop(row.number, {}).items():
            setattr(instance, attribute, value)
            if attribute in row.values:
                row.values[attribute] = value

    def _settle(self, row, instance, error: ValidationError | None, exclude) -> ValidationError | None:
        """Take back what ``build`` read from an invalid number (``clean()`` said so on 证件号码) and
        validate again, so the row reports what it would have without the reading."""
        if row.number not in self._tentative:
            return error
        if error is None or "id_number" not in getattr(error, "error_dict", {}):
            del self._tentative[row.number]
            return error
        self._take_back(row, instance)
        return self.model_errors(instance, exclude)

    def _settle_unvalidated(self, row, instance) -> None:
        """``_settle`` for a row refused before its validation: the validator itself decides."""
        if row.number in self._tentative:
            try:
                validate_resident_id(instance.id_number)
            except ValidationError:
                self._take_back(row, instance)
            else:
                del self._tentative[row.number]

    def validate(self, row, instance, exclude=()):
        error = self._settle(row, instance, self.model_errors(instance, exclude), exclude)
        if error is not None:
            self.add_validation_errors(row, error)

    def apply(self, row, instance):
        self._derive(row)
        return super().apply(row, instance)

    def check(self, row, instance, context, *, new):
        if new:
            if row.key in context.extra["elsewhere"] or row.key in context.extra["inactive"]:
                self._settle_unvalidated(row, instance)
            if row.key in context.extra["elsewhere"]:
                row.error(ID_HEADER, "该证件号码已在其他社区或您管辖范围以外登记;如为迁入,请办理迁入登记。")
                return
            if row.key in context.extra["inactive"]:
                person = context.extra["inactive"][row.key]
                row.error(ID_HEADER, f"该居民已{person.get_status_display()},不在册;重新登记请办理迁入。")
                return
            if instance.household_id and not instance.relation:
                row.error("与户主关系", "填写了户号时必填。")
            if instance.relation and not instance.household_id:
                row.error("与户主关系", "没有填写户号,不能填写与户主关系。")
        self.validate(row, instance)
        # The grid follows the group when the group lies in exactly one grid; a new group in no grid
        # (or in several) leaves no stale grid behind.
        if new or "group" in row.attributes:
            instance.grid = context.extra["grids"].get(instance.group_id)

    def check_file(self, rows, context):
        """One head (户主) per household: not a second one in the file, nor beside one already registered."""
        heads_in_file: dict[int, int] = {}
        for row in rows:
            person = row.instance
            if row.errors or person is None or person.relation != Relation.HEAD or not person.household_id:
                continue
            household_id = person.household_id
            registered = context.extra["heads"].get(household_id)
            if household_id in heads_in_file:
                row.error("与户主关系", f"户号{person.household.number}的户主已在第{heads_in_file[household_id]}行。")
            elif registered is not None and registered != person.pk:
                row.error("与户主关系", f"户号{person.household.number}已有户主;变更户主请办理“变更户主”。")
            else:
                heads_in_file[household_id] = row.number

    def save(self, new, changed, *, actor):
        self.save_changed(changed, actor=actor, created=self.save_new(new, actor=actor))

    def prepare_new(self, new, *, actor):
        later = CopyBatch()
        created = self.save_new(new, actor=actor, later=later)

        def write():
            later.write()
            return created

        return write

    def save_new(self, new, *, actor, later=None):
        """The new people, registered: a history row each, their household period and a 登记 event (with
        ``later``, only encoded into it)."""
        fill_search_columns(new, self._search_columns)
        created = bulk_insert_with_history(
            Person, new, actor=actor, reason=f"{EventKind.REGISTER.label}({IMPORT_NOTE})", later=later
        )
        community_id, actor_id = self.community.pk, actor.pk if actor is not None else None
        bulk_insert_values(
            HouseholdMembership,
            [
                {
                    "community_id": community_id,
                    "person_id": person.pk,
                    "household_id": person.household_id,
                    "relation": person.relation,
                    "start_on": person.registered_on,
                }
                for person in created
                if person.household_id
            ],
            later=later,
        )
        bulk_insert_values(
            PopulationEvent,
            [
                {
                    "community_id": community_id,
                    "kind": EventKind.REGISTER,
                    "effective_on": person.registered_on,
                    "person_id": person.pk,
                    "household_id": person.household_id,
                    "document": IMPORT_NOTE,
                    "recorded_by_id": actor_id,
                }
                for person in created
            ],
            later=later,
        )
        return created

    def save_changed(self, changed, *, actor, created):
        """The corrected people (a history row and a 信息更正 event each), then the scope check of all."""
        today = timezone.localdate()
        community_id, actor_id = self.community.pk, actor.pk if actor is not None else None
        for person, attributes in changed:
            if "name" in attributes:
                person.fill_search_columns()
                attributes += ["name_pinyin", "name_initials"]
            if "group" in attributes:
                attributes.append("grid")
        bulk_update_with_history(Person, changed, actor=actor, reason=f"{EventKind.CORRECTION.label}({IMPORT_NOTE})")
        labels = {field.attribute: field.column_name for field in self.fields}
        bulk_insert_values(
            PopulationEvent,
            [
                {
                    "community_id": community_id,
                    "kind": EventKind.CORRECTION,
                    "effective_on": today,
                    "person_id": person.pk,
                    "household_id": person.household_id,
                    "recorded_by_id": actor_id,
                    "note": f"更正{'、'.join(labels[a] for a in attributes if a in labels)}:{IMPORT_NOTE}",
                }
                for person, attributes in changed
            ],
        )
        self.ensure_all_visible([*created, *(person for person, _ in changed)], actor)

    @cached_property
    def _search_columns(self) -> dict[str, tuple[str, str]]:
        return {}


#
# Sheets keyed by a person: 流动人口登记, 人群类别登记
#


class PersonKeyedExcel(ExcelRegister):
    """A register whose rows belong to a person of the community, named by 证件号码 (plus 姓名 as a check)."""

    key_columns = (NAME_HEADER, ID_HEADER)

    def lookups(self, rows):
        numbers = set()
        for row in rows:
            try:
                text = id_number_cell(row.cells.get(ID_HEADER))
            except ValueError:
                continue
            if text:
                numbers.update({text, id_key(text)})
        persons = {}
        numbers = list(numbers)
        for start in range(0, len(numbers), 5000):
            for person in Person.objects.visible_to(self.user).filter(
                community=self.community, id_number__in=numbers[start : start + 5000]
            ):
                persons[person.id_number] = person
        return {"persons": persons}

    def value_column(self, name, field_):
        if name == "person":  # PersonResourceMixin.dehydrate_person, from the plain value
            return "person__id_number", None if self.resource.full_ids else _masked
        return super().value_column(name, field_)

    def label_of(self, row):
        person = row.values.get("person")
        if person is not None:
            return f"{person.name} {person.id_number_for(self.user)}"
        return cell_text(row.cells.get(NAME_HEADER))

    def check_name(self, row) -> None:
        """The 姓名 column is read-only: when filled it must be the name registered for the 证件号码."""
        person, name = row.values.get("person"), cell_text(row.cells.get(NAME_HEADER))
        if person is not None and name and name != person.name:
            row.error(NAME_HEADER, f"与证件号码登记的姓名「{person.name}」不符。")

    @staticmethod
    def open_conflicts(rows, existing_open: dict, key_of_open, end_attribute: str, message) -> None:
        """At most one open record (no end date) per ``key_of_open(instance)``, counting the file and the register."""
        open_rows: dict = defaultdict(list)
        for row in rows:
            instance = row.instance
            if row.errors or instance is None:
                continue
            if instance.pk:  # the file says what this registered record is now
                existing_open.get(key_of_open(instance), set()).discard(instance.pk)
            if getattr(instance, end_attribute) is None:
                open_rows[key_of_open(instance)].append(row)
        for key, group in open_rows.items():
            others = existing_open.get(key, set())
            for index, row in enumerate(group):
                if others or index > 0:
                    earlier = f"第{group[0].number}行" if index > 0 else "已登记的记录"
                    row.error(message[0], message[1].format(earlier=earlier))


class PersonResourceMixin(ScopedResource):
    def dehydrate_person(self, obj) -> str:
        person = obj.person
        return person.id_number if self.full_ids else person.masked_id_number


class FloatingResource(PersonResourceMixin):
    person = ExcelField("person", ID_HEADER, PersonByIdWidget(), required=True)
    person_name = ExcelField(
        "person__name", NAME_HEADER, TextWidget(50), readonly=True, help="仅用于核对,须与证件号码登记的姓名一致"
    )
    arrived_on = ExcelField("arrived_on", "来住日期", DateWidget(), required=True)
    departed_on = ExcelField("departed_on", "离开日期", DateWidget(), help="格式 YYYY-MM-DD;仍在住留空")
    origin = ExcelField("origin", "户籍所在地", TextWidget(200), required=True)
    purpose = ExcelField("purpose", "来住事由", ChoiceWidget(FloatingPurpose), required=True)
    address = ExcelField("address", "暂住地址", TextWidget(200))
    employer = ExcelField("employer", "务工/经商单位", TextWidget(100))
    permit_number = ExcelField("permit_number", "暂住证号", TextWidget(50))
    permit_expires_on = ExcelField("permit_expires_on", "暂住证有效期至", DateWidget())
    security_pledge_signed_on = ExcelField("security_pledge_signed_on", "治安管理责任书签订日期", DateWidget())
    id_checked = ExcelField("id_checked", "身份证已查验", YesNoWidget())

    class Meta:
        model = FloatingRegistration
        import_id_fields = ("person", "arrived_on")
        fields = (
            "person", "person_name", "arrived_on", "departed_on", "origin", "purpose", "address", "employer",
            "permit_number", "permit_expires_on", "security_pledge_signed_on", "id_checked",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("-arrived_on", "pk")


class FloatingExcel(PersonKeyedExcel):
    """流动人口登记, matched on 证件号码 + 来住日期. As ``floating_register``: the person must be on the
    register, has at most one stay without 离开日期, and becomes 流动 when a current stay is recorded."""

    code = "floating"
    title = "流动人口登记"
    model = FloatingRegistration
    resource_class = FloatingResource
    order = 30
    select_related = ("person",)
    key_column = "来住日期"
    key_description = "证件号码和来住日期"

    def key_of(self, row):
        person, arrived = row.values.get("person"), row.values.get("arrived_on")
        return (person.pk, arrived) if person is not None and arrived else None

    def load(self, rows, context):
        persons = {row.values["person"].pk for row in rows if row.values.get("person") is not None}
        registrations = FloatingRegistration.objects.visible_to(self.user).filter(
            community=self.community, person_id__in=persons
        )
        context.extra["open"] = defaultdict(set)
        for registration in registrations.select_related("person"):
            context.existing[(registration.person_id, registration.arrived_on)] = registration
            if registration.departed_on is None:
                context.extra["open"][registration.person_id].add(registration.pk)

    def build(self, row, context):
        registration = FloatingRegistration(community=self.community)
        for attribute, value in row.values.items():
            setattr(registration, attribute, value)
        return registration

    def check(self, row, instance, context, *, new):
        self.check_name(row)
        if new and instance.person.status != PersonStatus.ACTIVE:
            row.error(ID_HEADER, f"该居民已{instance.person.get_status_display()},不能办理流动人口登记。")
        if instance.departed_on and instance.arrived_on and instance.departed_on < instance.arrived_on:
            row.error("离开日期", "离开日期不能早于来住日期。")
        self.validate(row, instance)

    def check_file(self, rows, context):
        self.open_conflicts(
            rows,
            context.extra["open"],
            lambda registration: registration.person_id,
            "departed_on",
            ("离开日期", "该居民已有在住的流动人口登记({earlier}),请先填写其离开日期。"),
        )

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(
            FloatingRegistration, new, actor=actor, reason=f"流动人口登记({IMPORT_NOTE})"
        )
        bulk_update_with_history(FloatingRegistration, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        becoming_floating = {}
        for registration in created:
            person = registration.person
            if registration.departed_on is None and person.residence_type != ResidenceType.FLOATING:
                person.residence_type = ResidenceType.FLOATING
                becoming_floating[person.pk] = (person, ["residence_type"])
        bulk_update_with_history(Person, list(becoming_floating.values()), actor=actor, reason="办理流动人口登记")
        self.ensure_all_visible([*created, *(registration for registration, _ in changed)], actor)


class MembershipResource(PersonResourceMixin):
    person = ExcelField("person", ID_HEADER, PersonByIdWidget(), required=True)
    person_name = ExcelField(
        "person__name", NAME_HEADER, TextWidget(50), readonly=True, help="仅用于核对,须与证件号码登记的姓名一致"
    )
    category = ExcelField(
        "category",
        "类别",
        LookupWidget("categories", render_attr="name", noun="人群类别", help="人群类别的名称"),
        required=True,
    )
    start_on = ExcelField("start_on", "开始日期", DateWidget(), required=True)
    end_on = ExcelField("end_on", "结束日期", DateWidget(), help="格式 YYYY-MM-DD;仍在该类别中留空")
    source_document = ExcelField("source_document", "依据文件", TextWidget(200))
    disability_type = ExcelField("disability_type", "残疾类别", TextWidget(20), help="类别为残疾人时必填,如 肢体、视力")
    disability_grade = ExcelField("disability_grade", "残疾等级", TextWidget(10), help="如 一级、二级")

    class Meta:
        model = CategoryMembership
        import_id_fields = ("person", "category", "start_on")
        fields = (
            "person", "person_name", "category", "start_on", "end_on", "source_document", "disability_type",
            "disability_grade",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        """``visible_to`` leaves out sensitive categories (刑释, 矫正 …) for users without the permission."""
        return super().filter_export(queryset).order_by("category__order", "person__name_pinyin", "start_on", "pk")


class MembershipExcel(PersonKeyedExcel):
    """人群类别登记, matched on 证件号码 + 类别 + 开始日期, with ``membership_add``'s rules: only
    categories the user may see, one open membership per person and category, 残疾类别 where needed."""

    code = "memberships"
    title = "人群类别登记"
    model = CategoryMembership
    resource_class = MembershipResource
    order = 40
    select_related = ("person", "category")
    key_column = "开始日期"
    key_description = "证件号码、类别和开始日期"

    def lookups(self, rows):
        result = super().lookups(rows)
        result["categories"] = {category.name: category for category in Category.objects.visible_to(self.user)}
        return result

    def key_of(self, row):
        person, category, start = (row.values.get(name) for name in ("person", "category", "start_on"))
        return (person.pk, category.pk, start) if person is not None and category is not None and start else None

    def load(self, rows, context):
        persons = {row.values["person"].pk for row in rows if row.values.get("person") is not None}
        memberships = CategoryMembership.objects.visible_to(self.user).filter(
            community=self.community, person_id__in=persons
        )
        context.extra["open"] = defaultdict(set)
        for membership in memberships.select_related("person", "category"):
            context.existing[(membership.person_id, membership.category_id, membership.start_on)] = membership
            if membership.end_on is None:
                context.extra["open"][(membership.person_id, membership.category_id)].add(membership.pk)

    def build(self, row, context):
        membership = CategoryMembership(community=self.community)
        for attribute, value in row.values.items():
            setattr(membership, attribute, value)
        return membership

    def check(self, row, instance, context, *, new):
        self.check_name(row)
        category = instance.category
        if new and not category.is_active:
            row.error("类别", f"类别「{category.name}」已停用,不能新登记。")
        if category.has_disability_detail and not instance.disability_type:
            row.error("残疾类别", f"类别为{category.name}时必填。")
        if instance.end_on and instance.start_on and instance.end_on < instance.start_on:
            row.error("结束日期", "结束日期不能早于开始日期。")
        self.validate(row, instance)

    def check_file(self, rows, context):
        self.open_conflicts(
            rows,
            context.extra["open"],
            lambda membership: (membership.person_id, membership.category_id),
            "end_on",
            ("结束日期", "该居民已在该类别中({earlier}尚未结束),请先填写其结束日期。"),
        )

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(CategoryMembership, new, actor=actor, reason=f"登记类别({IMPORT_NOTE})")
        bulk_update_with_history(CategoryMembership, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(membership for membership, _ in changed)], actor)
