from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vanort.core"
    label = "core"
