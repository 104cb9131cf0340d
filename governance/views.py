from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.views.generic import RedirectView

from governance.filters import CommunityFilter, GridFilter, ResidentGroupFilter, ResidentUnitFilter, UserFilter
from governance.forms import (
    CommunityForm,
    GridForm,
    ResidentGroupForm,
    ResidentUnitForm,
    StaffAccountForm,
    StaffPasswordForm,
)
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, User
from governance.selectors import community_overview
from governance.services import staff_account_create, staff_account_set_password, staff_account_update


class HomeView(LoginRequiredMixin, RedirectView):
    """A community user lands on their community's overview; street leaders on their communities."""

    def get_redirect_url(self, *args, **kwargs):
        if self.request.user.community_id:
            return reverse("governance:community_detail", kwargs={"pk": self.request.user.community_id})
        return reverse("governance:community_list")


#
# Communities
#


class CommunityListView(RegisterListView):
    model = Community
    filterset_class = CommunityFilter
    template_name = "governance/community_list.html"
    list_select_related = ("street",)

    def get_queryset(self):
        queryset = super().get_queryset().annotate(group_count=Count("resident_groups", distinct=True))
        return queryset.order_by("street__name", "name")


class CommunityDetailView(RegisterDetailView):
    """The community overview: profile, groups with their grid workers, units."""

    model = Community
    template_name = "governance/community_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("street")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overview"] = community_overview(community=self.object, user=self.request.user)
        return context


class CommunityUpdateView(RegisterUpdateView):
    model = Community
    form_class = CommunityForm


#
# Residents' groups
#


class ResidentGroupListView(RegisterListView):
    model = ResidentGroup
    filterset_class = ResidentGroupFilter
    template_name = "governance/residentgroup_list.html"
    list_select_related = ("community",)
    list_prefetch_related = ("workers", "grids__responsible")


class ResidentGroupDetailView(RegisterDetailView):
    model = ResidentGroup
    template_name = "governance/residentgroup_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community")
            .prefetch_related("workers", Prefetch("grids", queryset=Grid.objects.select_related("responsible")))
        )


class ResidentGroupCreateView(RegisterCreateView):
    model = ResidentGroup
    form_class = ResidentGroupForm


class ResidentGroupUpdateView(RegisterUpdateView):
    model = ResidentGroup
    form_class = ResidentGroupForm


#
# Grids
#


class GridListView(RegisterListView):
    model = Grid
    filterset_class = GridFilter
    template_name = "governance/grid_list.html"
    list_select_related = ("community", "responsible")
    list_prefetch_related = ("groups",)


class GridDetailView(RegisterDetailView):
    model = Grid
    template_name = "governance/grid_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "responsible").prefetch_related("groups")


class GridCreateView(RegisterCreateView):
    model = Grid
    form_class = GridForm


class GridUpdateView(RegisterUpdateView):
    model = Grid
    form_class = GridForm


#
# Resident units
#


class ResidentUnitListView(RegisterListView):
    model = ResidentUnit
    filterset_class = ResidentUnitFilter
    template_name = "governance/residentunit_list.html"
    list_select_related = ("community",)


class ResidentUnitDetailView(RegisterDetailView):
    model = ResidentUnit
    template_name = "governance/residentunit_detail.html"


class ResidentUnitCreateView(RegisterCreateView):
    model = ResidentUnit
    form_class = ResidentUnitForm


class ResidentUnitUpdateView(RegisterUpdateView):
    model = ResidentUnit
    form_class = ResidentUnitForm


#
# Staff accounts (书记/主任 manage those of their community)
#


class UserListView(RegisterListView):
    model = User
    filterset_class = UserFilter
    template_name = "governance/user_list.html"
    list_select_related = ("community",)
    list_prefetch_related = ("groups", "resident_groups")


class UserDetailView(RegisterDetailView):
    model = User
    template_name = "governance/user_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "street").prefetch_related("groups")


class UserCreateView(RegisterCreateView):
    model = User
    form_class = StaffAccountForm
    success_message = "账号已创建。"

    def save(self, form, *, instance, m2m):
        data = form.cleaned_data
        return staff_account_create(
            actor=self.request.user,
            username=data["username"],
            password=data["password1"],
            name=data["name"],
            phone=data["phone"],
            post=data["post"],
            community=data.get("community"),
            roles=data["roles"],
            resident_groups=data["resident_groups"],
        )


class UserUpdateView(RegisterUpdateView):
    model = User
    form_class = StaffAccountForm

    def save(self, form, *, instance, m2m):
        data = form.cleaned_data
        return staff_account_update(
            actor=self.request.user, user=instance, roles=data["roles"], resident_groups=data["resident_groups"]
        )


class UserPasswordView(SubjectFormView):
    """Set a new password for a staff account (the head of the community resets it)."""

    model = User
    action = "change"
    subject_model = User
    form_class = StaffPasswordForm
    title = "重置密码"
    success_message = "密码已重置。"

    def form_kwargs(self):
        return {"account": self.subject}

    def perform(self, form):
        staff_account_set_password(actor=self.request.user, user=self.subject, password=form.cleaned_data["password1"])
        if self.subject.pk == self.request.user.pk:
            # Resetting one's own password would otherwise end the session on the next request.
            update_session_auth_hash(self.request, self.subject)
