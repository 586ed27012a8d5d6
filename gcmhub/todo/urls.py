from django.urls import path

from gcmhub.todo import views

urlpatterns = [
    path("", views.task_list, name="task-list"),
]
