from django.urls import path

from gcmhub.directory import views

urlpatterns = [
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
