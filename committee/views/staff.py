"""Pages of the staff area: 工作人员 (list, detail with posts, training, working bodies and attendance; add, edit),
两委 posts (add or end a term) and the 两委班子 page, 培训记录 (with the days per staff per year), 工作机构 and their
members, 居民代表和居民小组长, 考勤 (a month's table, a day's register, single rows) and 选举 with candidates and the
confirmation of the elected."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from committee.filters.staff import (
    ElectionFilter,
    ResidentRepresentativeFilter,
    StaffFilter,
    TrainingRecordFilter,
    WorkAttendanceFilter,
    WorkingBodyFilter,
    parse_month,
)
from committee.forms.staff import (
    AttendanceDayForm,
    CommitteePostForm,
    ElectionCandidateForm,
    ElectionConfirmForm,
    ElectionForm,
    PostEndForm,
    ResidentRepresentativeForm,
    StaffForm,
    TrainingAddForm,
    TrainingRecordForm,
    WorkAttendanceForm,
    WorkingBodyForm,
    WorkingBodyMemberForm,
)
from committee.models.staff import (
    CommitteePost,
    Election,
    ElectionCandidate,
    ElectionKind,
    ResidentRepresentative,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyMember,
)
from committee.selectors.staff import (
    AttendanceMonth,
    attendance_month,
    attendance_staff,
    committee_composition,
    staff_composition,
    training_days_by_staff,
    training_figures,
)
from committee.services.staff import (
    attendance_record_day,
    attendance_save,
    candidate_save,
    committee_post_add,
    committee_post_end,
    election_confirm_elected,
    election_save,
    representative_save,
    staff_leave,
    staff_save,
    training_record_save,
    training_records_add,
    working_body_member_save,
    working_body_save,
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

TEMPLATES = "committee/staff"


def _parse_date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


class CommunityPageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page about one community: the user's own, or (street leaders, superusers) the one chosen with
    ``?community=`` among those they may see (the first by default); none visible → 404."""

    @cached_property
    def communities(self):
        return Community.objects.visible_to(self.request.user).order_by("street__name", "name")

    @cached_property
    def community(self) -> Community:
        user = self.request.user
        if user.community_id:
            return get_object_or_404(self.communities, pk=user.community_id)
        chosen = self.request.GET.get("community", "")
        if chosen.isdigit():
            return get_object_or_404(self.communities, pk=int(chosen))
        first = self.communities.first()
        if first is None:
            raise Http404("没有可查看的社区。")
        return first

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["community"] = self.community
        context["communities"] = [] if self.request.user.community_id else self.communities
        return context


def _default_filter(kwargs: dict, name: str, value: str) -> dict:
    """The filter kwargs with ``name`` set to ``value`` unless the request says otherwise."""
    if kwargs["data"] is None or name not in kwargs["data"]:
        data = (kwargs["data"] or QueryDict()).copy()
        data[name] = value
        kwargs["data"] = data
    return kwargs


#
# Staff
#


class StaffListView(RegisterListView):
    """The staff of the community, serving today unless asked otherwise, with the shares of seed 000."""

    model = Staff
    filterset_class = StaffFilter
    template_name = f"{TEMPLATES}/staff_list.html"
    list_select_related = ("community", "group", "user")
    paginate_by = 50

    def get_filterset_kwargs(self, filterset_class):
        return _default_filter(super().get_filterset_kwargs(filterset_class), "serving", "1")

    def get_queryset(self):
        today = timezone.localdate()
        return super().get_queryset().prefetch_related(_active_posts(today))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.community_id:
            context["composition"] = staff_composition(community=user.community, as_of=timezone.localdate())
        return context


def _active_posts(day):
    return Prefetch(
        "posts", queryset=CommitteePost.objects.active_on(day).order_by("body", "post"), to_attr="active_posts"
    )


