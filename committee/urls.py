from django.urls import path

from committee.views import fines as fine_views  # meetings
from committee.views import meetings as meeting_views  # meetings
from committee.views import participation as participation_views  # participation
from committee.views import party as party_views  # party
from committee.views import projects as project_views  # projects
from committee.views import staff as staff_views  # staff

app_name = "committee"

urlpatterns = [
    # -- staff (两委与工作人员) --
    path("staff/", staff_views.StaffListView.as_view(), name="staff_list"),
    path("staff/add/", staff_views.StaffCreateView.as_view(), name="staff_add"),
    path("staff/<int:pk>/", staff_views.StaffDetailView.as_view(), name="staff_detail"),
    path("staff/<int:pk>/edit/", staff_views.StaffUpdateView.as_view(), name="staff_edit"),
    path("staff/<int:pk>/posts/add/", staff_views.CommitteePostAddView.as_view(), name="committeepost_add"),
    path("staff/posts/<int:pk>/end/", staff_views.CommitteePostEndView.as_view(), name="committeepost_end"),
    path("staff/committee/", staff_views.CommitteeRosterView.as_view(), name="committeepost_list"),
    path("staff/training/", staff_views.TrainingRecordListView.as_view(), name="trainingrecord_list"),
    path("staff/training/add/", staff_views.TrainingRecordAddView.as_view(), name="trainingrecord_add"),
    path("staff/training/summary/", staff_views.TrainingSummaryView.as_view(), name="trainingrecord_summary"),
    path("staff/training/<int:pk>/", staff_views.TrainingRecordDetailView.as_view(), name="trainingrecord_detail"),
    path("staff/training/<int:pk>/edit/", staff_views.TrainingRecordUpdateView.as_view(), name="trainingrecord_edit"),
    path("staff/bodies/", staff_views.WorkingBodyListView.as_view(), name="workingbody_list"),
    path("staff/bodies/add/", staff_views.WorkingBodyCreateView.as_view(), name="workingbody_add"),
    path("staff/bodies/<int:pk>/", staff_views.WorkingBodyDetailView.as_view(), name="workingbody_detail"),
    path("staff/bodies/<int:pk>/edit/", staff_views.WorkingBodyUpdateView.as_view(), name="workingbody_edit"),
    path(
        "staff/bodies/<int:pk>/members/add/",
        staff_views.WorkingBodyMemberAddView.as_view(),
        name="workingbodymember_add",
    ),
    path(
        "staff/bodies/members/<int:pk>/edit/",
        staff_views.WorkingBodyMemberUpdateView.as_view(),
        name="workingbodymember_edit",
    ),
    path(
        "staff/representatives/",
        staff_views.ResidentRepresentativeListView.as_view(),
        name="residentrepresentative_list",
    ),
    path(
        "staff/representatives/add/",
        staff_views.ResidentRepresentativeCreateView.as_view(),
        name="residentrepresentative_add",
    ),
    path(
        "staff/representatives/<int:pk>/",
        staff_views.ResidentRepresentativeDetailView.as_view(),
        name="residentrepresentative_detail",
    ),
    path(
        "staff/representatives/<int:pk>/edit/",
        staff_views.ResidentRepresentativeUpdateView.as_view(),
        name="residentrepresentative_edit",
    ),
    path("staff/attendance/", staff_views.WorkAttendanceListView.as_view(), name="workattendance_list"),
    path("staff/attendance/day/", staff_views.WorkAttendanceDayView.as_view(), name="workattendance_day"),
    path("staff/attendance/add/", staff_views.WorkAttendanceCreateView.as_view(), name="workattendance_add"),
    path("staff/attendance/<int:pk>/", staff_views.WorkAttendanceDetailView.as_view(), name="workattendance_detail"),
    path("staff/attendance/<int:pk>/edit/", staff_views.WorkAttendanceUpdateView.as_view(), name="workattendance_edit"),
    path("staff/elections/", staff_views.ElectionListView.as_view(), name="election_list"),
    path("staff/elections/add/", staff_views.ElectionCreateView.as_view(), name="election_add"),
    path("staff/elections/<int:pk>/", staff_views.ElectionDetailView.as_view(), name="election_detail"),
    path("staff/elections/<int:pk>/edit/", staff_views.ElectionUpdateView.as_view(), name="election_edit"),
    path("staff/elections/<int:pk>/confirm/", staff_views.ElectionConfirmView.as_view(), name="election_confirm"),
    path(
        "staff/elections/<int:pk>/candidates/add/",
        staff_views.ElectionCandidateAddView.as_view(),
        name="electioncandidate_add",
    ),
    path(
        "staff/elections/candidates/<int:pk>/edit/",
        staff_views.ElectionCandidateUpdateView.as_view(),
        name="electioncandidate_edit",
    ),
    # -- party (党组织与党员) --
    path("party/", party_views.PartyOrganisationTreeView.as_view(), name="partyorganisation_tree"),
    path("party/organisations/", party_views.PartyOrganisationListView.as_view(), name="partyorganisation_list"),
    path("party/organisations/add/", party_views.PartyOrganisationCreateView.as_view(), name="partyorganisation_add"),
    path(
        "party/organisations/<int:pk>/",
        party_views.PartyOrganisationDetailView.as_view(),
        name="partyorganisation_detail",
    ),
    path(
        "party/organisations/<int:pk>/edit/",
        party_views.PartyOrganisationUpdateView.as_view(),
        name="partyorganisation_edit",
    ),
    path("party/members/", party_views.PartyMemberListView.as_view(), name="partymember_list"),
    path("party/members/add/", party_views.PartyMemberCreateView.as_view(), name="partymember_add"),
    path("party/members/<int:pk>/", party_views.PartyMemberDetailView.as_view(), name="partymember_detail"),
    path("party/members/<int:pk>/edit/", party_views.PartyMemberUpdateView.as_view(), name="partymember_edit"),
    path("party/members/<int:pk>/confirm/", party_views.MemberConfirmView.as_view(), name="partymember_confirm"),
    path("party/members/<int:pk>/end/", party_views.MemberEndView.as_view(), name="partymember_end"),
    path(
        "party/members/<int:pk>/transfer-out/",
        party_views.MemberTransferOutView.as_view(),
        name="partymember_transfer_out",
    ),
    path("party/transfers/", party_views.PartyTransferListView.as_view(), name="partytransfer_list"),
    path("party/transfers/add/", party_views.PartyTransferInView.as_view(), name="partytransfer_add"),
    path("party/transfers/<int:pk>/", party_views.PartyTransferDetailView.as_view(), name="partytransfer_detail"),
    path("party/transfers/<int:pk>/edit/", party_views.PartyTransferUpdateView.as_view(), name="partytransfer_edit"),
    path("party/check-ins/", party_views.PartyCheckInListView.as_view(), name="partycheckin_list"),
    path("party/check-ins/add/", party_views.PartyCheckInCreateView.as_view(), name="partycheckin_add"),
    path("party/check-ins/<int:pk>/", party_views.PartyCheckInDetailView.as_view(), name="partycheckin_detail"),
    path("party/check-ins/<int:pk>/edit/", party_views.PartyCheckInUpdateView.as_view(), name="partycheckin_edit"),
    path("party/activities/", party_views.PartyActivityListView.as_view(), name="partyactivity_list"),
    path("party/activities/add/", party_views.PartyActivityCreateView.as_view(), name="partyactivity_add"),
    path("party/activities/<int:pk>/", party_views.PartyActivityDetailView.as_view(), name="partyactivity_detail"),
    path("party/activities/<int:pk>/edit/", party_views.PartyActivityUpdateView.as_view(), name="partyactivity_edit"),
    # -- meetings (会议与罚款) --
    path("meetings/", meeting_views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/add/", meeting_views.MeetingCreateView.as_view(), name="meeting_add"),
    path("meetings/figures/", meeting_views.MeetingFiguresView.as_view(), name="meeting_figures"),
    path("meetings/<int:pk>/", meeting_views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meeting_views.MeetingUpdateView.as_view(), name="meeting_edit"),
    path("meetings/<int:pk>/attendees/", meeting_views.MeetingAttendeesAddView.as_view(), name="attendees_add"),
    path("meetings/<int:pk>/attendance/", meeting_views.MeetingAttendanceView.as_view(), name="meeting_attendance"),
    path("meetings/<int:pk>/close/", meeting_views.MeetingCloseView.as_view(), name="meeting_close"),
    path("meetings/<int:pk>/resolutions/add/", meeting_views.ResolutionAddView.as_view(), name="resolution_add"),
    path("meetings/attendees/<int:pk>/remove/", meeting_views.AttendeeRemoveView.as_view(), name="attendee_remove"),
    path("meetings/resolutions/<int:pk>/edit/", meeting_views.ResolutionUpdateView.as_view(), name="resolution_edit"),
    path(
        "meetings/resolutions/<int:pk>/follow-up/",
        meeting_views.ResolutionFollowUpView.as_view(),
        name="resolution_follow_up",
    ),
    path("fines/rules/", fine_views.FineRuleListView.as_view(), name="finerule_list"),
    path("fines/rules/add/", fine_views.FineRuleCreateView.as_view(), name="finerule_add"),
    path("fines/rules/<int:pk>/", fine_views.FineRuleDetailView.as_view(), name="finerule_detail"),
    path("fines/rules/<int:pk>/edit/", fine_views.FineRuleUpdateView.as_view(), name="finerule_edit"),
    path("fines/rules/<int:pk>/revise/", fine_views.FineRuleReviseView.as_view(), name="finerule_revise"),
    path("fines/", fine_views.FineRecordListView.as_view(), name="finerecord_list"),
    path("fines/sync/", fine_views.FinesSyncView.as_view(), name="fines_sync"),
    path("fines/<int:pk>/", fine_views.FineRecordDetailView.as_view(), name="finerecord_detail"),
    path("fines/<int:pk>/exempt/", fine_views.FineRecordExemptView.as_view(), name="finerecord_exempt"),
    path("fines/<int:pk>/pay/", fine_views.FineRecordPayView.as_view(), name="finerecord_pay"),
    path("fines/statement/", fine_views.FineStatementView.as_view(), name="fine_statement"),
    path("fines/statement.xlsx", fine_views.FineStatementExcelView.as_view(), name="fine_statement_xlsx"),
    path("fines/statement/staff/<int:pk>/", fine_views.FineStatementPersonView.as_view(), name="fine_statement_staff"),
    # -- participation (意见建议、公开、测评) --
    path("suggestions/", participation_views.SuggestionListView.as_view(), name="suggestion_list"),
    path("suggestions/add/", participation_views.SuggestionCreateView.as_view(), name="suggestion_add"),
    path("suggestions/overdue/", participation_views.SuggestionOverdueView.as_view(), name="suggestion_overdue"),
    path("suggestions/summary/", participation_views.SuggestionSummaryView.as_view(), name="suggestion_summary"),
    path(
        "suggestions/summary.xlsx",
        participation_views.SuggestionSummaryExportView.as_view(),
        name="suggestion_summary_xlsx",
    ),
    path("suggestions/<int:pk>/", participation_views.SuggestionDetailView.as_view(), name="suggestion_detail"),
    path("suggestions/<int:pk>/edit/", participation_views.SuggestionUpdateView.as_view(), name="suggestion_edit"),
    path("suggestions/<int:pk>/assign/", participation_views.SuggestionAssignView.as_view(), name="suggestion_assign"),
    path(
        "suggestions/<int:pk>/implement/",
        participation_views.SuggestionImplementView.as_view(),
        name="suggestion_implement",
    ),
    path(
        "suggestions/<int:pk>/decline/", participation_views.SuggestionDeclineView.as_view(), name="suggestion_decline"
    ),
    path("disclosures/", participation_views.DisclosureListView.as_view(), name="disclosure_list"),
    path("disclosures/add/", participation_views.DisclosureCreateView.as_view(), name="disclosure_add"),
    path("disclosures/<int:pk>/", participation_views.DisclosureDetailView.as_view(), name="disclosure_detail"),
    path("disclosures/<int:pk>/edit/", participation_views.DisclosureUpdateView.as_view(), name="disclosure_edit"),
    path(
        "disclosures/<int:pk>/items/add/",
        participation_views.DisclosureItemAddView.as_view(),
        name="disclosureitem_add",
    ),
    path(
        "disclosures/items/<int:pk>/edit/",
        participation_views.DisclosureItemUpdateView.as_view(),
        name="disclosureitem_edit",
    ),
    path(
        "disclosures/<int:pk>/attachments/add/",
        participation_views.DisclosureAttachmentAddView.as_view(),
        name="disclosureattachment_add",
    ),
    path(
        "disclosures/attachments/<int:pk>/",
        participation_views.DisclosureAttachmentDownloadView.as_view(),
        name="disclosureattachment_download",
    ),
    path("evaluations/", participation_views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/add/", participation_views.EvaluationCreateView.as_view(), name="evaluation_add"),
    path("evaluations/<int:pk>/", participation_views.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", participation_views.EvaluationUpdateView.as_view(), name="evaluation_edit"),
    # -- projects (建设项目、荣誉、共驻共建) --
    path("projects/", project_views.ConstructionProjectListView.as_view(), name="constructionproject_list"),
    path("projects/add/", project_views.ConstructionProjectCreateView.as_view(), name="constructionproject_add"),
    path("projects/groups/", project_views.GroupBuildingView.as_view(), name="group_building"),
    path(
        "projects/<int:pk>/", project_views.ConstructionProjectDetailView.as_view(), name="constructionproject_detail"
    ),
    path(
        "projects/<int:pk>/edit/",
        project_views.ConstructionProjectUpdateView.as_view(),
        name="constructionproject_edit",
    ),
    path("projects/<int:pk>/advance/", project_views.ProjectAdvanceView.as_view(), name="constructionproject_advance"),
    path(
        "projects/<int:pk>/documents/add/", project_views.ProjectDocumentAddView.as_view(), name="projectdocument_add"
    ),
    path(
        "projects/documents/<int:pk>/", project_views.ProjectDocumentDownloadView.as_view(), name="projectdocument_file"
    ),
    path("awards/", project_views.AwardListView.as_view(), name="award_list"),
    path("awards/add/", project_views.AwardCreateView.as_view(), name="award_add"),
    path("awards/<int:pk>/", project_views.AwardDetailView.as_view(), name="award_detail"),
    path("awards/<int:pk>/edit/", project_views.AwardUpdateView.as_view(), name="award_edit"),
    path("awards/<int:pk>/attachment/", project_views.AwardAttachmentView.as_view(), name="award_attachment"),
    path("cobuilding/", project_views.CobuildingView.as_view(), name="cobuilding"),
    path("cobuilding/contributions/", project_views.UnitContributionListView.as_view(), name="unitcontribution_list"),
    path(
        "cobuilding/contributions/add/", project_views.UnitContributionCreateView.as_view(), name="unitcontribution_add"
    ),
    path(
        "cobuilding/contributions/<int:pk>/",
        project_views.UnitContributionDetailView.as_view(),
        name="unitcontribution_detail",
    ),
    path(
        "cobuilding/contributions/<int:pk>/edit/",
        project_views.UnitContributionUpdateView.as_view(),
        name="unitcontribution_edit",
    ),
]
