from django.urls import path

from services.views import windows

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
    # -- welfare (救助福利, 发放批次, 捐赠, 结对帮扶) --
    # -- volunteers (志愿者) --
    # -- facilities (阵地设施) --
    # -- employment (就业服务) --
    # -- care (关爱台账) --
]
