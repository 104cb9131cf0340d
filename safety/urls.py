from django.urls import path

from safety.views import access, mediation

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
    # -- records (民警, 巡逻, 普法, 隐患排查, 事件, 信访) --
]
