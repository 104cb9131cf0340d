from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("communities/", views.CommunityListView.as_view(), name="community_list"),
    path("communities/<int:pk>/", views.CommunityDetailView.as_view(), name="community_detail"),
    path("communities/<int:pk>/edit/", views.CommunityUpdateView.as_view(), name="community_edit"),
    path("groups/", views.ResidentGroupListView.as_view(), name="residentgroup_list"),
    path("groups/add/", views.ResidentGroupCreateView.as_view(), name="residentgroup_add"),
    path("groups/<int:pk>/", views.ResidentGroupDetailView.as_view(), name="residentgroup_detail"),
    path("groups/<int:pk>/edit/", views.ResidentGroupUpdateView.as_view(), name="residentgroup_edit"),
    path("grids/", views.GridListView.as_view(), name="grid_list"),
    path("grids/add/", views.GridCreateView.as_view(), name="grid_add"),
    path("grids/<int:pk>/", views.GridDetailView.as_view(), name="grid_detail"),
    path("grids/<int:pk>/edit/", views.GridUpdateView.as_view(), name="grid_edit"),
    path("units/", views.ResidentUnitListView.as_view(), name="residentunit_list"),
    path("units/add/", views.ResidentUnitCreateView.as_view(), name="residentunit_add"),
    path("units/<int:pk>/", views.ResidentUnitDetailView.as_view(), name="residentunit_detail"),
    path("units/<int:pk>/edit/", views.ResidentUnitUpdateView.as_view(), name="residentunit_edit"),
    path("staff/", views.UserListView.as_view(), name="user_list"),
    path("staff/add/", views.UserCreateView.as_view(), name="user_add"),
    path("staff/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("staff/<int:pk>/edit/", views.UserUpdateView.as_view(), name="user_edit"),
    path("staff/<int:pk>/password/", views.UserPasswordView.as_view(), name="user_password"),
]
