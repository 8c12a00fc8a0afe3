from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "hearthside.api"
    label = "api"
