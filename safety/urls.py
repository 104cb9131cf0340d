from django.urls import path

from safety.views import access, care, mediation

app_name = "safety"

urlpatterns = [
    path("access-log/", access.SensitiveAccessListView.as_view(), name="sensitiveaccess_list"),
    # -- mediation (人民调解) --
    path("mediation/committee/", mediation.CommitteeView.as_view(), name="committeemember_list"),
    path("mediation/committee/add/", mediation.CommitteeMemberCreateView.as_view(), name="committeemember_add"),
    path("mediation/committee/<int:pk>/", mediation.CommitteeMemberDetailView.as_view(), name="committeemember_detail"),
    path(
        "mediation/committee/<int:pk>/edit/", mediation.CommitteeMemberUpdateView.as_view(), name="committeemember_edit"
    ),
    path("mediation/disputes/", mediation.DisputeCaseListView.as_view(), name="disputecase_list"),
    path("mediation/disputes/add/", mediation.DisputeCaseCreateView.as_view(), name="disputecase_add"),
    path("mediation/disputes/<int:pk>/", mediation.DisputeCaseDetailView.as_view(), name="disputecase_detail"),
    path("mediation/disputes/<int:pk>/edit/", mediation.DisputeCaseUpdateView.as_view(), name="disputecase_edit"),
    path("mediation/disputes/<int:pk>/close/", mediation.DisputeCaseCloseView.as_view(), name="disputecase_close"),
    path("mediation/disputes/<int:pk>/judicial/", mediation.DisputeJudicialView.as_view(), name="disputecase_judicial"),
    path(
        "mediation/disputes/<int:pk>/agreement.pdf",
        mediation.DisputeAgreementView.as_view(),
        name="disputecase_agreement",
    ),
    path(
        "mediation/disputes/<int:pk>/parties/add/", mediation.DisputePartyCreateView.as_view(), name="disputeparty_add"
    ),
    path(
        "mediation/disputes/<int:pk>/sessions/add/",
        mediation.MediationSessionCreateView.as_view(),
        name="mediationsession_add",
    ),
    path("mediation/disputes/<int:pk>/followups/add/", mediation.FollowUpScheduleView.as_view(), name="followup_add"),
    path("mediation/followups/", mediation.FollowUpListView.as_view(), name="followup_list"),
    path("mediation/followups/<int:pk>/done/", mediation.FollowUpDoneView.as_view(), name="followup_done"),
    path("mediation/screening/", mediation.DisputeScreeningView.as_view(), name="dispute_screening"),
    path(
        "mediation/screening/export/",
        mediation.DisputeScreeningExportView.as_view(),
        name="dispute_screening_export",
    ),
    # -- care (帮教, 社区矫正, 重点人员) --
    path("rehab/", care.RehabCaseListView.as_view(), name="rehabcase_list"),
    path("rehab/overdue/", care.RehabCaseOverdueListView.as_view(), name="rehabcase_overdue"),
    path("rehab/add/", care.RehabCaseCreateView.as_view(), name="rehabcase_add"),
    path("rehab/<int:pk>/", care.RehabCaseDetailView.as_view(), name="rehabcase_detail"),
    path("rehab/<int:pk>/edit/", care.RehabCaseUpdateView.as_view(), name="rehabcase_edit"),
    path("rehab/<int:pk>/end/", care.RehabCaseEndView.as_view(), name="rehabcase_end"),
    path("rehab/<int:pk>/reoffence/", care.RehabReoffenceView.as_view(), name="rehabcase_reoffence"),
    path("rehab/<int:pk>/visits/add/", care.RehabVisitCreateView.as_view(), name="rehabvisit_add"),
    path("rehab/<int:pk>/team/add/", care.RehabTeamMemberCreateView.as_view(), name="rehabteammember_add"),
    path("correction/", care.CorrectionCaseListView.as_view(), name="correctioncase_list"),
    path("correction/overdue/", care.CorrectionCaseOverdueListView.as_view(), name="correctioncase_overdue"),
    path("correction/add/", care.CorrectionCaseCreateView.as_view(), name="correctioncase_add"),
    path("correction/<int:pk>/", care.CorrectionCaseDetailView.as_view(), name="correctioncase_detail"),
    path("correction/<int:pk>/edit/", care.CorrectionCaseUpdateView.as_view(), name="correctioncase_edit"),
    path("correction/<int:pk>/end/", care.CorrectionCaseEndView.as_view(), name="correctioncase_end"),
    path("correction/<int:pk>/checkins/add/", care.CorrectionCheckInCreateView.as_view(), name="correctioncheckin_add"),
    path(
        "correction/<int:pk>/violations/add/",
        care.CorrectionViolationCreateView.as_view(),
        name="correctionviolation_add",
    ),
    path("care/rules/", care.CareRuleListView.as_view(), name="carerule_list"),
    path("care/rules/add/", care.CareRuleCreateView.as_view(), name="carerule_add"),
    path("care/rules/<int:pk>/edit/", care.CareRuleUpdateView.as_view(), name="carerule_edit"),
    path("care/tasks/", care.CareTaskListView.as_view(), name="caretask_list"),
    path("care/tasks/supervision/", care.CareTaskSupervisionView.as_view(), name="caretask_supervision"),
    path("care/tasks/generate/", care.CareTaskGenerateView.as_view(), name="caretask_generate"),
    path("care/tasks/<int:pk>/", care.CareTaskDetailView.as_view(), name="caretask_detail"),
    path("care/tasks/<int:pk>/complete/", care.CareTaskCompleteView.as_view(), name="caretask_complete"),
    # -- records (民警, 巡逻, 普法, 隐患排查, 事件, 信访) --
]
