"""Forms of the construction projects (investment typed in 万元, stored in 元), their status steps and documents,
the honours (荣誉) and the contributions of 共驻共建 units."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from committee.models.projects import (
    AWARD_TITLES,
    STEP_DATES,
    Award,
    AwardSubject,
    ConstructionProject,
    ProjectDocument,
    ProjectStatus,
    UnitContribution,
    status_rank,
    wan_to_yuan,
    yuan_to_wan,
)
from governance.forms import RegisterForm
from governance.models import ResidentGroup, ResidentUnit
from residents.fields import PersonField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DatalistInput(forms.TextInput):
    """A text box offering common values (any other may be typed): an ``<input list>`` with its ``<datalist>``."""

    def __init__(self, options, attrs=None):
        super().__init__(attrs)
        self.options = options

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or name}-options"
        self.attrs["list"] = list_id
        box = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">', ((option,) for option in self.options))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


#
# Construction projects
#


class ConstructionProjectForm(RegisterForm):
    """A project: its groups among those of its community, the investment in 万元, and (when editing) the dates of
    the steps it has reached, for corrections. The status itself moves only through the 推进状态 page."""

    investment_wan = forms.DecimalField(
        label="投资(万元)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=6,
        help_text="按万元填写,如 7.5;未注明留空。",
    )

    class Meta:
        model = ConstructionProject
        fields = [
            "community",
            "title",
            "kind",
            "groups",
            "quantity",
            "unit",
            "spec",
            "funding_source",
            "planned_for",
            "approved_on",
            "started_on",
            "completed_on",
            "accepted_on",
            "description",
        ]
        widgets = {
            "groups": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            **{field: DATE for field, _ in STEP_DATES.values()},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community = self.instance.community if self.instance.community_id else user.community
        if community is not None:
            self.fields["groups"].queryset = ResidentGroup.objects.visible_to(user).filter(community=community)
        else:
            self.fields["groups"].queryset = self.fields["groups"].queryset.select_related("community")
            self.fields["groups"].label_from_instance = lambda group: f"{group.community.name} {group.name}"
        self.fields["investment_wan"].initial = yuan_to_wan(self.instance.investment)
        reached = status_rank(self.instance.status) if self.instance.pk else 0
        self.date_fields = []
        for status, (field, _) in STEP_DATES.items():
            if status_rank(status) <= reached:
                self.fields[field].required = True
                self.date_fields.append(field)
            else:
                del self.fields[field]
        self.helper.layout = self._layout()

    def _layout(self):
        community = ["community"] if "community" in self.fields else []
        parts = [
            Fieldset(
                "项目",
                *community,
                Row(Column("title", css_class="col-md-6"), Column("kind"), Column("funding_source")),
                InlineCheckboxes("groups"),
            ),
            Fieldset(
                "投资与规模",
                Row(Column("investment_wan"), Column("quantity"), Column("unit")),
                "spec",
                "planned_for",
            ),
        ]
        if self.date_fields:
            parts.append(Fieldset("已到达步骤的日期(更正用)", Row(*(Column(name) for name in self.date_fields))))
        parts.append("description")
        return Layout(*parts)

    def clean(self):
        cleaned = super().clean()
        community = self.instance.community if self.instance.community_id else cleaned.get("community")
        community = community or self.user.community
        groups = cleaned.get("groups") or []
        if community is not None and any(group.community_id != community.pk for group in groups):
            self.add_error("groups", "只能选择本社区的居民小组。")
        # The model validates the amount in 元 (what is stored): set it before ModelForm's _post_clean.
        self.instance.investment = wan_to_yuan(cleaned.get("investment_wan"))
        return cleaned


class ProjectAdvanceForm(forms.Form):
    """推进状态: the later status to reach and the date of every step on the way (each step keeps its own date)."""

    to = forms.ChoiceField(label="推进到")

    def __init__(self, *args, project: ConstructionProject, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        later = [status for status in ProjectStatus.values if status_rank(status) > status_rank(project.status)]
        self.fields["to"].choices = [(status, ProjectStatus(status).label) for status in later]
        self.fields["to"].initial = later[0] if later else None
        self.fields["to"].help_text = "可一次推进多步;途经的每一步都要填写日期,日期不能早于前一步、不能晚于今天。"
        today = timezone.localdate()
        for status in later:
            field, label = STEP_DATES[status]
            self.fields[field] = forms.DateField(label=label, required=False, widget=DATE)
            self.fields[field].widget.attrs["max"] = f"{today:%Y-%m-%d}"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(InlineRadios("to"), Row(*(Column(STEP_DATES[status][0]) for status in later)))

    def dates(self) -> dict[str, object]:
        """The dates typed, keyed by the status each one reaches."""
        return {status: self.cleaned_data.get(field) for status, (field, _) in STEP_DATES.items()}


class ProjectDocumentForm(RegisterForm):
    class Meta:
        model = ProjectDocument
        fields = ["kind", "title", "file"]
        help_texts = {"title": "留空则用文件名。"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["title"].required = False


#
# Honours
#


class AwardForm(RegisterForm):
    """An honour: the subject is the community, one of its groups, or a resident named by 身份证号."""

    subject = forms.ChoiceField(label="授予对象", choices=AwardSubject.choices, initial=AwardSubject.GROUP)
    person = PersonField(label="获奖居民(身份证号)", required=False, active_only=False)

    class Meta:
        model = Award
        fields = [
            "community",
            "subject",
            "group",
            "person",
            "title",
            "level",
            "stage",
            "year",
            "awarded_on",
            "awarding_body",
            "document_number",
            "attachment",
            "note",
        ]
        widgets = {
            "title": DatalistInput(AWARD_TITLES),
            "awarded_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].limit_to(user)
        community = self.instance.community if self.instance.community_id else user.community
        if community is not None:
            self.fields["group"].queryset = ResidentGroup.objects.visible_to(user).filter(community=community)
        if self.instance.pk:
            self.fields["subject"].initial = self.instance.subject_kind
            self.initial["person"] = ""
            if self.instance.person_id:
                # The number is not shown back (a worker sees it masked): blank keeps the resident.
                self.fields["person"].help_text = f"留空则保持原获奖居民({self.instance.person.name})。"
        else:
            self.fields["year"].initial = timezone.localdate().year
        community_field = ["community"] if "community" in self.fields else []
        self.helper.layout = Layout(
            Fieldset("授予对象", *community_field, InlineRadios("subject"), Row(Column("group"), Column("person"))),
            Fieldset(
                "荣誉",
                Row(Column("title", css_class="col-md-6"), Column("level"), Column("stage")),
                Row(Column("year"), Column("awarded_on"), Column("awarding_body"), Column("document_number")),
                "attachment",
                "note",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        subject = cleaned.get("subject")
        if subject == AwardSubject.GROUP and not cleaned.get("group"):
            self.add_error("group", "请选择获奖的居民小组。")
        if subject == AwardSubject.PERSON and not cleaned.get("person") and "person" not in self.errors:
            if self.instance.person_id:
                cleaned["person"] = self.instance.person
            else:
                self.add_error("person", "请填写获奖居民的身份证号。")
        if subject != AwardSubject.GROUP:
            cleaned["group"] = None
        if subject != AwardSubject.PERSON:
            cleaned["person"] = None
        return cleaned


#
# Co-building
#


class UnitContributionForm(RegisterForm):
    class Meta:
        model = UnitContribution
        fields = ["community", "unit", "year", "date", "kind", "description", "amount", "beneficiaries", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"unit": "只列出登记为“共驻共建单位”的驻社区单位。"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        units = ResidentUnit.objects.visible_to(user).filter(is_co_builder=True)
        community = self.instance.community if self.instance.community_id else user.community
        if community is not None:
            units = units.filter(community=community)
        self.fields["unit"].queryset = units
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year
        community_field = ["community"] if "community" in self.fields else []
        self.helper.layout = Layout(
            *community_field,
            Row(Column("unit", css_class="col-md-6"), Column("year"), Column("date")),
            Row(Column("kind"), Column("description", css_class="col-md-8")),
            Row(Column("amount"), Column("beneficiaries")),
            "note",
        )
