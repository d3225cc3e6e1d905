"""App configs of the loket package, including the MFA-guarded admin site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class LoketConfig(AppConfig):
    default = True
    name = "loket"
    verbose_name = _("Loket")


class LoketAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "loket.admin_site.LoketAdminSite"