class StaffDetailView(RegisterDetailView):
    model = Staff
    template_name = f"{TEMPLATES}/staff_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "person", "user", "group", "grid")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff, user = self.object, self.request.user
        today = timezone.localdate()
        posts = list(CommitteePost.objects.visible_to(user).filter(staff=staff).order_by("-start_on", "body"))
        context["current_posts"] = [post for post in posts if post.is_active_on(today)]
        context["past_posts"] = [post for post in posts if not post.is_active_on(today)]
        context["trainings"] = TrainingRecord.objects.visible_to(user).filter(staff=staff).order_by("-start_on")[:30]
        years = sorted({record.start_on.year for record in context["trainings"]}, reverse=True)
        context["training_years"] = [
            (year, rows[0] if rows else None)
            for year in years
            for rows in [training_days_by_staff(community=staff.community, year=year, staff_ids=[staff.pk])]
        ]
        context["kinds"] = TrainingKind.labels
        context["seats"] = (
            WorkingBodyMember.objects.visible_to(user)
            .filter(staff=staff)
            .select_related("body")
            .order_by("end_on", "-start_on")
        )
        context["attendance"] = (
            WorkAttendance.objects.visible_to(user).filter(staff=staff).select_related("recorded_by").order_by("-date")
        )[:20]
        context["unexcused_this_year"] = (
            WorkAttendance.objects.visible_to(user).filter(staff=staff, date__year=today.year).unexcused().count()
        )
        context["candidacies"] = (
            ElectionCandidate.objects.visible_to(user).filter(staff=staff).select_related("election")
        )
        if staff.person_id:
            context["representative_terms"] = (
                ResidentRepresentative.objects.visible_to(user)
                .filter(person_id=staff.person_id)
                .select_related("group")
            )
        context["fine_rank"] = staff.fine_rank_on(today)
        context["serving"] = staff.is_serving_on(today)
        context["can_add_post"] = user.has_perm("committee.add_committeepost")
        context["can_end_post"] = user.has_perm("committee.change_committeepost")
        context["can_add_training"] = user.has_perm("committee.add_trainingrecord")
        context["can_view_person"] = user.has_perm("residents.view_person")
        return context


class StaffCreateView(RegisterCreateView):
    model = Staff
    form_class = StaffForm
    success_message = "工作人员已登记。"

    def save(self, form, *, instance, m2m):
        left_on, instance.left_on = instance.left_on, None
        staff = staff_save(actor=self.request.user, staff=instance)
        return staff_leave(actor=self.request.user, staff=staff, left_on=left_on) if left_on else staff


class StaffUpdateView(RegisterUpdateView):
    model = Staff
    form_class = StaffForm

    def save(self, form, *, instance, m2m):
        # Leaving (a 离岗日期 newly filled) ends the open posts and seats too: ``staff_leave``.
        was = Staff.objects.get(pk=instance.pk).left_on
        if was is None and instance.left_on is not None:
            left_on, instance.left_on = instance.left_on, None
            staff = staff_save(actor=self.request.user, staff=instance)
            return staff_leave(actor=self.request.user, staff=staff, left_on=left_on)
        return staff_save(actor=self.request.user, staff=instance)


#
# 两委 posts
#


class CommitteePostAddView(SubjectFormView):
    model = CommitteePost
    action = "add"
    subject_model = Staff
    form_class = CommitteePostForm
    title = "任职"
    success_message = "任职已登记。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": CommitteePost(staff=self.subject)}

    def perform(self, form):
        return committee_post_add(actor=self.request.user, post=form.save(commit=False))


class CommitteePostEndView(SubjectFormView):
    model = CommitteePost
    action = "change"
    subject_model = CommitteePost
    form_class = PostEndForm
    title = "结束任期"
    success_message = "任期已结束。"

    def perform(self, form):
        data = form.cleaned_data
        return committee_post_end(actor=self.request.user, post=self.subject, end_on=data["end_on"], note=data["note"])


class CommitteeRosterView(CommunityPageMixin, TemplateView):
    """两委班子: the party committee and the residents' committee on a day (today by default), post by post."""

    permission_required = "committee.view_committeepost"
    template_name = f"{TEMPLATES}/committee_roster.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        on = _parse_date(self.request.GET.get("on")) or timezone.localdate()
        context["on"] = on
        context["bodies"] = committee_composition(community=self.community, on=on)
        context["can_view_staff"] = self.request.user.has_perm("committee.view_staff")
        return context


#
# Training
#


