from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpleidingsscholenConfig(AppConfig):
    name = "opleidingsscholen"
    verbose_name = _("Opleidingsscholen")
