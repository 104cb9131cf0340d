from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from committee.models.participation import (
    ATTACHMENT_EXTENSIONS,
    Disclosure,
    DisclosureItem,
    Evaluation,
    Suggestion,
)
from committee.models.staff import Staff, WorkingBodyKind
from governance.forms import RegisterForm
from governance.models import User
from governance.scoping import scope_of
from residents.fields import PersonField

# The bodies that review what is published: 「以社区成员代表组成财务监审小组实行跟踪监督」 (seed 003).
REVIEW_BODY_KINDS = (WorkingBodyKind.FINANCE_AUDIT, WorkingBodyKind.SUPERVISION)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}({obj.get_position_display()})"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.date:%Y-%m-%d} {obj.title}"


def _limit_meetings(form, user) -> None:
    """The meetings of the record's community, latest first."""
    field = form.fields.get("meeting")
    if field is None:
        return
    community = _community_of(user, form.instance)
    meetings = field.queryset.order_by("-date", "-pk")
    field.queryset = meetings.filter(community=community) if community is not None else meetings


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name}({obj.post})" if obj.post else obj.display_name


def _community_of(user, instance):
    if getattr(instance, "community_id", None):
        return instance.community
    return user.community if user.community_id else None


#
# Suggestions
#


class SuggestionForm(RegisterForm):
    """Receive a suggestion (受理), or correct its facts; its status moves on the detail page."""

    submitter_person = PersonField(
        label="提出人身份证号", required=False, help_text="在册居民填写身份证号;否则填写下面的姓名,或勾选匿名。"
    )

    class Meta:
        model = Suggestion
        fields = [
            "community",
            "received_on",
            "source",
            "group",
            "submitter_person",
            "submitter_name",
            "anonymous",
            "submitter_phone",
            "meeting",
            "category",
            "content",
            "note",
        ]
        widgets = {"received_on": DATE, "content": forms.Textarea(attrs={"rows": 4}), "note": TEXT}
        field_classes = {"meeting": MeetingChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["submitter_person"].limit_to(user)
        _limit_meetings(self, user)
        if self.instance.submitter_person_id:
            self.initial["submitter_person"] = self.instance.submitter_person.id_number
        if scope_of(user).group_ids is not None:
            # A grid worker records the opinions of their own groups.
            self.fields["group"].required = True
            self.fields["group"].help_text = "只能选择您负责的居民小组。"
        if self.instance.pk:
            self.fields["received_on"].disabled = True  # the number follows the year of receipt
        else:
            self.initial.setdefault("received_on", timezone.localdate())

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "受理", Row(*(Column(name) for name in [*community, "received_on", "source", "group"])), "meeting"
            ),
            Fieldset(
                "提出人",
                Row(Column("submitter_person"), Column("submitter_name"), Column("submitter_phone")),
                "anonymous",
            ),
            Fieldset("内容", "category", "content", "note"),
        )


class SuggestionAssignForm(forms.Form):
    handler = StaffChoiceField(label="承办人(工作人员)", queryset=Staff.objects.none(), required=False)
    handler_user = UserChoiceField(
        label="承办人(系统账号)",
        queryset=User.objects.none(),
        required=False,
        help_text="承办人未登记为社区工作人员时选择其账号;二者选一。",
    )
    assigned_on = forms.DateField(label="交办日期", widget=DATE)
    note = forms.CharField(label="交办说明", required=False, widget=TEXT)

    def __init__(self, *args, user, suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["handler"].queryset = (
            Staff.objects.visible_to(user).filter(community=suggestion.community).serving_on(today).order_by("name")
        )
        self.fields["handler_user"].queryset = User.objects.visible_to(user).filter(
            community=suggestion.community, is_active=True
        )
        self.initial.setdefault("assigned_on", today)
        self.initial.setdefault("handler", suggestion.handler_id)
        self.initial.setdefault("handler_user", suggestion.handler_user_id)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("handler")) == bool(cleaned.get("handler_user")):
            self.add_error("handler", "请选择一名承办人(工作人员或系统账号,二者选一)。")
        return cleaned


