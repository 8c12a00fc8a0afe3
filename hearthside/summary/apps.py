from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "hearthside.summary"
    label = "summary"
