"""The Excel pages of every register: ``path("excel/", include("governance.excel_urls"))``."""

from django.urls import path

from governance import excel_views

app_name = "excel"

urlpatterns = [
    path("", excel_views.ExcelIndexView.as_view(), name="index"),
    path("jobs/<int:pk>/", excel_views.ImportJobDetailView.as_view(), name="job_detail"),
    path("jobs/<int:pk>/progress/", excel_views.ImportJobProgressView.as_view(), name="job_progress"),
    path("<slug:register>/export/", excel_views.ExcelExportView.as_view(), name="export"),
    path("<slug:register>/template/", excel_views.ExcelTemplateView.as_view(), name="template"),
    path("<slug:register>/import/", excel_views.ExcelImportView.as_view(), name="import"),
    path("<slug:register>/import/<str:token>/", excel_views.ExcelPreviewView.as_view(), name="preview"),
]
