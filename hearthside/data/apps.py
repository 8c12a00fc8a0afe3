from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "hearthside.data"
    label = "data"
