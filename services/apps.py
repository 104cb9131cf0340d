from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "为民服务"

    def ready(self):
        from governance.excel import registry

        # -- Excel sheets, imported on first use --
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
