from django.urls import path

from gcmhub.search import views

urlpatterns = [path("", views.search, name="search")]
