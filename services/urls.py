from django.urls import path

from services.views import care as care_views
from services.views import duty, welfare, windows
from services.views import employment as employment_views
from services.views import facilities as facility_views
from services.views import volunteers as volunteer_views

app_name = "services"

urlpatterns = [
    # -- windows (服务窗口, 服务事项, 办件) --
    path("windows/", windows.ServiceWindowListView.as_view(), name="servicewindow_list"),
    path("windows/add/", windows.ServiceWindowCreateView.as_view(), name="servicewindow_add"),
    path("windows/<int:pk>/", windows.ServiceWindowDetailView.as_view(), name="servicewindow_detail"),
    path("windows/<int:pk>/edit/", windows.ServiceWindowUpdateView.as_view(), name="servicewindow_edit"),
    path("windows/<int:pk>/guide/", windows.ServiceGuideView.as_view(), name="servicewindow_guide"),
    path("windows/<int:pk>/guide.pdf", windows.ServiceGuidePdfView.as_view(), name="servicewindow_guide_pdf"),
    path("items/", windows.ServiceItemListView.as_view(), name="serviceitem_list"),
    path("items/add/", windows.ServiceItemCreateView.as_view(), name="serviceitem_add"),
    path("items/<int:pk>/", windows.ServiceItemDetailView.as_view(), name="serviceitem_detail"),
    path("items/<int:pk>/edit/", windows.ServiceItemUpdateView.as_view(), name="serviceitem_edit"),
    path("cases/", windows.ServiceCaseListView.as_view(), name="servicecase_list"),
    path("cases/add/", windows.ServiceCaseCreateView.as_view(), name="servicecase_add"),
    path("cases/overdue/", windows.ServiceCaseOverdueView.as_view(), name="servicecase_overdue"),
    path("cases/mine/", windows.MyServiceCasesView.as_view(), name="servicecase_mine"),
    path("cases/<int:pk>/", windows.ServiceCaseDetailView.as_view(), name="servicecase_detail"),
    path("cases/<int:pk>/edit/", windows.ServiceCaseUpdateView.as_view(), name="servicecase_edit"),
    path("cases/<int:pk>/step/", windows.CaseStepView.as_view(), name="servicecase_step"),
    path("cases/<int:pk>/close/", windows.CaseCloseView.as_view(), name="servicecase_close"),
    path("cases/<int:pk>/return/", windows.CaseReturnView.as_view(), name="servicecase_return"),
    # -- duty (值班表, 脱岗) --
    path("duty/rosters/", duty.DutyRosterListView.as_view(), name="dutyroster_list"),
    path("duty/rosters/add/", duty.DutyRosterCreateView.as_view(), name="dutyroster_add"),
    path("duty/rosters/<int:pk>/", duty.DutyRosterDetailView.as_view(), name="dutyroster_detail"),
    path("duty/rosters/<int:pk>/edit/", duty.DutyRosterUpdateView.as_view(), name="dutyroster_edit"),
    path("duty/rosters/<int:pk>/publish/", duty.DutyRosterPublishView.as_view(), name="dutyroster_publish"),
    path("duty/rosters/<int:pk>/print/", duty.DutyRosterPrintView.as_view(), name="dutyroster_print"),
    path("duty/rosters/<int:pk>/roster.pdf", duty.DutyRosterPdfView.as_view(), name="dutyroster_pdf"),
    path("duty/rosters/<int:pk>/shifts.xlsx", duty.DutyRosterShiftsExcelView.as_view(), name="dutyroster_xlsx"),
    path("duty/rosters/<int:pk>/shifts/add/", duty.DutyShiftAddView.as_view(), name="dutyshift_add"),
    path("duty/shifts/<int:pk>/", duty.DutyShiftDetailView.as_view(), name="dutyshift_detail"),
    path("duty/shifts/<int:pk>/edit/", duty.DutyShiftUpdateView.as_view(), name="dutyshift_edit"),
    path("duty/shifts/<int:pk>/handover/", duty.DutyHandoverAddView.as_view(), name="dutyhandover_add"),
    path("duty/shifts/<int:pk>/absence/", duty.DutyAbsenceAddView.as_view(), name="dutyabsence_add"),
    path("duty/absences/", duty.DutyAbsenceListView.as_view(), name="dutyabsence_list"),
    path("duty/absences/<int:pk>/", duty.DutyAbsenceDetailView.as_view(), name="dutyabsence_detail"),
    path("duty/absences/<int:pk>/edit/", duty.DutyAbsenceUpdateView.as_view(), name="dutyabsence_edit"),
    # -- welfare (救助福利, 发放批次, 捐赠, 结对帮扶) --
    path("welfare/programmes/", welfare.WelfareProgrammeListView.as_view(), name="welfareprogramme_list"),
    path("welfare/programmes/add/", welfare.WelfareProgrammeCreateView.as_view(), name="welfareprogramme_add"),
    path("welfare/programmes/<int:pk>/", welfare.WelfareProgrammeDetailView.as_view(), name="welfareprogramme_detail"),
    path(
        "welfare/programmes/<int:pk>/edit/", welfare.WelfareProgrammeUpdateView.as_view(), name="welfareprogramme_edit"
    ),
    path("welfare/enrolments/", welfare.WelfareEnrolmentListView.as_view(), name="welfareenrolment_list"),
    path("welfare/enrolments/add/", welfare.WelfareEnrolmentCreateView.as_view(), name="welfareenrolment_add"),
    path("welfare/enrolments/overdue/", welfare.WelfareEnrolmentOverdueView.as_view(), name="welfareenrolment_overdue"),
    path("welfare/enrolments/<int:pk>/", welfare.WelfareEnrolmentDetailView.as_view(), name="welfareenrolment_detail"),
    path(
        "welfare/enrolments/<int:pk>/edit/", welfare.WelfareEnrolmentUpdateView.as_view(), name="welfareenrolment_edit"
    ),
    path(
        "welfare/enrolments/<int:pk>/advance/",
        welfare.WelfareEnrolmentAdvanceView.as_view(),
        name="welfareenrolment_advance",
    ),
    path("welfare/enrolments/<int:pk>/stop/", welfare.WelfareEnrolmentStopView.as_view(), name="welfareenrolment_stop"),
    path(
        "welfare/enrolments/<int:pk>/review/",
        welfare.WelfareEnrolmentReviewView.as_view(),
        name="welfareenrolment_review",
    ),
    path("welfare/batches/", welfare.DistributionBatchListView.as_view(), name="distributionbatch_list"),
    path("welfare/batches/add/", welfare.DistributionBatchCreateView.as_view(), name="distributionbatch_add"),
    path("welfare/batches/totals/", welfare.DistributionTotalsView.as_view(), name="distribution_totals"),
    path("welfare/batches/<int:pk>/", welfare.DistributionBatchDetailView.as_view(), name="distributionbatch_detail"),
    path(
        "welfare/batches/<int:pk>/edit/", welfare.DistributionBatchUpdateView.as_view(), name="distributionbatch_edit"
    ),
    path(
        "welfare/batches/<int:pk>/build/", welfare.DistributionBatchBuildView.as_view(), name="distributionbatch_build"
    ),
    path("welfare/batches/<int:pk>/lines/add/", welfare.DistributionLineAddView.as_view(), name="distributionline_add"),
    path(
        "welfare/batches/<int:pk>/submit/",
        welfare.DistributionBatchSubmitView.as_view(),
        name="distributionbatch_submit",
    ),
    path(
        "welfare/batches/<int:pk>/approve/",
        welfare.DistributionBatchApproveView.as_view(),
        name="distributionbatch_approve",
    ),
    path(
        "welfare/batches/<int:pk>/return/",
        welfare.DistributionBatchReturnView.as_view(),
        name="distributionbatch_return",
    ),
    path("welfare/batches/<int:pk>/pay/", welfare.DistributionBatchPayView.as_view(), name="distributionbatch_pay"),
    path(
        "welfare/batches/<int:pk>/correct/",
        welfare.DistributionBatchCorrectView.as_view(),
        name="distributionbatch_correct",
    ),
    path(
        "welfare/batches/<int:pk>/sheet.xlsx",
        welfare.DistributionBatchSheetView.as_view(),
        name="distributionbatch_sheet",
    ),
    path(
        "welfare/lines/<int:pk>/amount/", welfare.DistributionLineAmountView.as_view(), name="distributionline_amount"
    ),
    path(
        "welfare/lines/<int:pk>/remove/", welfare.DistributionLineRemoveView.as_view(), name="distributionline_remove"
    ),
    path("welfare/lines/<int:pk>/pay/", welfare.DistributionLinePayView.as_view(), name="distributionline_pay"),
    path("welfare/campaigns/", welfare.DonationCampaignListView.as_view(), name="donationcampaign_list"),
    path("welfare/campaigns/add/", welfare.DonationCampaignCreateView.as_view(), name="donationcampaign_add"),
    path("welfare/campaigns/<int:pk>/", welfare.DonationCampaignDetailView.as_view(), name="donationcampaign_detail"),
    path(
        "welfare/campaigns/<int:pk>/edit/", welfare.DonationCampaignUpdateView.as_view(), name="donationcampaign_edit"
    ),
    path("welfare/campaigns/<int:pk>/donations/add/", welfare.DonationCreateView.as_view(), name="donation_add"),
    path("welfare/pairs/", welfare.AssistancePairListView.as_view(), name="assistancepair_list"),
    path("welfare/pairs/add/", welfare.AssistancePairCreateView.as_view(), name="assistancepair_add"),
    path("welfare/pairs/<int:pk>/", welfare.AssistancePairDetailView.as_view(), name="assistancepair_detail"),
    path("welfare/pairs/<int:pk>/edit/", welfare.AssistancePairUpdateView.as_view(), name="assistancepair_edit"),
    path("welfare/pairs/<int:pk>/visits/add/", welfare.AssistanceVisitCreateView.as_view(), name="assistancevisit_add"),
    # -- volunteers (志愿者) --
    path("volunteers/teams/", volunteer_views.VolunteerTeamListView.as_view(), name="volunteerteam_list"),
    path("volunteers/teams/add/", volunteer_views.VolunteerTeamCreateView.as_view(), name="volunteerteam_add"),
    path("volunteers/teams/<int:pk>/", volunteer_views.VolunteerTeamDetailView.as_view(), name="volunteerteam_detail"),
    path(
        "volunteers/teams/<int:pk>/edit/", volunteer_views.VolunteerTeamUpdateView.as_view(), name="volunteerteam_edit"
    ),
    path("volunteers/", volunteer_views.VolunteerListView.as_view(), name="volunteer_list"),
    path("volunteers/add/", volunteer_views.VolunteerCreateView.as_view(), name="volunteer_add"),
    path("volunteers/<int:pk>/", volunteer_views.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path("volunteers/<int:pk>/edit/", volunteer_views.VolunteerUpdateView.as_view(), name="volunteer_edit"),
    path("volunteers/<int:pk>/hours/", volunteer_views.VolunteerLedgerView.as_view(), name="volunteer_ledger"),
    path("volunteers/<int:pk>/redeem/", volunteer_views.HoursRedeemView.as_view(), name="volunteer_redeem"),
    path("volunteers/activities/", volunteer_views.VolunteerActivityListView.as_view(), name="volunteeractivity_list"),
    path(
        "volunteers/activities/add/",
        volunteer_views.VolunteerActivityCreateView.as_view(),
        name="volunteeractivity_add",
    ),
    path(
        "volunteers/activities/<int:pk>/",
        volunteer_views.VolunteerActivityDetailView.as_view(),
        name="volunteeractivity_detail",
    ),
    path(
        "volunteers/activities/<int:pk>/edit/",
        volunteer_views.VolunteerActivityUpdateView.as_view(),
        name="volunteeractivity_edit",
    ),
    path(
        "volunteers/activities/<int:pk>/participants/",
        volunteer_views.ParticipantsAddView.as_view(),
        name="volunteeractivity_participants",
    ),
    path("party-posts/", volunteer_views.PartyPostListView.as_view(), name="partypost_list"),
    path("party-posts/add/", volunteer_views.PartyPostCreateView.as_view(), name="partypost_add"),
    path("party-posts/<int:pk>/", volunteer_views.PartyPostDetailView.as_view(), name="partypost_detail"),
    path("party-posts/<int:pk>/edit/", volunteer_views.PartyPostUpdateView.as_view(), name="partypost_edit"),
    # -- facilities (阵地设施) --
    path("facilities/", facility_views.FacilityListView.as_view(), name="facility_list"),
    path("facilities/add/", facility_views.FacilityCreateView.as_view(), name="facility_add"),
    path("facilities/<int:pk>/", facility_views.FacilityDetailView.as_view(), name="facility_detail"),
    path("facilities/<int:pk>/edit/", facility_views.FacilityUpdateView.as_view(), name="facility_edit"),
    path("equipment/", facility_views.EquipmentListView.as_view(), name="equipment_list"),
    path("equipment/add/", facility_views.EquipmentCreateView.as_view(), name="equipment_add"),
    path("equipment/<int:pk>/", facility_views.EquipmentDetailView.as_view(), name="equipment_detail"),
    path("equipment/<int:pk>/edit/", facility_views.EquipmentUpdateView.as_view(), name="equipment_edit"),
    path("outlets/", facility_views.ConvenienceOutletListView.as_view(), name="convenienceoutlet_list"),
    path("outlets/add/", facility_views.ConvenienceOutletCreateView.as_view(), name="convenienceoutlet_add"),
    path("outlets/<int:pk>/", facility_views.ConvenienceOutletDetailView.as_view(), name="convenienceoutlet_detail"),
    path("outlets/<int:pk>/edit/", facility_views.ConvenienceOutletUpdateView.as_view(), name="convenienceoutlet_edit"),
    path("infrastructure/", facility_views.InfrastructureAssetListView.as_view(), name="infrastructureasset_list"),
    path("infrastructure/add/", facility_views.InfrastructureAssetCreateView.as_view(), name="infrastructureasset_add"),
    path(
        "infrastructure/<int:pk>/",
        facility_views.InfrastructureAssetDetailView.as_view(),
        name="infrastructureasset_detail",
    ),
    path(
        "infrastructure/<int:pk>/edit/",
        facility_views.InfrastructureAssetUpdateView.as_view(),
        name="infrastructureasset_edit",
    ),
    # -- employment (就业服务) --
    path("employment/seekers/", employment_views.JobSeekerListView.as_view(), name="jobseeker_list"),
    path("employment/seekers/add/", employment_views.JobSeekerCreateView.as_view(), name="jobseeker_add"),
    path("employment/seekers/<int:pk>/", employment_views.JobSeekerDetailView.as_view(), name="jobseeker_detail"),
    path("employment/seekers/<int:pk>/edit/", employment_views.JobSeekerUpdateView.as_view(), name="jobseeker_edit"),
    path(
        "employment/seekers/<int:pk>/withdraw/",
        employment_views.JobSeekerWithdrawView.as_view(),
        name="jobseeker_withdraw",
    ),
    path("employment/seekers/<int:pk>/refer/", employment_views.ReferralCreateView.as_view(), name="referral_add"),
    path("employment/vacancies/", employment_views.VacancyListView.as_view(), name="vacancy_list"),
    path("employment/vacancies/add/", employment_views.VacancyCreateView.as_view(), name="vacancy_add"),
    path("employment/vacancies/<int:pk>/", employment_views.VacancyDetailView.as_view(), name="vacancy_detail"),
    path("employment/vacancies/<int:pk>/edit/", employment_views.VacancyUpdateView.as_view(), name="vacancy_edit"),
    path("employment/referrals/", employment_views.ReferralListView.as_view(), name="referral_list"),
    path("employment/referrals/<int:pk>/place/", employment_views.ReferralPlaceView.as_view(), name="referral_place"),
    path(
        "employment/referrals/<int:pk>/reject/", employment_views.ReferralRejectView.as_view(), name="referral_reject"
    ),
    path("employment/training/", employment_views.TrainingCourseListView.as_view(), name="trainingcourse_list"),
    path("employment/training/add/", employment_views.TrainingCourseCreateView.as_view(), name="trainingcourse_add"),
    path(
        "employment/training/<int:pk>/",
        employment_views.TrainingCourseDetailView.as_view(),
        name="trainingcourse_detail",
    ),
    path(
        "employment/training/<int:pk>/edit/",
        employment_views.TrainingCourseUpdateView.as_view(),
        name="trainingcourse_edit",
    ),
    path(
        "employment/training/<int:pk>/enrol/",
        employment_views.EnrolmentCreateView.as_view(),
        name="trainingenrolment_add",
    ),
    path(
        "employment/trainees/<int:pk>/outcome/",
        employment_views.EnrolmentOutcomeView.as_view(),
        name="trainingenrolment_outcome",
    ),
    path("employment/benefits/", employment_views.BenefitPaymentListView.as_view(), name="benefitpayment_list"),
    path("employment/benefits/add/", employment_views.BenefitPaymentCreateView.as_view(), name="benefitpayment_add"),
    # -- care (关爱台账) --
    path("care/", care_views.CareSubjectListView.as_view(), name="caresubject_list"),
    path("care/add/", care_views.CareSubjectCreateView.as_view(), name="caresubject_add"),
    path("care/overdue/", care_views.CareSubjectOverdueView.as_view(), name="caresubject_overdue"),
    path("care/<int:pk>/", care_views.CareSubjectDetailView.as_view(), name="caresubject_detail"),
    path("care/<int:pk>/edit/", care_views.CareSubjectUpdateView.as_view(), name="caresubject_edit"),
    path("care/<int:pk>/visits/add/", care_views.CareVisitCreateView.as_view(), name="carevisit_add"),
]
