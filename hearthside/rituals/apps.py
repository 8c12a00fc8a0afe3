from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "hearthside.rituals"
    label = "rituals"
