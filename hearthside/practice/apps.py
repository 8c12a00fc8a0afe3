from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hearthside.practice"
    label = "practice"