class SuggestionImplementForm(forms.Form):
    implemented_on = forms.DateField(label="落实日期", widget=DATE)
    reply = forms.CharField(
        label="落实情况(答复内容)", widget=forms.Textarea(attrs={"rows": 4}), help_text="办了什么、向提出人如何答复。"
    )
    answered_on = forms.DateField(label="答复日期", required=False, widget=DATE, help_text="留空为落实当日。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("implemented_on", timezone.localdate())


class SuggestionDeclineForm(forms.Form):
    answered_on = forms.DateField(label="答复日期", widget=DATE)
    reason = forms.CharField(label="不予采纳原因", widget=forms.Textarea(attrs={"rows": 3}))
    reply = forms.CharField(label="答复内容", required=False, widget=TEXT, help_text="向提出人答复的内容。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("answered_on", timezone.localdate())


class MonthForm(forms.Form):
    month = forms.CharField(label="月份", widget=forms.TextInput(attrs={"type": "month"}), required=False)


#
# Disclosures
#


class DisclosureForm(RegisterForm):
    class Meta:
        model = Disclosure
        fields = [
            "community",
            "kind",
            "title",
            "year",
            "quarter",
            "period_text",
            "published_on",
            "channel",
            "meeting",
            "content",
            "review_body",
            "reviewed_by",
            "reviewed_on",
            "note",
        ]
        widgets = {
            "published_on": DATE,
            "reviewed_on": DATE,
            "content": forms.Textarea(attrs={"rows": 4}),
            "note": TEXT,
        }
        field_classes = {"meeting": MeetingChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit_meetings(self, user)
        community = _community_of(user, self.instance)
        bodies = self.fields["review_body"].queryset.filter(kind__in=REVIEW_BODY_KINDS).order_by("kind", "name")
        self.fields["review_body"].queryset = bodies.filter(community=community) if community is not None else bodies
        if not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("published_on", today)
            self.initial.setdefault("year", today.year)

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "公开",
                *community,
                Row(Column("kind"), Column("title")),
                Row(Column("year"), Column("quarter"), Column("period_text")),
                Row(Column("published_on"), Column("channel"), Column("meeting")),
                "content",
            ),
            Fieldset("审核", Row(Column("review_body"), Column("reviewed_by"), Column("reviewed_on")), "note"),
        )


class DisclosureItemForm(RegisterForm):
    class Meta:
        model = DisclosureItem
        fields = ["category", "title", "content", "amount", "order"]
        widgets = {"content": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if not self.instance.pk and self.instance.disclosure_id:
            self.initial.setdefault("order", self.instance.disclosure.items.count() + 1)

    def get_layout(self):
        return Layout(Row(Column("category"), Column("title")), "content", Row(Column("amount"), Column("order")))


class DisclosureAttachmentForm(forms.Form):
    title = forms.CharField(label="附件说明", max_length=100, help_text="如:公开栏照片、财务收支明细表。")
    file = forms.FileField(
        label="文件",
        help_text=f"可上传 {'、'.join(ATTACHMENT_EXTENSIONS)} 文件,不超过10MB。",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in ATTACHMENT_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        file = self.cleaned_data["file"]
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in ATTACHMENT_EXTENSIONS:
            raise forms.ValidationError(f"不支持的文件类型,请上传 {'、'.join(ATTACHMENT_EXTENSIONS)} 文件。")
        return file


#
# Evaluations
#


class EvaluationForm(RegisterForm):
    staff = StaffChoiceField(
        label="被测评人", queryset=Staff.objects.all(), required=False, help_text="测评个人时选择。"
    )

    class Meta:
        model = Evaluation
        fields = [
            "community",
            "date",
            "kind",
            "meeting",
            "evaluatee",
            "staff",
            "evaluators",
            "participants",
            "satisfied",
            "basic",
            "unsatisfied",
            "source",
            "comments",
        ]
        widgets = {"date": DATE, "comments": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"meeting": MeetingChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community = _community_of(user, self.instance)
        staff = self.fields["staff"].queryset.order_by("name")
        self.fields["staff"].queryset = staff.filter(community=community) if community is not None else staff
        _limit_meetings(self, user)
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "测评",
                Row(*(Column(name) for name in [*community, "date", "kind", "meeting"])),
                Row(Column("evaluatee"), Column("staff"), Column("evaluators")),
            ),
            Fieldset(
                "结果",
                Row(Column("participants"), Column("satisfied"), Column("basic"), Column("unsatisfied")),
                "source",
                "comments",
            ),
        )
