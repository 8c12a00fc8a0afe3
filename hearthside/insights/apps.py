from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "hearthside.insights"
    label = "insights"
