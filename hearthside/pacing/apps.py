from django.apps import AppConfig


class PacingConfig(AppConfig):
    name = "hearthside.pacing"
    label = "pacing"