class TrainingRecordListView(RegisterListView):
    model = TrainingRecord
    filterset_class = TrainingRecordFilter
    template_name = f"{TEMPLATES}/trainingrecord_list.html"
    list_select_related = ("community", "staff")


class TrainingRecordDetailView(RegisterDetailView):
    model = TrainingRecord
    template_name = f"{TEMPLATES}/trainingrecord_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "staff")


class TrainingRecordAddView(RegisterViewMixin, FormView):
    """One training for one or more staff members (a record each)."""

    model = TrainingRecord
    action = "add"
    form_class = TrainingAddForm
    template_name = "register_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_title"] = "登记培训"
        return context

    def form_valid(self, form):
        try:
            records = training_records_add(
                actor=self.request.user,
                staff=form.cleaned_data["staff"],
                template=form.template(),
                certificates=form.certificates,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"已登记{len(records)}人的培训记录。")
        if len(records) == 1:
            return redirect(records[0].get_absolute_url())
        return redirect("committee:trainingrecord_list")


class TrainingRecordUpdateView(RegisterUpdateView):
    model = TrainingRecord
    form_class = TrainingRecordForm

    def save(self, form, *, instance, m2m):
        return training_record_save(actor=self.request.user, record=instance)


class TrainingSummaryView(CommunityPageMixin, TemplateView):
    """培训天数统计: days per staff member and kind in a year, with the year's figures (培训率, 人均天数 …)."""

    permission_required = "committee.view_trainingrecord"
    template_name = f"{TEMPLATES}/training_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
        as_of = today if year == today.year else datetime.date(year, 12, 31)
        context["year"] = year
        context["as_of"] = as_of
        context["kinds"] = TrainingKind.labels
        context["rows"] = training_days_by_staff(community=self.community, year=year)
        context["figures"] = training_figures(community=self.community, as_of=as_of)
        context["years"] = list(range(today.year, today.year - 6, -1))
        return context


#
# Working bodies
#


class WorkingBodyListView(RegisterListView):
    """The working bodies, with a line for the 人民调解委员会 (kept by safety) for users who may see it."""

    model = WorkingBody
    filterset_class = WorkingBodyFilter
    template_name = f"{TEMPLATES}/workingbody_list.html"
    list_select_related = ("community",)

    def get_queryset(self):
        today = timezone.localdate()
        serving = Q(members__start_on__lte=today) & (Q(members__end_on__isnull=True) | Q(members__end_on__gt=today))
        return super().get_queryset().annotate(member_count=Count("members", filter=serving))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.has_perm("safety.view_committeemember"):
            from safety.models.mediation import CommitteeMember

            members = CommitteeMember.objects.visible_to(user).current(timezone.localdate())
            context["mediation_members"] = members.count()
        return context


class WorkingBodyDetailView(RegisterDetailView):
    model = WorkingBody
    template_name = f"{TEMPLATES}/workingbody_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        members = list(
            WorkingBodyMember.objects.visible_to(user)
            .filter(body=self.object)
            .select_related("staff", "person")
            .order_by("role", "start_on", "pk")
        )
        order = {"leader": 0, "deputy": 1, "member": 2}
        members.sort(key=lambda member: (order.get(member.role, 3), member.start_on, member.pk))
        context["current_members"] = [member for member in members if member.is_active_on(today)]
        context["past_members"] = [member for member in members if not member.is_active_on(today)]
        context["can_add_member"] = user.has_perm("committee.add_workingbodymember")
        context["can_change_member"] = user.has_perm("committee.change_workingbodymember")
        return context


class WorkingBodyCreateView(RegisterCreateView):
    model = WorkingBody
    form_class = WorkingBodyForm
    success_message = "工作机构已建立,请添加成员。"

    def save(self, form, *, instance, m2m):
        return working_body_save(actor=self.request.user, body=instance)


class WorkingBodyUpdateView(RegisterUpdateView):
    model = WorkingBody
    form_class = WorkingBodyForm

    def save(self, form, *, instance, m2m):
        return working_body_save(actor=self.request.user, body=instance)


class WorkingBodyMemberAddView(SubjectFormView):
    model = WorkingBodyMember
    action = "add"
    subject_model = WorkingBody
    form_class = WorkingBodyMemberForm
    title = "添加成员"
    success_message = "成员已添加。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": WorkingBodyMember(body=self.subject)}

    def perform(self, form):
        working_body_member_save(actor=self.request.user, member=form.save(commit=False))
        return self.subject


