"""Pages of the construction projects (建设项目, with their status steps and documents), the 小组建设 page (一组一亮点:
each group's highlight, projects and honours), the honours (荣誉) and the co-building of units (共驻共建)."""

from __future__ import annotations

import mimetypes

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from committee.filters.projects import AwardFilter, ConstructionProjectFilter, UnitContributionFilter
from committee.forms.projects import (
    AwardForm,
    ConstructionProjectForm,
    ProjectAdvanceForm,
    ProjectDocumentForm,
    UnitContributionForm,
)
from committee.models.projects import Award, ConstructionProject, ProjectDocument, UnitContribution
from committee.selectors.projects import (
    award_figures,
    cobuilding_figures,
    contribution_years,
    project_figures,
    projects_by_group,
    projects_by_kind,
    unit_totals_by_year,
)
from committee.services.projects import (
    award_save,
    contribution_save,
    project_advance,
    project_document_add,
    project_save,
)
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.models import Community

UPLOAD_TEMPLATE = "committee/projects/upload_form.html"


def _file_response(field_file, *, name: str = "") -> FileResponse:
    """A stored file as a download, to the users the calling view let through (never a public /media/ link)."""
    if not field_file:
        raise Http404("没有附件。")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件已丢失。") from None
    file_name = name or field_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=file_name, content_type=content_type)


class CommunityPageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page about one community: the user's own, or (street leaders, superusers) the one chosen with
    ``?community=``, among those they may see (the first by default); none visible → 404."""

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


#
# Construction projects
#


class ConstructionProjectListView(RegisterListView):
    model = ConstructionProject
    filterset_class = ConstructionProjectFilter
    template_name = "committee/projects/constructionproject_list.html"
    list_select_related = ("community",)
    list_prefetch_related = ("groups",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = self.request.user.community if self.request.user.community_id else None
        if community is not None:
            context["figures"] = project_figures(community=community)
        return context


class ConstructionProjectDetailView(RegisterDetailView):
    model = ConstructionProject
    template_name = "committee/projects/constructionproject_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community").prefetch_related("groups")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["documents"] = (
            ProjectDocument.objects.visible_to(user).filter(project=self.object).select_related("uploaded_by")
        )
        context["can_advance"] = user.has_perm("committee.change_constructionproject") and self.object.next_status
        context["can_add_document"] = user.has_perm("committee.add_projectdocument")
        context["steps"] = [
            ("批准", self.object.approved_on),
            ("开工", self.object.started_on),
            ("完工", self.object.completed_on),
            ("验收/投入使用", self.object.accepted_on),
        ]
        return context


class ConstructionProjectCreateView(RegisterCreateView):
    model = ConstructionProject
    form_class = ConstructionProjectForm
    success_message = "建设项目已登记(状态:计划)。"

    def save(self, form, *, instance, m2m):
        return project_save(actor=self.request.user, project=instance, groups=m2m.get("groups", []))


class ConstructionProjectUpdateView(RegisterUpdateView):
    model = ConstructionProject
    form_class = ConstructionProjectForm

    def save(self, form, *, instance, m2m):
        return project_save(actor=self.request.user, project=instance, groups=m2m.get("groups", []))


class ProjectAdvanceView(SubjectFormView):
    """推进状态: one or more steps forward, each with its date."""

    model = ConstructionProject
    action = "change"
    subject_model = ConstructionProject
    form_class = ProjectAdvanceForm
    title = "推进状态"
    success_message = "项目状态已更新。"

    def form_kwargs(self):
        if self.subject.next_status is None:
            raise Http404("项目已验收/投入使用,没有下一步。")
        return {"project": self.subject}

    def perform(self, form):
        return project_advance(
            actor=self.request.user, project=self.subject, to=form.cleaned_data["to"], dates=form.dates()
        )


class ProjectDocumentAddView(SubjectFormView):
    model = ProjectDocument
    action = "add"
    subject_model = ConstructionProject
    form_class = ProjectDocumentForm
    template_name = UPLOAD_TEMPLATE
    title = "上传资料"
    success_message = "资料已上传。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": ProjectDocument(project=self.subject)}

    def perform(self, form):
        project_document_add(actor=self.request.user, document=form.save(commit=False))
        return self.subject


class ProjectDocumentDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "committee.view_projectdocument"

    def get(self, request, pk):
        document = get_object_or_404(ProjectDocument.objects.visible_to(request.user), pk=pk)
        return _file_response(document.file)


#
# 小组建设 (一组一亮点)
#


class GroupBuildingView(CommunityPageMixin, TemplateView):
    """Each residents' group with its highlight (一小组一亮点), its projects by status and its honours."""

    permission_required = "committee.view_constructionproject"
    template_name = "committee/projects/group_building.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = self.community
        user = self.request.user
        context["rows"] = projects_by_group(community=community)
        context["figures"] = project_figures(community=community)
        context["kinds"] = projects_by_kind(community=community)
        context["can_edit_highlight"] = user.has_perm("governance.change_residentgroup")
        context["can_view_awards"] = user.has_perm("committee.view_award")
        return context


