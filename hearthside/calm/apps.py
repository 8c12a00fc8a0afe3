from django.apps import AppConfig


class CalmConfig(AppConfig):
    name = "hearthside.calm"
    label = "calm"
