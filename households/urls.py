from django.urls import path

from households import views

app_name = "households"

urlpatterns = [
    path("", views.HouseholdListView.as_view(), name="household_list"),
    path("add/", views.HouseholdCreateView.as_view(), name="household_add"),
    path("<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("<int:pk>/edit/", views.HouseholdUpdateView.as_view(), name="household_edit"),
    path("<int:pk>/tags/add/", views.HouseholdTagCreateView.as_view(), name="householdtag_add"),
    path("tags/<int:pk>/end/", views.HouseholdTagEndView.as_view(), name="householdtag_end"),
    path("compounds/", views.CompoundListView.as_view(), name="compound_list"),
    path("compounds/add/", views.CompoundCreateView.as_view(), name="compound_add"),
    path("compounds/<int:pk>/", views.CompoundDetailView.as_view(), name="compound_detail"),
    path("compounds/<int:pk>/edit/", views.CompoundUpdateView.as_view(), name="compound_edit"),
    path("compounds/<int:pk>/buildings/add/", views.BuildingCreateView.as_view(), name="building_add"),
    path("dwellings/", views.DwellingListView.as_view(), name="dwelling_list"),
    path("dwellings/add/", views.DwellingCreateView.as_view(), name="dwelling_add"),
    path("dwellings/<int:pk>/", views.DwellingDetailView.as_view(), name="dwelling_detail"),
    path("dwellings/<int:pk>/edit/", views.DwellingUpdateView.as_view(), name="dwelling_edit"),
    path("rentals/", views.RentalListView.as_view(), name="rental_list"),
    path("rentals/add/", views.RentalCreateView.as_view(), name="rental_add"),
    path("rentals/<int:pk>/", views.RentalDetailView.as_view(), name="rental_detail"),
    path("rentals/<int:pk>/edit/", views.RentalUpdateView.as_view(), name="rental_edit"),
]
