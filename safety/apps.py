from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = "平安社区"

    def ready(self):
        from governance.excel import registry

        # mediation
        registry.register("safety-disputes", "safety.resources.mediation.DisputeCaseExcel")
        registry.register("safety-committee", "safety.resources.mediation.CommitteeMemberExcel")
        # care
        registry.register("safety-rehab", "safety.resources.care.RehabCaseExcel")
        registry.register("safety-correction", "safety.resources.care.CorrectionCaseExcel")
        # records
        registry.register("safety-patrols", "safety.resources.records.PatrolRecordExcel")
        registry.register("safety-legal-education", "safety.resources.records.LegalEducationExcel")
        registry.register("safety-inspections", "safety.resources.records.InspectionExcel")
        registry.register("safety-incidents", "safety.resources.records.IncidentExcel")
        registry.register("safety-petitions", "safety.resources.records.PetitionExcel")
