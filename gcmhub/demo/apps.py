from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gcmhub.demo"
    label = "demo"
