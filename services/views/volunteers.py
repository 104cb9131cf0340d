"""Pages of 志愿服务: teams, volunteers with their hours ledger, activities with participants, party posts."""

from __future__ import annotations

import datetime

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from services.filters.volunteers import PartyPostFilter, VolunteerActivityFilter, VolunteerFilter, VolunteerTeamFilter
from services.forms.volunteers import (
    ParticipantsForm,
    PartyPostForm,
    RedemptionForm,
    VolunteerActivityForm,
    VolunteerForm,
    VolunteerTeamForm,
)
from services.models.volunteers import (
    ActivityParticipation,
    HoursRedemption,
    PartyPost,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
)
from services.selectors.volunteers import hours_ledger, volunteer_figures, volunteer_hours
from services.services.volunteers import (
    activity_participants_add,
    hours_redeem,
    party_post_save,
    volunteer_activity_save,
    volunteer_register,
    volunteer_team_save,
    volunteer_update,
)


def _this_year() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return datetime.date(today.year, 1, 1), today


#
# Teams
#


class VolunteerTeamListView(RegisterListView):
    model = VolunteerTeam
    filterset_class = VolunteerTeamFilter
    template_name = "services/volunteerteam_list.html"
    list_select_related = ("community", "leader")

    def get_queryset(self):
        return super().get_queryset().annotate(member_count=Count("members", distinct=True))


class VolunteerTeamDetailView(RegisterDetailView):
    model = VolunteerTeam
    template_name = "services/volunteerteam_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "leader")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["members"] = (
            Volunteer.objects.visible_to(user).filter(teams=self.object).select_related("person", "group")
        )
        context["activities"] = (
            VolunteerActivity.objects.visible_to(user)
            .filter(team=self.object)
            .annotate(hours=Sum("participations__hours"), people=Count("participations"))
            .order_by("-date")[:20]
        )
        return context


class VolunteerTeamCreateView(RegisterCreateView):
    model = VolunteerTeam
    form_class = VolunteerTeamForm
    success_message = "志愿者队伍已建立。"

    def save(self, form, *, instance, m2m):
        return volunteer_team_save(actor=self.request.user, team=instance)


class VolunteerTeamUpdateView(RegisterUpdateView):
    model = VolunteerTeam
    form_class = VolunteerTeamForm

    def save(self, form, *, instance, m2m):
        return volunteer_team_save(actor=self.request.user, team=instance)


#
# Volunteers
#


class VolunteerListView(RegisterListView):
    model = Volunteer
    filterset_class = VolunteerFilter
    template_name = "services/volunteer_list.html"
    list_select_related = ("community", "group", "person")
    list_prefetch_related = ("teams",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["object_list"]
        context["hours"] = volunteer_hours(volunteer.pk for volunteer in page)
        for volunteer in page:
            volunteer.hours_total = context["hours"].get(volunteer.pk)
        community = self.request.user.community if self.request.user.community_id else None
        if community is not None:
            start, end = _this_year()
            context["figures"] = volunteer_figures(start=start, end=end, community=community)
        return context


class VolunteerDetailView(RegisterDetailView):
    model = Volunteer
    template_name = "services/volunteer_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "person").prefetch_related("teams")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ledger = hours_ledger(self.object)
        context["ledger"] = ledger
        context["recent"] = list(reversed(ledger.entries))[:10]
        context["posts"] = PartyPost.objects.visible_to(self.request.user).filter(member=self.object.person)
        context["can_redeem"] = self.request.user.has_perm("services.add_hoursredemption")
        return context


class VolunteerLedgerView(RegisterDetailView):
    """时间储备: every activity's hours and every redemption, with the running balance."""

    model = Volunteer
    template_name = "services/volunteer_ledger.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ledger"] = hours_ledger(self.object)
        context["can_redeem"] = self.request.user.has_perm("services.add_hoursredemption")
        return context


