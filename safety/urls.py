from django.urls import path

from safety.views import access

app_name = "safety"

urlpatterns = [
    path("access-log/", access.SensitiveAccessListView.as_view(), name="sensitiveaccess_list"),
    # -- mediation (人民调解) --
    # -- care (帮教, 社区矫正, 重点人员) --
    # -- records (民警, 巡逻, 普法, 隐患排查, 事件, 信访) --
]
