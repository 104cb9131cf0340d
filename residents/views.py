from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from governance.filters import SearchFilterSet
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from households.models import Household
from residents.choices import Relation
from residents.filters import FloatingRegistrationFilter, PersonFilter
from residents.forms import (
    BirthForm,
    CategoryForm,
    ChangeHeadForm,
    DeathForm,
    FloatingCheckForm,
    FloatingRegistrationForm,
    MembershipEndForm,
    MembershipForm,
    MergeForm,
    MoveOutForm,
    PersonCorrectionForm,
    PersonRegisterForm,
    SplitForm,
    TransferForm,
)
from residents.models import Category, CategoryMembership, FloatingCheck, FloatingRegistration, Person
from residents.services import (
    floating_check_add,
    floating_register,
    household_change_head,
    household_merge,
    household_split,
    membership_add,
    membership_end,
    person_correct,
    person_move_out,
    person_record_birth,
    person_register,
    person_register_death,
    person_transfer,
)

HOUSEHOLD_EVENT_PERMISSIONS = ["residents.change_person", "households.change_household"]

#
# People
#


class PersonListView(RegisterListView):
    model = Person
    filterset_class = PersonFilter
    template_name = "residents/person_list.html"
    list_select_related = ("community", "group", "household")
    # What person_list.html shows: not the other twenty columns of a person, nor a community's boundaries.
    list_only = (
        "name", "name_pinyin", "sex", "birth_date", "id_number", "relation", "ethnicity", "residence_type", "phone",
        "status", "community__name", "group__name", "household__number",
    )  # fmt: skip
    page_ids_first = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class PersonDetailView(RegisterDetailView):
    """A person with their household and its members, categories over time, events and history."""

    model = Person
    template_name = "residents/person_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "grid", "household")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person, user = self.object, self.request.user
        context["today"] = timezone.localdate()
        if person.household_id:
            context["household_members"] = (
                Person.objects.visible_to(user)
                .filter(household=person.household_id, status="active")
                .exclude(pk=person.pk)
            )
        context["memberships"] = (
            CategoryMembership.objects.visible_to(user).filter(person=person).select_related("category")
        )
        context["events"] = person.events.select_related("household", "other_household", "recorded_by")
        context["floating_registrations"] = person.floating_registrations.all()
        return context


class PersonRegisterView(RegisterCreateView):
    """登记 / 迁入 / 流入: a person joins the register (a birth is recorded from the household page)."""

    model = Person
    form_class = PersonRegisterForm
    success_message = "已登记。"

    def get_initial(self):
        initial = super().get_initial()
        household = Household.objects.visible_to(self.request.user).filter(pk=self.request.GET.get("household")).first()
        if household is not None:
            initial |= {"household": household, "group": household.group, "current_address": household.address}
            initial["relation"] = "" if household.members.filter(status="active").exists() else Relation.HEAD
        return initial

    def save(self, form, *, instance, m2m):
        data = form.cleaned_data
        if form.returning is not None:
            self.success_message = f"{form.returning.name}曾于{form.returning.left_on:%Y年%m月%d日}迁出,已重新登记。"
        return person_register(
            actor=self.request.user,
            person=instance,
            on=data["on"],
            kind=data["kind"],
            place=data["place"],
            document=data["document"],
        )


class PersonCorrectView(RegisterUpdateView):
    model = Person
    form_class = PersonCorrectionForm
    success_message = "已更正。"

    def get_context_data(self, **kwargs):
        return super().get_context_data(form_title=f"信息更正:{self.object}", **kwargs)

    def save(self, form, *, instance, m2m):
        # The form has already applied the changes to ``instance``; the service re-applies them
        # from a fresh copy so the history row and the event name exactly what changed.
        fresh = Person.objects.visible_to(self.request.user).get(pk=instance.pk)
        return person_correct(
            actor=self.request.user,
            person=fresh,
            changes=form.changes(),
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
        )


class PersonEventView(SubjectFormView):
    model = Person
    action = "change"
    subject_model = Person


class PersonMoveOutView(PersonEventView):
    form_class = MoveOutForm
    title = "迁出/流出"
    success_message = "已登记迁出。"

    def perform(self, form):
        data = form.cleaned_data
        person_move_out(
            actor=self.request.user,
            person=self.subject,
            on=data["on"],
            place=data["place"],
            document=data["document"],
            floating=data["floating"],
        )


class PersonDeathView(PersonEventView):
    form_class = DeathForm
    title = "登记死亡"
    success_message = "已登记死亡。"

    def perform(self, form):
        data = form.cleaned_data
        person_register_death(actor=self.request.user, person=self.subject, on=data["on"], document=data["document"])


