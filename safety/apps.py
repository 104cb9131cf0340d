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
