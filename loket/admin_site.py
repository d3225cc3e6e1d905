"""The admin site, for the operator only and only after MFA, like every staff page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from regio.access import needs_mfa_setup


class LoketAdminSite(admin.AdminSite):
    site_header = _("Onderwijsloket – beheer")
    site_title = _("Onderwijsloket")
    index_title = _("Beheer")

    def has_permission(self, request):
        return super().has_permission(request) and not needs_mfa_setup(request.user)
