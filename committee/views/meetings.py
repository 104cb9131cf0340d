"""Pages of the meetings (会议): list, detail (attendance with its rate, decisions, the fines it drew), the
meeting form, adding expected attendees, the attendance sheet, closing, decisions and their follow-up, and the
year's figures. Every page that writes to a meeting refuses a closed one with a clear page (``locked``)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from committee.filters.meetings import MeetingFilter
from committee.forms.meetings import (
    AttendanceSheetForm,
    AttendeesAddForm,
    ConfirmForm,
    MeetingForm,
    ResolutionFollowUpForm,
    ResolutionForm,
)
from committee.models.fines import FineRecord
from committee.models.meetings import Meeting, MeetingAttendance, MeetingKind, Resolution
from committee.models.participation import Disclosure, Evaluation, Suggestion
from committee.selectors.meetings import format_rate, meeting_attendance, meeting_year, rate
from committee.services.fines import EXEMPT_PERMISSION
from committee.services.meetings import (
    LOCKED,
    Mark,
    attendance_record,
    attendee_remove,
    attendees_add,
    attendees_add_representatives,
    meeting_close,
    meeting_save,
    resolution_follow_up,
    resolution_save,
)
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.models import Community

TEMPLATES = "committee/meetings"


def locked(request, meeting: Meeting):
    """The refusal of a change to a closed meeting: 403 with the reason and a link back."""
    return render(request, f"{TEMPLATES}/locked.html", {"meeting": meeting, "message": LOCKED}, status=403)


class OpenMeetingMixin:
    """Refuse GET and POST when the meeting the page writes to is closed (after login, permission and scope)."""

    def meeting_of_page(self) -> Meeting:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        meeting = self.meeting_of_page()
        if meeting.is_closed:
            return locked(request, meeting)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        meeting = self.meeting_of_page()
        if meeting.is_closed:
            return locked(request, meeting)
        return super().post(request, *args, **kwargs)


def page_community(request) -> Community | None:
    """The community a page without an object shows: the user's own, else one they may see (``?community=pk``,
    or the first of theirs)."""
    user = request.user
    if user.community_id:
        return user.community
    communities = Community.objects.visible_to(user).order_by("name")
    chosen = request.GET.get("community")
    if chosen and chosen.isdigit():
        return get_object_or_404(communities, pk=chosen)
    return communities.first()


#
# Meetings
#


class MeetingListView(RegisterListView):
    model = Meeting
    filterset_class = MeetingFilter
    template_name = f"{TEMPLATES}/meeting_list.html"
    list_select_related = ("community", "chair")

    def get_queryset(self):
        return super().get_queryset().with_attendance_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for meeting in context["object_list"]:
            meeting.rate_display = format_rate(rate(meeting.present_count, meeting.expected_count))
        return context


class MeetingDetailView(RegisterDetailView):
    model = Meeting
    template_name = f"{TEMPLATES}/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "convenor", "chair", "recorded_by", "closed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting, user = self.object, self.request.user
        context["lines"] = (
            MeetingAttendance.objects.visible_to(user)
            .filter(meeting=meeting)
            .select_related("staff", "person", "exempt_approved_by")
        )
        context["figures"] = meeting_attendance(meeting)
        context["resolutions"] = (
            Resolution.objects.visible_to(user).filter(meeting=meeting).select_related("responsible")
        )
        context["fines"] = (
            FineRecord.objects.visible_to(user)
            .filter(attendance__meeting=meeting)
            .select_related("staff", "rule", "attendance")
            .order_by("staff__name")
        )
        context["can_view_fines"] = user.has_perm("committee.view_finerecord")
        context["linked"] = [
            (label, model.objects.visible_to(user).filter(meeting=meeting))
            for label, model in (("意见建议", Suggestion), ("民主测评", Evaluation), ("居务公开", Disclosure))
            if user.has_perm(f"committee.view_{model._meta.model_name}")
        ]
        is_open = not meeting.is_closed
        context["can_edit"] = is_open and user.has_perm("committee.change_meeting")
        context["can_add_attendees"] = is_open and user.has_perm("committee.add_meetingattendance")
        context["can_mark"] = is_open and user.has_perm("committee.change_meetingattendance")
        context["can_add_resolution"] = is_open and user.has_perm("committee.add_resolution")
        context["can_follow_up"] = user.has_perm("committee.change_resolution")
        return context


class MeetingCreateView(RegisterCreateView):
    model = Meeting
    form_class = MeetingForm
    success_message = "会议已登记,请添加应到人员。"

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("kind")
        if kind in MeetingKind.values:
            initial["kind"] = kind
        return initial

    def save(self, form, *, instance, m2m):
        return meeting_save(actor=self.request.user, meeting=instance)


class MeetingUpdateView(OpenMeetingMixin, RegisterUpdateView):
    model = Meeting
    form_class = MeetingForm

    def meeting_of_page(self) -> Meeting:
        self.object = self.get_object()
        return self.object

    def save(self, form, *, instance, m2m):
        return meeting_save(actor=self.request.user, meeting=instance)


class _MeetingPage(OpenMeetingMixin, SubjectFormView):
    subject_model = Meeting

    def meeting_of_page(self) -> Meeting:
        return self.subject


class MeetingAttendeesAddView(_MeetingPage):
    """添加应到人员."""

    model = MeetingAttendance
    action = "add"
    form_class = AttendeesAddForm
    title = "添加应到人员"

    def form_kwargs(self):
        return {"user": self.request.user, "meeting": self.subject}

    def perform(self, form):
        data, actor, meeting = form.cleaned_data, self.request.user, self.subject
        added = []
        if data.get("add_representatives"):
            added += attendees_add_representatives(actor=actor, meeting=meeting)
        added += attendees_add(
            actor=actor,
            meeting=meeting,
            staff=data.get("staff") or [],
            persons=[data["person"]] if data.get("person") else [],
            names=form.names_list,
            capacity=data.get("capacity") or None,
        )
        self.success_message = f"已添加{len(added)}名应到人员。" if added else "所选人员已在应到名单中。"
        return meeting


class MeetingAttendanceView(_MeetingPage):
    """登记出勤: the attendance sheet."""

    model = MeetingAttendance
    action = "change"
    form_class = AttendanceSheetForm
    template_name = f"{TEMPLATES}/attendance_form.html"
    title = "登记出勤"
    success_message = "出勤情况已保存。"

    @cached_property
    def lines(self) -> list[MeetingAttendance]:
        return list(
            MeetingAttendance.objects.visible_to(self.request.user)
            .filter(meeting=self.subject)
            .select_related("staff", "person", "exempt_approved_by")
        )

    def form_kwargs(self):
        return {"lines": self.lines, "can_exempt": self.request.user.has_perm(EXEMPT_PERMISSION)}

    def perform(self, form):
        data = form.cleaned_data
        marks = [
            Mark(
                attendance=line,
                status=data.get(f"status_{line.pk}") or "",
                note=data.get(f"note_{line.pk}") or "",
                exempt=data.get(f"exempt_{line.pk}") if form.can_exempt else None,
                exempt_reason=data.get(f"exempt_reason_{line.pk}") if form.can_exempt else None,
            )
            for line in self.lines
        ]
        attendance_record(actor=self.request.user, meeting=self.subject, marks=marks)
        return self.subject


class MeetingCloseView(_MeetingPage):
    """结束会议: locks the minutes, attendance and decisions and computes the fines."""

    model = Meeting
    action = "change"
    form_class = ConfirmForm
    title = "结束会议"
    success_message = "会议已结束,会议记录、出勤和决议已锁定;罚款已计入台账。"

    def form_kwargs(self):
        figures = meeting_attendance(self.subject)
        return {
            "label": "确认结束会议",
            "help_text": (
                f"应到{figures.expected}人,实到{figures.attended}人,出席率{figures.rate_display}"
                f"{',尚有' + str(figures.unmarked) + '人未登记出勤' if figures.unmarked else ''}。"
                "结束后会议记录、出勤和决议都不能再修改,工作人员的请假、迟到、缺席、早退按制度计入罚款台账。"
            ),
        }

    def perform(self, form):
        return meeting_close(self.subject, self.request.user)


class AttendeeRemoveView(OpenMeetingMixin, SubjectFormView):
    """移出应到人员 (a line added by mistake, before the meeting is closed)."""

    model = MeetingAttendance
    action = "change"
    subject_model = MeetingAttendance
    form_class = ConfirmForm
    title = "移出应到人员"
    success_message = "已移出应到名单。"

    def meeting_of_page(self) -> Meeting:
        return self.subject.meeting

    def form_kwargs(self):
        return {"label": f"确认将{self.subject.name}移出应到名单"}

    def perform(self, form):
        return attendee_remove(actor=self.request.user, attendance=self.subject)

    def get_success_url(self, result=None):
        return result.get_absolute_url()


#
# Decisions
#


class ResolutionAddView(_MeetingPage):
    model = Resolution
    action = "add"
    form_class = ResolutionForm
    title = "记录决议"
    success_message = "决议已记录。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": Resolution(meeting=self.subject)}

    def perform(self, form):
        resolution_save(actor=self.request.user, resolution=form.save(commit=False))
        return self.subject


class ResolutionUpdateView(OpenMeetingMixin, RegisterUpdateView):
    model = Resolution
    form_class = ResolutionForm

    def get_queryset(self):
        return super().get_queryset().select_related("meeting")

    def meeting_of_page(self) -> Meeting:
        self.object = self.get_object()
        return self.object.meeting

    def save(self, form, *, instance, m2m):
        return resolution_save(actor=self.request.user, resolution=instance)


class ResolutionFollowUpView(SubjectFormView):
    """跟进落实: allowed after the meeting is closed (the decision itself stays locked)."""

    model = Resolution
    action = "change"
    subject_model = Resolution
    form_class = ResolutionFollowUpForm
    title = "跟进落实"
    success_message = "落实情况已保存。"

    def form_kwargs(self):
        return {"resolution": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        return resolution_follow_up(
            actor=self.request.user,
            resolution=self.subject,
            status=data["status"],
            done_on=data.get("done_on"),
            follow_up=data.get("follow_up") or "",
        )


#
# Figures
#


class MeetingFiguresView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """会议统计 of a year: meetings held by kind with their attendance, the 居民代表大会, work reports, public
    reviews and the 党员议事会 of each quarter (definitions in ``committee.selectors.meetings``)."""

    permission_required = "committee.view_meeting"
    template_name = f"{TEMPLATES}/meeting_figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
        community = page_community(self.request)
        context.update(
            year=year,
            years=range(today.year, today.year - 6, -1),
            community=community,
            figures=meeting_year(community=community, year=year) if community else None,
            kinds=MeetingKind,
        )
        return context
