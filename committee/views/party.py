"""Pages of the party registers: the organisation tree and list, members (with 转正, 转出 and the endings),
transfers (转入 is its add page), 在职党员报到 and activities with their participants."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from committee.filters.party import (
    PartyActivityFilter,
    PartyCheckInFilter,
    PartyMemberFilter,
    PartyOrganisationFilter,
    PartyTransferFilter,
)
from committee.forms.party import (
    MemberConfirmForm,
    MemberEndForm,
    PartyActivityForm,
    PartyCheckInForm,
    PartyMemberForm,
    PartyOrganisationForm,
    PartyTransferForm,
    TransferInForm,
    TransferOutForm,
)
from committee.models.party import (
    MembershipKind,
    MemberStatus,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
)
from committee.selectors.party import (
    member_activity_years,
    organisation_tree,
    party_checkin_figures,
    party_member_figures,
    party_participation,
    party_transfer_counts,
)
from committee.services.party import (
    party_activity_save,
    party_checkin_save,
    party_member_confirm,
    party_member_create,
    party_member_end,
    party_member_update,
    party_organisation_save,
    party_transfer_in,
    party_transfer_out,
    party_transfer_update,
)
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    RegisterViewMixin,
    SubjectFormView,
    add_service_errors,
)
from governance.models import Community
from services.models.volunteers import PartyPost


def _own_community(user) -> Community | None:
    return user.community if user.community_id else None


#
# Organisations
#


class PartyOrganisationTreeView(RegisterViewMixin, TemplateView):
    """党组织架构: 总支 → 支部 → 党小组 with their secretaries and member counts, for the user's community; a
    street leader sees every community of theirs, or the one they pick."""

    model = PartyOrganisation
    template_name = "committee/party/partyorganisation_tree.html"
    side_by_side = 20

    @cached_property
    def communities(self) -> list[Community]:
        own = _own_community(self.request.user)
        if own is not None:
            return [own]
        visible = list(Community.objects.visible_to(self.request.user))
        chosen = [community for community in visible if str(community.pk) == self.request.GET.get("community")]
        # A street's communities side by side; a district's hundreds only one at a time.
        return chosen or (visible if len(visible) <= self.side_by_side else [])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        communities = self.communities
        context["today"] = today
        context["trees"] = [(community, organisation_tree(community=community, on=today)) for community in communities]
        if len(communities) == 1:
            context["community"] = communities[0]
            context["figures"] = party_member_figures(on=today, community=communities[0])
        if _own_community(self.request.user) is None:
            context["choices"] = list(Community.objects.visible_to(self.request.user))
        return context


class PartyOrganisationListView(RegisterListView):
    model = PartyOrganisation
    filterset_class = PartyOrganisationFilter
    template_name = "committee/party/partyorganisation_list.html"
    list_select_related = ("community", "parent", "secretary__person", "group", "unit")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(member_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)))
            .order_by("community_id", "name")
        )


class PartyOrganisationDetailView(RegisterDetailView):
    model = PartyOrganisation
    template_name = "committee/party/partyorganisation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "parent", "secretary__person", "group", "unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, organisation = self.request.user, self.object
        today = timezone.localdate()
        nodes = organisation_tree(community=organisation.community, on=today, include_dissolved=True)
        node = next((n for n in nodes if n.organisation.pk == organisation.pk), None)
        context["node"] = node
        context["children"] = (
            PartyOrganisation.objects.visible_to(user)
            .filter(parent=organisation)
            .select_related("secretary__person")
            .annotate(member_count=Count("members", filter=Q(members__status=MemberStatus.ACTIVE)))
            .order_by("name")
        )
        context["members"] = (
            PartyMember.objects.visible_to(user)
            .filter(organisation=organisation, status=MemberStatus.ACTIVE)
            .select_related("person", "group")
            .order_by("person__name_pinyin")
        )
        context["activities"] = (
            PartyActivity.objects.visible_to(user)
            .filter(organisation=organisation)
            .annotate(people=Count("participants"))
            .order_by("-date", "-pk")[:15]
        )
        return context


class PartyOrganisationCreateView(RegisterCreateView):
    model = PartyOrganisation
    form_class = PartyOrganisationForm
    success_message = "党组织已建立。"

    def save(self, form, *, instance, m2m):
        return party_organisation_save(actor=self.request.user, organisation=instance)


class PartyOrganisationUpdateView(RegisterUpdateView):
    model = PartyOrganisation
    form_class = PartyOrganisationForm

    def save(self, form, *, instance, m2m):
        return party_organisation_save(actor=self.request.user, organisation=instance)


#
# Members
#


class PartyMemberListView(RegisterListView):
    model = PartyMember
    filterset_class = PartyMemberFilter
    template_name = "committee/party/partymember_list.html"
    list_select_related = ("community", "group", "person", "organisation")

    def get_queryset(self):
        return super().get_queryset().order_by("community_id", "status", "organisation__name", "person__name_pinyin")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request.user)
        if community is not None:
            today = timezone.localdate()
            context["figures"] = party_member_figures(on=today, community=community)
            context["participation"] = party_participation(year=today.year, community=community, as_of=today)
        return context


class PartyMemberDetailView(RegisterDetailView):
    model = PartyMember
    template_name = "committee/party/partymember_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "person", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, member = self.request.user, self.object
        context["today"] = timezone.localdate()
        context["transfers"] = PartyTransfer.objects.visible_to(user).filter(member=member).order_by("-date", "-pk")
        context["years"] = member_activity_years(member)
        context["activities"] = (
            PartyActivity.objects.visible_to(user)
            .filter(participants=member)
            .select_related("organisation")
            .order_by("-date", "-pk")[:20]
        )
        context["checkins"] = (
            PartyCheckIn.objects.visible_to(user).filter(person=member.person).order_by("-reported_on")
        )
        context["posts"] = PartyPost.objects.visible_to(user).filter(member=member.person).order_by("-start_on")
        context["led"] = PartyOrganisation.objects.visible_to(user).filter(secretary=member)
        active = member.status == MemberStatus.ACTIVE
        can_change = user.has_perm("committee.change_partymember")
        context["can_confirm"] = active and can_change and member.kind == MembershipKind.PROBATIONARY
        context["can_end"] = active and can_change
        context["can_transfer_out"] = active and can_change and user.has_perm("committee.add_partytransfer")
        return context


class PartyMemberCreateView(RegisterCreateView):
    model = PartyMember
    form_class = PartyMemberForm
    success_message = "党员已登记。"

    def save(self, form, *, instance, m2m):
        return party_member_create(actor=self.request.user, member=instance)


class PartyMemberUpdateView(RegisterUpdateView):
    model = PartyMember
    form_class = PartyMemberForm

    def save(self, form, *, instance, m2m):
        return party_member_update(actor=self.request.user, member=instance)


class MemberConfirmView(SubjectFormView):
    model = PartyMember
    action = "change"
    subject_model = PartyMember
    form_class = MemberConfirmForm
    title = "预备党员转正"
    success_message = "已办理转正。"

    def form_kwargs(self):
        return {"member": self.subject}

    def perform(self, form):
        return party_member_confirm(actor=self.request.user, member=self.subject, on=form.cleaned_data["on"])


class MemberEndView(SubjectFormView):
    model = PartyMember
    action = "change"
    subject_model = PartyMember
    form_class = MemberEndForm
    title = "党籍变动(去世、停止党籍)"
    success_message = "已登记党籍变动。"

    def perform(self, form):
        data = form.cleaned_data
        return party_member_end(
            actor=self.request.user, member=self.subject, status=data["status"], on=data["on"], note=data["note"]
        )


class MemberTransferOutView(SubjectFormView):
    model = PartyTransfer
    permission_required = ("committee.add_partytransfer", "committee.change_partymember")
    subject_model = PartyMember
    form_class = TransferOutForm
    title = "组织关系转出"
    success_message = "已办理组织关系转出。"

    def perform(self, form):
        data = form.cleaned_data
        return party_transfer_out(
            actor=self.request.user,
            member=self.subject,
            on=data["on"],
            to_organisation=data["to_organisation"],
            letter_number=data["letter_number"],
            reason=data["reason"],
            note=data["note"],
        )


#
# Transfers
#


class PartyTransferListView(RegisterListView):
    model = PartyTransfer
    filterset_class = PartyTransferFilter
    template_name = "committee/party/partytransfer_list.html"
    list_select_related = ("community", "member__person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request.user)
        if community is not None:
            context["counts"] = party_transfer_counts(year=timezone.localdate().year, community=community)
        return context


class PartyTransferDetailView(RegisterDetailView):
    model = PartyTransfer
    template_name = "committee/party/partytransfer_detail.html"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("community", "member__person", "member__organisation", "recorded_by")
        )


class PartyTransferInView(RegisterViewMixin, FormView):
    """组织关系转入 (the add page of the transfers): creates or reactivates the member."""

    model = PartyTransfer
    permission_required = ("committee.add_partytransfer", "committee.add_partymember", "committee.change_partymember")
    form_class = TransferInForm
    template_name = "register_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(form_title="组织关系转入", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            transfer = party_transfer_in(
                actor=self.request.user,
                person=data["person"],
                organisation=data["organisation"],
                on=data["on"],
                from_organisation=data["from_organisation"],
                category=data["category"],
                kind=data["kind"],
                joined_on=data["joined_on"],
                confirmed_on=data["confirmed_on"],
                letter_number=data["letter_number"],
                reason=data["reason"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{transfer.member}的组织关系已转入{transfer.to_organisation}。")
        return redirect(transfer.member.get_absolute_url())


class PartyTransferUpdateView(RegisterUpdateView):
    model = PartyTransfer
    form_class = PartyTransferForm

    def save(self, form, *, instance, m2m):
        return party_transfer_update(actor=self.request.user, transfer=instance)


#
# 在职党员社区报到
#


class PartyCheckInListView(RegisterListView):
    model = PartyCheckIn
    filterset_class = PartyCheckInFilter
    template_name = "committee/party/partycheckin_list.html"
    list_select_related = ("community", "person", "group", "unit")

    def get_queryset(self):
        return super().get_queryset().annotate(activity_count=Count("activities"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        community = _own_community(self.request.user)
        if community is not None:
            context["figures"] = party_checkin_figures(on=context["today"], community=community)
        return context


class PartyCheckInDetailView(RegisterDetailView):
    model = PartyCheckIn
    template_name = "committee/party/partycheckin_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "person", "group", "unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["activities"] = (
            PartyActivity.objects.visible_to(self.request.user)
            .filter(checkin_participants=self.object)
            .select_related("organisation")
            .order_by("-date", "-pk")
        )
        return context


class PartyCheckInCreateView(RegisterCreateView):
    model = PartyCheckIn
    form_class = PartyCheckInForm
    success_message = "在职党员报到已登记。"

    def save(self, form, *, instance, m2m):
        return party_checkin_save(actor=self.request.user, checkin=instance)


class PartyCheckInUpdateView(RegisterUpdateView):
    model = PartyCheckIn
    form_class = PartyCheckInForm

    def save(self, form, *, instance, m2m):
        return party_checkin_save(actor=self.request.user, checkin=instance)


#
# Activities
#


def _chosen_year(request) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 1921 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


class PartyActivityListView(RegisterListView):
    model = PartyActivity
    filterset_class = PartyActivityFilter
    template_name = "committee/party/partyactivity_list.html"
    list_select_related = ("community", "organisation")

    def get_queryset(self):
        return super().get_queryset().annotate(people=Count("participants", distinct=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request.user)
        if community is not None:
            year = _chosen_year(self.request)
            today = timezone.localdate()
            context["participation"] = party_participation(
                year=year, community=community, as_of=today if year == today.year else None
            )
        return context


class PartyActivityDetailView(RegisterDetailView):
    model = PartyActivity
    template_name = "committee/party/partyactivity_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = self.object.participants.select_related("person", "organisation", "group").order_by(
            "organisation__name", "person__name_pinyin"
        )
        context["checkin_participants"] = self.object.checkin_participants.select_related("person")
        return context


class PartyActivityCreateView(RegisterCreateView):
    model = PartyActivity
    form_class = PartyActivityForm
    success_message = "党员活动已登记。"

    def save(self, form, *, instance, m2m):
        return party_activity_save(
            actor=self.request.user,
            activity=instance,
            participants=m2m.get("participants", ()),
            checkin_participants=m2m.get("checkin_participants", ()),
        )


class PartyActivityUpdateView(RegisterUpdateView):
    model = PartyActivity
    form_class = PartyActivityForm

    def save(self, form, *, instance, m2m):
        return party_activity_save(
            actor=self.request.user,
            activity=instance,
            participants=m2m.get("participants", ()),
            checkin_participants=m2m.get("checkin_participants", ()),
        )
