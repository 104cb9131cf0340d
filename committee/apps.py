from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "两委与居民自治"

    def ready(self):
        from governance.excel import registry  # each area registers its sheets below

        # -- staff --
        registry.register("committee-staff", "committee.resources.staff.StaffExcel")
        registry.register("committee-training", "committee.resources.staff.TrainingRecordExcel")
        registry.register("committee-representatives", "committee.resources.staff.ResidentRepresentativeExcel")
        registry.register("committee-posts", "committee.resources.staff.CommitteePostExcel")
        registry.register("committee-working-bodies", "committee.resources.staff.WorkingBodyMemberExcel")
        registry.register("committee-attendance", "committee.resources.staff.WorkAttendanceExcel")
        registry.register("committee-elections", "committee.resources.staff.ElectionExcel")
        # -- party --
        registry.register("committee-party-organisations", "committee.resources.party.PartyOrganisationExcel")
        registry.register("committee-party-members", "committee.resources.party.PartyMemberExcel")
        registry.register("committee-party-transfers", "committee.resources.party.PartyTransferExcel")
        registry.register("committee-party-checkins", "committee.resources.party.PartyCheckInExcel")
        registry.register("committee-party-activities", "committee.resources.party.PartyActivityExcel")
        # -- meetings --
        registry.register("committee-meetings", "committee.resources.meetings.MeetingExcel")
        registry.register("committee-meeting-attendance", "committee.resources.meetings.MeetingAttendanceExcel")
        registry.register("committee-resolutions", "committee.resources.meetings.ResolutionExcel")
        registry.register("committee-fine-rules", "committee.resources.meetings.FineRuleExcel")
        registry.register("committee-fines", "committee.resources.meetings.FineRecordExcel")
        registry.register("committee-fine-statement", "committee.resources.meetings.FineStatementExcel")
        from committee.services.fines import connect_signals  # rules for new communities; the ledger after 考勤, 脱岗

        connect_signals()
        # -- participation --
        registry.register("committee-suggestions", "committee.resources.participation.SuggestionExcel")
        registry.register("committee-disclosures", "committee.resources.participation.DisclosureExcel")
        registry.register("committee-evaluations", "committee.resources.participation.EvaluationExcel")
        # -- projects --
        registry.register("committee-projects", "committee.resources.projects.ConstructionProjectExcel")
        registry.register("committee-awards", "committee.resources.projects.AwardExcel")
        registry.register("committee-contributions", "committee.resources.projects.UnitContributionExcel")
