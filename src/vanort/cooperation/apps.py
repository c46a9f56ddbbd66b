from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "vanort.cooperation"
    label = "cooperation"
    verbose_name = _("Samarbete")
    default_auto_field = "django.db.models.BigAutoField"
