from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "vanort.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"
