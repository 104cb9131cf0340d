from django import forms

from governance.forms import RegisterForm
from households.models import Building, Compound, Dwelling, Household, HouseholdTag, Rental

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HouseholdForm(RegisterForm):
    class Meta:
        model = Household
        fields = [
            "community",
            "number",
            "group",
            "kind",
            "address",
            "dwelling",
            "housing",
            "is_central",
            "phone",
            "established_on",
            "note",
        ]
        widgets = {"established_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            # The founding date is a fact of the register's history, changed only by correcting the record.
            self.fields["established_on"].disabled = True


class HouseholdTagForm(RegisterForm):
    class Meta:
        model = HouseholdTag
        fields = ["kind", "start_on", "source_document"]
        widgets = {"start_on": DATE}


class TagEndForm(forms.Form):
    end_on = forms.DateField(label="结束日期", widget=DATE)


class RentalForm(RegisterForm):
    class Meta:
        model = Rental
        fields = [
            "community",
            "group",
            "address",
            "dwelling",
            "owner_name",
            "owner_phone",
            "lease_registered_on",
            "lease_number",
            "responsibility_signed_on",
            "security_pledge_signed_on",
            "is_active",
            "note",
        ]
        widgets = {
            "lease_registered_on": DATE,
            "responsibility_signed_on": DATE,
            "security_pledge_signed_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class CompoundForm(RegisterForm):
    class Meta:
        model = Compound
        fields = ["community", "name", "address", "property_company", "has_owners_committee"]


class BuildingForm(RegisterForm):
    class Meta:
        model = Building
        fields = ["number"]


class DwellingForm(RegisterForm):
    class Meta:
        model = Dwelling
        fields = ["community", "group", "building", "entrance", "room", "address", "area_m2"]

    def clean(self):
        cleaned = super().clean()
        building = cleaned.get("building")
        if building is None and not cleaned.get("address"):
            self.add_error("address", "农村社区请填写门牌地址;城市社区请选择楼栋。")
        return cleaned
