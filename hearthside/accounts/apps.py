from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hearthside.accounts"
    label = "accounts"
