from django.urls import path

from residents import views

app_name = "residents"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="person_list"),
    path("add/", views.PersonRegisterView.as_view(), name="person_add"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("<int:pk>/edit/", views.PersonCorrectView.as_view(), name="person_edit"),
    path("<int:pk>/move-out/", views.PersonMoveOutView.as_view(), name="person_move_out"),
    path("<int:pk>/death/", views.PersonDeathView.as_view(), name="person_death"),
    path("<int:pk>/transfer/", views.PersonTransferView.as_view(), name="person_transfer"),
    path("<int:pk>/categories/add/", views.MembershipCreateView.as_view(), name="categorymembership_add"),
    path("<int:pk>/floating/add/", views.FloatingRegistrationCreateView.as_view(), name="floatingregistration_add"),
    path("categories/memberships/<int:pk>/end/", views.MembershipEndView.as_view(), name="categorymembership_end"),
    path("households/<int:pk>/birth/", views.HouseholdBirthView.as_view(), name="household_birth"),
    path("households/<int:pk>/change-head/", views.HouseholdChangeHeadView.as_view(), name="household_change_head"),
    path("households/<int:pk>/split/", views.HouseholdSplitView.as_view(), name="household_split"),
    path("households/<int:pk>/merge/", views.HouseholdMergeView.as_view(), name="household_merge"),
    path("categories/", views.CategoryListView.as_view(), name="category_list"),
    path("categories/add/", views.CategoryCreateView.as_view(), name="category_add"),
    path("categories/<int:pk>/edit/", views.CategoryUpdateView.as_view(), name="category_edit"),
    path("floating/", views.FloatingRegistrationListView.as_view(), name="floatingregistration_list"),
    path("floating/<int:pk>/", views.FloatingRegistrationDetailView.as_view(), name="floatingregistration_detail"),
    path("floating/<int:pk>/edit/", views.FloatingRegistrationUpdateView.as_view(), name="floatingregistration_edit"),
    path("floating/<int:pk>/checks/add/", views.FloatingCheckCreateView.as_view(), name="floatingcheck_add"),
]
