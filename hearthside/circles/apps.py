from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "hearthside.circles"
    label = "circles"
