from django.urls import path

from gcmhub.editions import views

urlpatterns = [
    path("translations/", views.queue, name="translations"),
    path("texts/<str:label>/<int:pk>/", views.translate, name="translate"),
]
