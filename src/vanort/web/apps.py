from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vanort.web"
    label = "web"
