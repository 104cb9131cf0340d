from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "为民服务"

    def ready(self):
        from governance.excel import registry

        # -- Excel sheets, imported on first use --
        # volunteers
        registry.register("services-volunteers", "services.resources.volunteers.VolunteerExcel")
        registry.register("services-volunteer-teams", "services.resources.volunteers.VolunteerTeamExcel")
        registry.register("services-volunteer-activities", "services.resources.volunteers.VolunteerActivityExcel")
        registry.register("services-party-posts", "services.resources.volunteers.PartyPostExcel")
        # facilities
        registry.register("services-facilities", "services.resources.facilities.FacilityExcel")
        registry.register("services-equipment", "services.resources.facilities.EquipmentExcel")
        registry.register("services-outlets", "services.resources.facilities.OutletExcel")
        registry.register("services-infrastructure", "services.resources.facilities.AssetExcel")
        # windows
        registry.register("services-items", "services.resources.windows.ServiceItemExcel")
        registry.register("services-cases", "services.resources.windows.ServiceCaseExcel")
        # welfare
        registry.register("services-welfare-programmes", "services.resources.welfare.ProgrammeExcel")
        registry.register("services-welfare-enrolments", "services.resources.welfare.EnrolmentExcel")
        registry.register("services-distribution-batches", "services.resources.welfare.BatchExcel")
        registry.register("services-distribution-lines", "services.resources.welfare.DistributionSheetExcel")
        registry.register("services-donations", "services.resources.welfare.DonationExcel")
        registry.register("services-assistance-pairs", "services.resources.welfare.PairExcel")
        # duty
        registry.register("services-duty-shifts", "services.resources.duty.DutyShiftExcel")
        registry.register("services-duty-absences", "services.resources.duty.DutyAbsenceExcel")
        # employment
        registry.register("services-job-seekers", "services.resources.employment.JobSeekerExcel")
        registry.register("services-referrals", "services.resources.employment.ReferralExcel")
        # care
        registry.register("services-care-subjects", "services.resources.employment.CareSubjectExcel")
        registry.register("services-care-visits", "services.resources.employment.CareVisitExcel")
