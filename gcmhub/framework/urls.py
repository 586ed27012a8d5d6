from django.urls import path

from gcmhub.framework import views

urlpatterns = [
    path("", views.objective_list, name="objective-list"),
    path("objectives/<int:number>/", views.objective_detail, name="objective-detail"),
    path("principles/", views.principle_list, name="principle-list"),
]
