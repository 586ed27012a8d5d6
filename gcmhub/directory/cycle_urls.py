from django.urls import path

from gcmhub.directory import views

urlpatterns = [
    path("setup/", views.cycle_setup, name="cycle-setup"),
]
