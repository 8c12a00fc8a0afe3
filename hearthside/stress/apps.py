from django.apps import AppConfig


class StressConfig(AppConfig):
    name = "hearthside.stress"
    label = "stress"
