from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "hearthside.summary"
    label = "summary"

    def ready(self) -> None:
        from hearthside.summary import signals  # noqa: F401 - connects the receivers
