from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group

from governance.models import Community, Grid, ResidentGroup, ResidentUnit, User
from governance.roles import COMMUNITY_ROLE_NAMES, GRID_RESPONSIBLE_ROLE_NAMES, ROLE_NAMES
from governance.scoping import ScopedFormMixin


class RegisterForm(ScopedFormMixin, forms.ModelForm):
    """A register form: choices narrowed to the user's scope, rendered by crispy inside the page's <form>.

    A user who belongs to one community never picks it: the ``community`` field is dropped and
    the service sets it from the user. Superusers and street leaders choose among theirs.
    """

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "community" in self.fields and (user.community_id or self.instance.pk):
            del self.fields["community"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        layout = self.get_layout()
        if layout is not None:
            self.helper.layout = layout

    def get_layout(self):
        return None


class CommunityForm(RegisterForm):
    class Meta:
        model = Community
        fields = [
            "name",
            "kind",
            "founded_on",
            "area_km2",
            "address",
            "hotline",
            "boundary_east",
            "boundary_south",
            "boundary_west",
            "boundary_north",
            "distance_to_office_km",
            "road_to_office",
            "distance_to_city_km",
            "transport_note",
            "office_funds_monthly",
            "brand",
        ]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "brand": forms.Textarea(attrs={"rows": 3}),
        }

    def get_layout(self):
        return Layout(
            Fieldset(
                "基本信息",
                Row(Column("name"), Column("kind"), Column("founded_on")),
                Row(Column("area_km2"), Column("address"), Column("hotline")),
            ),
            Fieldset(
                "四至与交通",
                Row(
                    Column("boundary_east"), Column("boundary_south"), Column("boundary_west"), Column("boundary_north")
                ),
                Row(
                    Column("distance_to_office_km"),
                    Column("road_to_office"),
                    Column("distance_to_city_km"),
                    Column("transport_note"),
                ),
            ),
            Fieldset("经费与特色", "office_funds_monthly", "brand"),
        )


class ResidentGroupForm(RegisterForm):
    class Meta:
        model = ResidentGroup
        fields = ["community", "name", "order", "has_opinion_box", "highlight"]
        widgets = {"highlight": forms.Textarea(attrs={"rows": 3})}


class GridForm(RegisterForm):
    class Meta:
        model = Grid
        fields = ["community", "name", "groups", "responsible", "time_slots", "management_elements"]
        widgets = {
            "groups": forms.CheckboxSelectMultiple,
            "management_elements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        responsible = self.fields["responsible"]
        responsible.queryset = responsible.queryset.filter(
            is_active=True, groups__name__in=GRID_RESPONSIBLE_ROLE_NAMES
        ).distinct()

    def clean(self):
        cleaned = super().clean()
        if self.instance.community_id:
            community = self.instance.community
        else:
            community = cleaned.get("community") or self.user.community
        if community is not None:
            if any(group.community_id != community.pk for group in cleaned.get("groups") or []):
                self.add_error("groups", "网格只能包含本社区的居民小组。")
            responsible = cleaned.get("responsible")
            if responsible is not None and responsible.community_id != community.pk:
                self.add_error("responsible", "网格责任人必须是本社区的工作人员。")
        return cleaned


class ResidentUnitForm(RegisterForm):
    class Meta:
        model = ResidentUnit
        fields = [
            "community",
            "name",
            "kind",
            "ownership",
            "located_in_territory",
            "is_co_builder",
            "is_key_unit",
            "employees",
            "address",
            "contact_person",
            "contact_phone",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def get_layout(self):
        fields = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "单位信息",
                *fields,
                Row(Column("name"), Column("kind"), Column("ownership")),
                Row(Column("located_in_territory"), Column("is_co_builder"), Column("is_key_unit")),
                Row(Column("employees"), Column("address")),
            ),
            Fieldset("联系方式", Row(Column("contact_person"), Column("contact_phone")), "note"),
        )


class StaffAccountForm(RegisterForm):
    """Create or edit a staff account of the community; roles limited to community-level ones."""

    roles = forms.ModelMultipleChoiceField(
        label="角色",
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=True,
    )

    class Meta:
        model = User
        fields = ["community", "username", "name", "phone", "post", "resident_groups", "is_active"]
        widgets = {"resident_groups": forms.CheckboxSelectMultiple}
        labels = {"username": "登录名", "is_active": "账号有效"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        names = ROLE_NAMES if user.is_superuser else COMMUNITY_ROLE_NAMES
        self.fields["roles"].queryset = Group.objects.filter(name__in=names).order_by("name")
        if self.instance.pk:
            self.fields["roles"].initial = self.instance.groups.all()
            self.fields["username"].disabled = True
            community = self.instance.community
        else:
            del self.fields["is_active"]
            self.fields["password1"] = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)
            self.fields["password2"] = forms.CharField(label="确认密码", widget=forms.PasswordInput, strip=False)
            community = user.community
        if community is not None:
            self.fields["resident_groups"].queryset = ResidentGroup.objects.visible_to(user).filter(community=community)
        self._build_layout()

    def _build_layout(self):
        # Built after __init__ has added the password fields, so not through get_layout().
        account = [Row(Column("username"), Column("name")), Row(Column("phone"), Column("post"))]
        if "community" in self.fields:
            account.insert(0, "community")
        if "is_active" in self.fields:
            account.append("is_active")
        scope = [InlineCheckboxes("roles"), InlineCheckboxes("resident_groups")]
        layout = [Fieldset("账号", *account), Fieldset("角色与负责范围", *scope)]
        if "password1" in self.fields:
            layout.append(Fieldset("登录密码", Row(Column("password1"), Column("password2"))))
        self.helper.layout = Layout(*layout)

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError("两次输入的密码不一致。")
        if password2:
            password_validation.validate_password(password2, User(username=self.cleaned_data.get("username", "")))
        return password2


class StaffPasswordForm(forms.Form):
    password1 = forms.CharField(label="新密码", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="确认新密码", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, account: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError("两次输入的密码不一致。")
        password_validation.validate_password(password2, self.account)
        return password2
