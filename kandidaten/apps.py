from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KandidatenConfig(AppConfig):
    name = "kandidaten"
    verbose_name = _("Kandidaten")
