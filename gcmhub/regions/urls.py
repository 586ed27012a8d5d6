from django.urls import path

from gcmhub.regions import views

urlpatterns = [
    path("", views.region_list, name="region-list"),
    path("<slug:region_slug>/", views.region_detail, name="region-detail"),
]
