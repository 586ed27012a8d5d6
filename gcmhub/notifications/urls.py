from django.urls import path

from gcmhub.notifications import views

urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("<int:notification_pk>/", views.notification_open, name="notification-open"),
    path("read/", views.notifications_read, name="notifications-read"),
    path("settings/", views.notification_preferences, name="notification-preferences"),
]
