from django.urls import path  # noqa: F401

app_name = "committee"

urlpatterns = [
    # -- staff (两委与工作人员) --
    # -- party (党组织与党员) --
    # -- meetings (会议与罚款) --
    # -- participation (意见建议、公开、测评) --
    # -- projects (建设项目、荣誉、共驻共建) --
]