#
# Honours
#


class AwardListView(RegisterListView):
    model = Award
    filterset_class = AwardFilter
    template_name = "committee/projects/award_list.html"
    list_select_related = ("community", "group", "person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.community_id:
            context["figures"] = award_figures(community=self.request.user.community)
        return context


class AwardDetailView(RegisterDetailView):
    model = Award
    template_name = "committee/projects/award_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "person")


class AwardCreateView(RegisterCreateView):
    model = Award
    form_class = AwardForm
    template_name = UPLOAD_TEMPLATE
    success_message = "荣誉已登记。"

    def save(self, form, *, instance, m2m):
        return award_save(actor=self.request.user, award=instance)


class AwardUpdateView(RegisterUpdateView):
    model = Award
    form_class = AwardForm
    template_name = UPLOAD_TEMPLATE

    def save(self, form, *, instance, m2m):
        return award_save(actor=self.request.user, award=instance)


class AwardAttachmentView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "committee.view_award"

    def get(self, request, pk):
        award = get_object_or_404(Award.objects.visible_to(request.user), pk=pk)
        return _file_response(award.attachment)


#
# Co-building (共驻共建)
#


class UnitContributionListView(RegisterListView):
    model = UnitContribution
    filterset_class = UnitContributionFilter
    template_name = "committee/projects/unitcontribution_list.html"
    list_select_related = ("community", "unit")


class UnitContributionDetailView(RegisterDetailView):
    model = UnitContribution
    template_name = "committee/projects/unitcontribution_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "unit")


class UnitContributionCreateView(RegisterCreateView):
    model = UnitContribution
    form_class = UnitContributionForm
    success_message = "共建贡献已登记。"

    def get_initial(self):
        initial = super().get_initial()
        unit = self.request.GET.get("unit", "")
        if unit.isdigit():
            initial["unit"] = int(unit)
        return initial

    def save(self, form, *, instance, m2m):
        return contribution_save(actor=self.request.user, contribution=instance)


class UnitContributionUpdateView(RegisterUpdateView):
    model = UnitContribution
    form_class = UnitContributionForm

    def save(self, form, *, instance, m2m):
        return contribution_save(actor=self.request.user, contribution=instance)


class CobuildingView(CommunityPageMixin, TemplateView):
    """共驻共建 of one year: the co-building units, what each did, totals by kind (``?year=``, default this year)."""

    permission_required = "committee.view_unitcontribution"
    template_name = "committee/projects/cobuilding.html"

    @cached_property
    def year(self) -> int:
        text = self.request.GET.get("year", "")
        if text.isdigit() and 1949 <= int(text) <= 2100:
            return int(text)
        return timezone.localdate().year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = self.community
        years = set(contribution_years(community=community)) | {timezone.localdate().year, self.year}
        context["year"] = self.year
        context["years"] = sorted(years, reverse=True)
        context["figures"] = figures = cobuilding_figures(community=community, year=self.year)
        # 历年汇总: each unit of the year's table, its contributions and amount per year.
        totals = unit_totals_by_year(community=community)
        history_years = sorted({year for per_year in totals.values() for year in per_year}, reverse=True)
        context["history_years"] = history_years
        context["history"] = [
            (row.unit, [totals.get(row.unit.pk, {}).get(year) for year in history_years]) for row in figures.per_unit
        ]
        context["can_add"] = self.request.user.has_perm("committee.add_unitcontribution")
        return context
