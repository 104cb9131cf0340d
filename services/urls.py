from django.urls import path  # noqa: F401  (each area adds its paths below)

app_name = "services"

urlpatterns = [
    # -- windows (服务窗口, 服务事项, 办件) --
    # -- duty (值班表, 脱岗) --
    # -- welfare (救助福利, 发放批次, 捐赠, 结对帮扶) --
    # -- volunteers (志愿者) --
    # -- facilities (阵地设施) --
    # -- employment (就业服务) --
    # -- care (关爱台账) --
]