class WorkingBodyMemberUpdateView(RegisterUpdateView):
    model = WorkingBodyMember
    form_class = WorkingBodyMemberForm

    def get_queryset(self):
        return super().get_queryset().select_related("body__community")

    def save(self, form, *, instance, m2m):
        return working_body_member_save(actor=self.request.user, member=instance)


#
# Residents' representatives
#


class ResidentRepresentativeListView(RegisterListView):
    model = ResidentRepresentative
    filterset_class = ResidentRepresentativeFilter
    template_name = f"{TEMPLATES}/residentrepresentative_list.html"
    list_select_related = ("community", "person", "group", "election")
    paginate_by = 50

    def get_filterset_kwargs(self, filterset_class):
        return _default_filter(super().get_filterset_kwargs(filterset_class), "current", "1")


class ResidentRepresentativeDetailView(RegisterDetailView):
    model = ResidentRepresentative
    template_name = f"{TEMPLATES}/residentrepresentative_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "person", "group", "election")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["other_terms"] = (
            ResidentRepresentative.objects.visible_to(user)
            .filter(person_id=self.object.person_id)
            .exclude(pk=self.object.pk)
            .select_related("group")
        )
        context["can_view_person"] = user.has_perm("residents.view_person")
        return context


class ResidentRepresentativeCreateView(RegisterCreateView):
    model = ResidentRepresentative
    form_class = ResidentRepresentativeForm
    success_message = "已登记。"

    def save(self, form, *, instance, m2m):
        return representative_save(actor=self.request.user, representative=instance)


class ResidentRepresentativeUpdateView(RegisterUpdateView):
    model = ResidentRepresentative
    form_class = ResidentRepresentativeForm

    def save(self, form, *, instance, m2m):
        return representative_save(actor=self.request.user, representative=instance)


#
# Work attendance
#


