from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from governance.forms import RegisterForm
from households.models import Household
from residents.choices import EventKind, PersonStatus, Relation
from residents.models import VIEW_FULL_ID, Category, CategoryMembership, FloatingCheck, FloatingRegistration, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PERSON_FIELDS = [
    "name",
    "id_type",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "marital_status",
    "group",
    "household",
    "relation",
    "residence_type",
    "separation",
    "hukou_type",
    "hukou_address",
    "current_address",
    "employment_status",
    "employer",
    "employer_type",
    "phone",
    "medical_insurance",
    "has_health_record",
    "has_pension_insurance",
    "note",
]


def person_layout(fields) -> Layout:
    def only(*names):
        return [Column(name) for name in names if name in fields]

    return Layout(
        Fieldset("身份信息", Row(*only("name", "id_type", "id_number")), Row(*only("sex", "birth_date", "ethnicity"))),
        Fieldset(
            "户籍与居住",
            Row(*only("group", "household", "relation")),
            Row(*only("residence_type", "separation", "hukou_type")),
            Row(*only("hukou_address", "current_address")),
        ),
        Fieldset(
            "个人情况",
            Row(*only("political_status", "education", "marital_status")),
            Row(*only("employment_status", "employer", "employer_type")),
            Row(*only("phone", "medical_insurance")),
            Row(*only("has_health_record", "has_pension_insurance")),
        ),
        *[name for name in ("note",) if name in fields],
    )


class PersonFormMixin:
    """身份证号 first: birth date and sex may be left blank and are derived from it."""

    def setup_person_fields(self):
        for name in ("birth_date", "sex"):
            if name in self.fields:
                self.fields[name].required = False
        if "birth_date" in self.fields:
            self.fields["birth_date"].widget = DATE
            self.fields["birth_date"].help_text = "填写身份证号后可留空,自动取号码中的出生日期。"
        if "id_number" in self.fields:
            self.fields["id_number"].help_text = "居民身份证按 GB 11643 校验;旧版15位号码自动升级为18位。"

    def clean(self):
        cleaned = super().clean()
        person = self.instance
        for name in ("id_type", "id_number", "birth_date", "sex"):
            if name in cleaned:
                setattr(person, name, cleaned[name])
        person.fill_from_id_number()
        for name in ("id_number", "birth_date", "sex"):
            if name in self.fields:
                cleaned[name] = getattr(person, name)
        for name, message in (
            ("birth_date", "请填写出生日期(或填写身份证号)。"),
            ("sex", "请选择性别(或填写身份证号)。"),
        ):
            if name in self.fields and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        return cleaned