class PersonTransferView(PersonEventView):
    form_class = TransferForm
    title = "户间转移"
    success_message = "已转入新户。"

    def form_kwargs(self):
        return {"user": self.request.user, "person": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        person_transfer(
            actor=self.request.user,
            person=self.subject,
            to_household=data["to_household"],
            relation=data["relation"],
            on=data["on"],
        )


#
# Household events (the household page links here; the services move people, so they live in residents)
#


class HouseholdEventView(SubjectFormView):
    model = Person
    subject_model = Household
    permission_required = HOUSEHOLD_EVENT_PERMISSIONS

    def form_kwargs(self):
        return {"user": self.request.user, "household": self.subject}


class HouseholdBirthView(HouseholdEventView):
    form_class = BirthForm
    permission_required = ["residents.add_person"]
    title = "登记出生"
    success_message = "出生已登记。"

    def perform(self, form):
        person = form.save(commit=False)
        return person_record_birth(actor=self.request.user, person=person, document=form.cleaned_data["document"])


class HouseholdChangeHeadView(HouseholdEventView):
    form_class = ChangeHeadForm
    title = "变更户主"
    success_message = "户主已变更。"

    def perform(self, form):
        data = form.cleaned_data
        household_change_head(
            actor=self.request.user,
            household=self.subject,
            new_head=data["new_head"],
            on=data["on"],
            former_head_relation=data["former_head_relation"],
        )


class HouseholdSplitView(HouseholdEventView):
    form_class = SplitForm
    title = "分户"
    success_message = "已分户。"

    def perform(self, form):
        data = form.cleaned_data
        new_household = Household(
            number=data["number"], address=data["address"], kind=self.subject.kind, housing=self.subject.housing
        )
        return household_split(
            actor=self.request.user,
            household=self.subject,
            new_household=new_household,
            members=data["members"],
            head=data["head"],
            on=data["on"],
        )


class HouseholdMergeView(HouseholdEventView):
    form_class = MergeForm
    title = "并户(并入其他户)"
    success_message = "已并户。"

    def perform(self, form):
        data = form.cleaned_data
        return household_merge(actor=self.request.user, source=self.subject, target=data["target"], on=data["on"])


#
# Special-population categories
#


class MembershipCreateView(SubjectFormView):
    model = CategoryMembership
    action = "add"
    subject_model = Person
    form_class = MembershipForm
    title = "登记人群类别"
    success_message = "类别已登记。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        membership_add(
            actor=self.request.user,
            person=self.subject,
            category=data["category"],
            start_on=data["start_on"],
            source_document=data["source_document"],
            disability_type=data["disability_type"],
            disability_grade=data["disability_grade"],
            note=data["note"],
        )


class MembershipEndView(SubjectFormView):
    model = CategoryMembership
    action = "change"
    subject_model = CategoryMembership
    form_class = MembershipEndForm
    title = "结束类别登记"
    success_message = "类别登记已结束。"

    def perform(self, form):
        membership_end(actor=self.request.user, membership=self.subject, end_on=form.cleaned_data["on"])
        return self.subject.person


class CategoryFilter(SearchFilterSet):
    search_fields = ("name", "code", "description")

    class Meta:
        model = Category
        fields = ["q"]


class CategoryListView(RegisterListView):
    model = Category
    filterset_class = CategoryFilter
    template_name = "residents/category_list.html"


class CategoryCreateView(RegisterCreateView):
    model = Category
    form_class = CategoryForm

    def get_success_url(self):
        return reverse("residents:category_list")


class CategoryUpdateView(RegisterUpdateView):
    model = Category
    form_class = CategoryForm

    def get_success_url(self):
        return reverse("residents:category_list")


#
# Floating population
#


class FloatingRegistrationListView(RegisterListView):
    model = FloatingRegistration
    filterset_class = FloatingRegistrationFilter
    template_name = "residents/floatingregistration_list.html"
    list_select_related = ("person", "community", "rental")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class FloatingRegistrationDetailView(RegisterDetailView):
    model = FloatingRegistration
    template_name = "residents/floatingregistration_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("person", "rental")
            .prefetch_related(Prefetch("checks", queryset=FloatingCheck.objects.order_by("-checked_on")))
        )


class FloatingRegistrationCreateView(SubjectFormView):
    """Register the stay of a floating resident (the person is on the register as 流动)."""

    model = FloatingRegistration
    action = "add"
    subject_model = Person
    form_class = FloatingRegistrationForm
    title = "流动人口登记"
    success_message = "流动人口登记已保存。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return floating_register(actor=self.request.user, person=self.subject, registration=form.save(commit=False))


class FloatingRegistrationUpdateView(RegisterUpdateView):
    model = FloatingRegistration
    form_class = FloatingRegistrationForm


class FloatingCheckCreateView(SubjectFormView):
    model = FloatingCheck
    action = "add"
    subject_model = FloatingRegistration
    form_class = FloatingCheckForm
    title = "核对记录"
    success_message = "核对记录已保存。"

    def get_initial(self):
        return {"checked_on": timezone.localdate(), "checked_by": self.request.user.display_name}

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        floating_check_add(actor=self.request.user, registration=self.subject, check=form.save(commit=False))
