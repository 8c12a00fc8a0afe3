from django.apps import AppConfig


class ValuesConfig(AppConfig):
    name = "hearthside.values"
    label = "values"