class WorkAttendanceListView(RegisterListView):
    """A month's 考勤 as a table (this month by default); 无故不上班 days in red."""

    model = WorkAttendance
    filterset_class = WorkAttendanceFilter
    template_name = f"{TEMPLATES}/workattendance_list.html"
    paginate_by = None

    def get_filterset_kwargs(self, filterset_class):
        return _default_filter(
            super().get_filterset_kwargs(filterset_class), "month", timezone.localdate().strftime("%Y-%m")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        filterset = context["filter"]
        month = parse_month(filterset.data.get("month")) or (timezone.localdate().year, timezone.localdate().month)
        community = user.community if user.community_id else None
        if community is None and filterset.is_valid():
            community = filterset.form.cleaned_data.get("community")
        context["month"] = month
        if community is not None:
            records = filterset.qs if filterset.is_valid() else WorkAttendance.objects.none()
            sheet = attendance_month(community=community, year=month[0], month=month[1], records=records)
            if filterset.data.get("status") or filterset.data.get("staff") or filterset.data.get("q"):
                shown = {record.staff_id for record in records}
                rows = [row for row in sheet.rows if row.staff.pk in shown]
                sheet = AttendanceMonth(sheet.year, sheet.month, sheet.days, rows)
            context["sheet"] = sheet
        context["can_record_day"] = user.has_perm("committee.add_workattendance") and bool(user.community_id)
        return context


class WorkAttendanceDetailView(RegisterDetailView):
    model = WorkAttendance
    template_name = f"{TEMPLATES}/workattendance_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "staff", "recorded_by")


class WorkAttendanceCreateView(RegisterCreateView):
    model = WorkAttendance
    form_class = WorkAttendanceForm
    success_message = "考勤已登记。"

    def save(self, form, *, instance, m2m):
        return attendance_save(actor=self.request.user, attendance=instance)


class WorkAttendanceUpdateView(RegisterUpdateView):
    model = WorkAttendance
    form_class = WorkAttendanceForm

    def save(self, form, *, instance, m2m):
        return attendance_save(actor=self.request.user, attendance=instance)


class WorkAttendanceDayView(CommunityPageMixin, FormView):
    """登记当日考勤: every staff member on the daily list, 上班 unless changed; saved rows are corrected."""

    permission_required = "committee.add_workattendance"
    template_name = f"{TEMPLATES}/workattendance_day.html"
    form_class = AttendanceDayForm

    @cached_property
    def day(self) -> datetime.date:
        return _parse_date(self.request.GET.get("date") or self.request.POST.get("date")) or timezone.localdate()

    @cached_property
    def staff(self) -> list[Staff]:
        return list(attendance_staff(community=self.community, day=self.day))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        existing = WorkAttendance.objects.visible_to(self.request.user).filter(community=self.community, date=self.day)
        kwargs["staff"] = self.staff
        kwargs["existing"] = {row.staff_id: row for row in existing}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["day"] = self.day
        return context

    def form_valid(self, form):
        try:
            written = attendance_record_day(
                actor=self.request.user, community=self.community, day=self.day, entries=form.entries()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.day:%Y-%m-%d} 的考勤已保存(登记或更正{len(written)}条)。")
        return redirect(f"{reverse('committee:workattendance_list')}?month={self.day:%Y-%m}")


#
# Elections
#


class ElectionListView(RegisterListView):
    model = Election
    filterset_class = ElectionFilter
    template_name = f"{TEMPLATES}/election_list.html"
    list_select_related = ("community",)


class ElectionDetailView(RegisterDetailView):
    model = Election
    template_name = f"{TEMPLATES}/election_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "confirmed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        election = self.object
        context["candidates"] = (
            ElectionCandidate.objects.visible_to(user)
            .filter(election=election)
            .select_related("staff", "person", "group")
            .order_by("post_sought", "group__order", "-votes", "pk")
        )
        context["elected_count"] = sum(candidate.elected for candidate in context["candidates"])
        context["is_committee"] = election.kind == ElectionKind.COMMITTEE
        context["posts"] = (
            CommitteePost.objects.visible_to(user)
            .filter(community=election.community, start_on=election.date, body="residents")
            .select_related("staff")
            if election.is_confirmed and election.kind == ElectionKind.COMMITTEE
            else []
        )
        context["representatives"] = (
            ResidentRepresentative.objects.visible_to(user).filter(election=election).select_related("person", "group")
        )
        editable = not election.is_confirmed
        context["can_add_candidate"] = editable and user.has_perm("committee.add_electioncandidate")
        context["can_change_candidate"] = editable and user.has_perm("committee.change_electioncandidate")
        context["can_confirm"] = editable and user.has_perm("committee.change_election")
        context["can_change"] = context["can_change"] and editable
        return context


class ElectionCreateView(RegisterCreateView):
    model = Election
    form_class = ElectionForm
    success_message = "选举已登记,请添加候选人。"

    def save(self, form, *, instance, m2m):
        return election_save(actor=self.request.user, election=instance)


class ElectionUpdateView(RegisterUpdateView):
    model = Election
    form_class = ElectionForm

    def save(self, form, *, instance, m2m):
        return election_save(actor=self.request.user, election=instance)


class ElectionCandidateAddView(SubjectFormView):
    model = ElectionCandidate
    action = "add"
    subject_model = Election
    form_class = ElectionCandidateForm
    title = "添加候选人"
    success_message = "候选人已添加。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": ElectionCandidate(election=self.subject)}

    def perform(self, form):
        return candidate_save(actor=self.request.user, candidate=form.save(commit=False))


class ElectionCandidateUpdateView(RegisterUpdateView):
    model = ElectionCandidate
    form_class = ElectionCandidateForm

    def get_queryset(self):
        return super().get_queryset().select_related("election__community")

    def save(self, form, *, instance, m2m):
        return candidate_save(actor=self.request.user, candidate=instance)


class ElectionConfirmView(SubjectFormView):
    """确认当选: the posts or representative terms of the elected are recorded, and the election is closed."""

    model = Election
    action = "change"
    subject_model = Election
    form_class = ElectionConfirmForm
    title = "确认当选"

    def perform(self, form):
        result = election_confirm_elected(actor=self.request.user, election=self.subject)
        messages.info(self.request, f"当选结果已确认:{result.summary}。")
        return self.subject

    def form_valid(self, form):
        try:
            target = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect(target.get_absolute_url())
