from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "hearthside.notify"
    label = "notify"
