from django.apps import AppConfig


class BoundariesConfig(AppConfig):
    name = "hearthside.boundaries"
    label = "boundaries"