class VolunteerCreateView(RegisterCreateView):
    model = Volunteer
    form_class = VolunteerForm
    success_message = "志愿者已登记。"

    def save(self, form, *, instance, m2m):
        return volunteer_register(actor=self.request.user, volunteer=instance, teams=m2m.get("teams", ()))


class VolunteerUpdateView(RegisterUpdateView):
    model = Volunteer
    form_class = VolunteerForm

    def save(self, form, *, instance, m2m):
        return volunteer_update(actor=self.request.user, volunteer=instance, teams=m2m.get("teams", ()))


class HoursRedeemView(SubjectFormView):
    model = HoursRedemption
    action = "add"
    subject_model = Volunteer
    form_class = RedemptionForm
    title = "支取时间储备"
    success_message = "已支取时间储备。"

    def perform(self, form):
        data = form.cleaned_data
        hours_redeem(
            actor=self.request.user, volunteer=self.subject, on=data["on"], hours=data["hours"], reason=data["reason"]
        )
        return None

    def get_success_url(self, result=None):
        return reverse("services:volunteer_ledger", kwargs={"pk": self.subject.pk})


#
# Activities
#


class VolunteerActivityListView(RegisterListView):
    model = VolunteerActivity
    filterset_class = VolunteerActivityFilter
    template_name = "services/volunteeractivity_list.html"
    list_select_related = ("community", "team")

    def get_queryset(self):
        return super().get_queryset().annotate(hours=Sum("participations__hours"), people=Count("participations"))


class VolunteerActivityDetailView(RegisterDetailView):
    model = VolunteerActivity
    template_name = "services/volunteeractivity_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "team")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participations = (
            ActivityParticipation.objects.visible_to(self.request.user)
            .filter(activity=self.object)
            .select_related("volunteer__person", "volunteer__group")
            .order_by("volunteer__person__name_pinyin")
        )
        today = timezone.localdate()
        context["today"] = today
        context["participations"] = participations
        context["total_hours"] = sum(p.hours for p in participations)
        context["can_add_participants"] = (
            self.request.user.has_perm("services.add_activityparticipation") and self.object.date <= today
        )
        return context


class VolunteerActivityCreateView(RegisterCreateView):
    model = VolunteerActivity
    form_class = VolunteerActivityForm
    success_message = "志愿服务活动已登记,请登记参加的志愿者和服务时长。"

    def save(self, form, *, instance, m2m):
        return volunteer_activity_save(actor=self.request.user, activity=instance)


class VolunteerActivityUpdateView(RegisterUpdateView):
    model = VolunteerActivity
    form_class = VolunteerActivityForm

    def save(self, form, *, instance, m2m):
        return volunteer_activity_save(actor=self.request.user, activity=instance)


class ParticipantsAddView(SubjectFormView):
    model = ActivityParticipation
    action = "add"
    subject_model = VolunteerActivity
    form_class = ParticipantsForm
    title = "登记参加志愿者"
    success_message = "已登记参加的志愿者和服务时长。"

    def form_kwargs(self):
        return {"user": self.request.user, "activity": self.subject}

    def perform(self, form):
        activity_participants_add(
            actor=self.request.user,
            activity=self.subject,
            volunteers=form.cleaned_data["volunteers"],
            hours=form.cleaned_data["hours"],
        )
        return None


#
# 党员设岗定责
#


class PartyPostListView(RegisterListView):
    model = PartyPost
    filterset_class = PartyPostFilter
    template_name = "services/partypost_list.html"
    list_select_related = ("community", "group", "member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class PartyPostDetailView(RegisterDetailView):
    model = PartyPost
    template_name = "services/partypost_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class PartyPostCreateView(RegisterCreateView):
    model = PartyPost
    form_class = PartyPostForm
    success_message = "党员岗位已设立。"

    def save(self, form, *, instance, m2m):
        return party_post_save(actor=self.request.user, post=instance)


class PartyPostUpdateView(RegisterUpdateView):
    model = PartyPost
    form_class = PartyPostForm

    def save(self, form, *, instance, m2m):
        return party_post_save(actor=self.request.user, post=instance)
