from django.apps import AppConfig


class RepairConfig(AppConfig):
    name = "hearthside.repair"
    label = "repair"