class PersonRegisterForm(PersonFormMixin, RegisterForm):
    """登记 / 迁入 / 流入 of a person into the community, optionally into a household."""

    kind = forms.ChoiceField(
        label="登记方式",
        choices=[(k.value, k.label) for k in (EventKind.REGISTER, EventKind.MOVE_IN, EventKind.FLOAT_IN)],
    )
    on = forms.DateField(label="登记/迁入日期", widget=DATE, initial=timezone.localdate)
    place = forms.CharField(label="迁出地", required=False, help_text="迁入、流入时填写从哪里来。")
    document = forms.CharField(label="证明材料", required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    returning = None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("household") and not cleaned.get("group") and "group" not in self.errors:
            self.add_error("group", "未入户的居民请选择居民小组。")
        # Someone who moved out and comes back keeps their row: the service re-admits them, so the
        # number being taken is not an error here (one person, one row).
        number = cleaned.get("id_number")
        if number:
            self.returning = Person.objects.filter(id_number=number, status=PersonStatus.MOVED_OUT).first()
        return cleaned

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.returning is not None:
            exclude.add("id_number")
        return exclude

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.setup_person_fields()
        self.fields["household"].queryset = Household.objects.visible_to(user).filter(status="active")
        self.fields["household"].help_text = "已有户的居民选择其户;无户的(如集体户、流动人员)可留空。"
        self.helper.layout = Layout(
            Fieldset("登记方式", Row(Column("kind"), Column("on"), Column("place"), Column("document"))),
            *person_layout(self.fields).fields,
        )


class BirthForm(PersonFormMixin, RegisterForm):
    """A baby born into ``household``: the household is fixed, the register date is the birth date."""

    document = forms.CharField(label="证明材料", initial="出生医学证明")

    class Meta:
        model = Person
        fields = ["name", "id_number", "sex", "birth_date", "ethnicity", "relation", "hukou_type", "note"]

    def __init__(self, *args, user, household: Household, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.setup_person_fields()
        self.fields["id_number"].help_text = "已办理出生登记的,填写身份证号;未办理的可留空。"
        self.fields["relation"].initial = Relation.GRANDCHILD
        self.instance.household = household
        self.instance.community = household.community
        self.instance.group = household.group
        self.instance.current_address = household.address


class PersonCorrectionForm(PersonFormMixin, RegisterForm):
    """信息更正: facts recorded wrongly. Household, status and dates change only through life events."""

    reason = forms.CharField(label="更正原因", help_text="如:登记时民族录入错误,据户口簿更正。")
    on = forms.DateField(label="更正日期", widget=DATE, initial=timezone.localdate)

    class Meta:
        model = Person
        fields = [f for f in PERSON_FIELDS if f not in ("household", "relation")]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.setup_person_fields()
        if not user.has_perm(VIEW_FULL_ID):
            # Without the permission the full number is never shown, so it cannot be corrected here either.
            del self.fields["id_number"]
            del self.fields["id_type"]
        self.helper.layout = Layout(
            *person_layout(self.fields).fields, Fieldset("更正说明", Row(Column("reason"), Column("on")))
        )

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name in self._meta.fields}


class EventForm(forms.Form):
    """The date an event took effect, plus what the event needs."""

    on = forms.DateField(label="发生日期", widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms.helper import FormHelper

        self.helper = FormHelper()
        self.helper.form_tag = False


class MoveOutForm(EventForm):
    floating = forms.TypedChoiceField(
        label="类型", choices=[("0", "迁出(户籍迁走)"), ("1", "流出(流动人口离开)")], coerce=lambda v: v == "1"
    )
    place = forms.CharField(label="迁往地", required=False)
    document = forms.CharField(label="证明材料", required=False, initial="户口迁移证")


class DeathForm(EventForm):
    document = forms.CharField(label="证明材料", initial="死亡证明")


class TransferForm(EventForm):
    to_household = forms.ModelChoiceField(label="迁入户", queryset=Household.objects.none())
    relation = forms.ChoiceField(label="与新户户主关系", choices=Relation.choices)

    def __init__(self, *args, user, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_household"].queryset = (
            Household.objects.visible_to(user)
            .filter(community=person.community, status="active")
            .exclude(pk=person.household_id)
        )


class ChangeHeadForm(EventForm):
    new_head = forms.ModelChoiceField(label="新户主", queryset=Person.objects.none())
    former_head_relation = forms.ChoiceField(
        label="原户主改为", choices=[c for c in Relation.choices if c[0] != Relation.HEAD], initial=Relation.SPOUSE
    )

    def __init__(self, *args, user, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_head"].queryset = (
            Person.objects.visible_to(user).filter(household=household, status="active").exclude(relation=Relation.HEAD)
        )


class SplitForm(EventForm):
    members = forms.ModelMultipleChoiceField(
        label="分出的成员", queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    head = forms.ModelChoiceField(label="新户户主", queryset=Person.objects.none())
    number = forms.CharField(label="新户户号", max_length=30)
    address = forms.CharField(label="新户住址", max_length=200)

    def __init__(self, *args, user, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        members = (
            Person.objects.visible_to(user).filter(household=household, status="active").exclude(relation=Relation.HEAD)
        )
        self.fields["members"].queryset = members
        self.fields["head"].queryset = members
        self.fields["address"].initial = household.address


class MergeForm(EventForm):
    target = forms.ModelChoiceField(label="并入的户", queryset=Household.objects.none())

    def __init__(self, *args, user, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Household.objects.visible_to(user)
            .filter(community=household.community, status="active")
            .exclude(pk=household.pk)
        )


class MembershipForm(RegisterForm):
    class Meta:
        model = CategoryMembership
        fields = ["category", "start_on", "source_document", "disability_type", "disability_grade", "note"]
        widgets = {"start_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["category"].queryset = self.fields["category"].queryset.filter(is_active=True)
        self.fields["disability_type"].help_text = "类别为残疾人时必填:视力、听力、言语、肢体、智力、精神、多重。"


class MembershipEndForm(EventForm):
    pass


class CategoryForm(RegisterForm):
    class Meta:
        model = Category
        fields = ["name", "code", "is_sensitive", "has_disability_detail", "order", "is_active", "description"]


class FloatingRegistrationForm(RegisterForm):
    class Meta:
        model = FloatingRegistration
        fields = [
            "arrived_on",
            "origin",
            "purpose",
            "address",
            "rental",
            "employer",
            "permit_number",
            "permit_expires_on",
            "security_pledge_signed_on",
            "residence_contract_signed_on",
            "id_checked",
            "family_planning_checked",
            "departed_on",
            "note",
        ]
        widgets = {
            name: DATE
            for name in (
                "arrived_on",
                "permit_expires_on",
                "security_pledge_signed_on",
                "residence_contract_signed_on",
                "departed_on",
            )
        }


class FloatingCheckForm(RegisterForm):
    class Meta:
        model = FloatingCheck
        fields = ["checked_on", "checked_by", "finding"]
        widgets = {"checked_on": DATE}
