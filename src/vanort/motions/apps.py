from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    name = "vanort.motions"
    label = "motions"
    verbose_name = _("Motioner")
    default_auto_field = "django.db.models.BigAutoField"
