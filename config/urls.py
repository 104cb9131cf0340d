from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.health import healthz

admin.site.site_header = "邻里 Linli 管理后台"
admin.site.site_title = "邻里 Linli"
admin.site.index_title = "系统管理"
# The admin is a superuser's tool for mistakes; it knows nothing of community scope, so nobody else enters.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("residents/", include("residents.urls")),
    path("households/", include("households.urls")),
    path("services/", include("services.urls")),
    path("safety/", include("safety.urls")),
    path("committee/", include("committee.urls")),
    path("excel/", include("governance.excel_urls")),
    path("", include("governance.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
