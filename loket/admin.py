"""Django admin for the operator: advice slots and their bookings, and the reports made."""

from django.contrib import admin

from .models import (
    Aanmelding,
    Adviesslot,
    Boeking,
    Evenement,
    FaqArtikel,
    Kwartaalrapportage,
    Rapport,
    Route,
)


class BoekingInline(admin.TabularInline):
    """A slot's bookings; they are made through the booking pages (which move the journey
    and send the mails), so they are not added here."""

    model = Boeking
    extra = 0
    raw_id_fields = ["kandidaat"]
    fields = ["kandidaat", "status", "uitkomst", "geboekt_op", "herinnering_verstuurd_op"]
    readonly_fields = ["geboekt_op", "herinnering_verstuurd_op"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kandidaat__user")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Adviesslot)
class AdviesslotAdmin(admin.ModelAdmin):
    list_display = ["start", "adviseur", "regio", "vorm", "duur_minuten", "geannuleerd"]
    list_filter = ["regio", "vorm", "geannuleerd"]
    list_select_related = ["adviseur", "regio"]
    raw_id_fields = ["adviseur"]
    inlines = [BoekingInline]


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    list_display = ["regio", "soort", "status", "aangevraagd_op", "klaar_op"]
    list_filter = ["status", "soort", "regio"]
    list_select_related = ["regio"]
    readonly_fields = ["task_id", "bestand", "foutmelding", "klaar_op"]


@admin.register(Kwartaalrapportage)
class KwartaalrapportageAdmin(admin.ModelAdmin):
    """Read-only: a report and the figures it was made from never change once made; a new
    version is asked for on the reports page (or made by beat each quarter)."""

    list_display = ["__str__", "status", "pogingen", "aangevraagd_op", "klaar_op"]
    list_filter = ["status", "jaar", "kwartaal", "regio", "groep"]
    list_select_related = ["regio", "groep"]
    exclude = ["gegevens"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting the row would leave its PDF behind in the private storage.
        return False


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "duur", "naast_baan", "volgorde", "gepubliceerd"]
    list_filter = ["soort", "gepubliceerd"]
    list_editable = ["volgorde", "gepubliceerd"]
    search_fields = ["naam", "samenvatting"]
    prepopulated_fields = {"slug": ["naam"]}


@admin.register(FaqArtikel)
class FaqArtikelAdmin(admin.ModelAdmin):
    list_display = ["vraag", "onderwerp", "volgorde", "gepubliceerd", "bijgewerkt_op"]
    list_filter = ["onderwerp", "gepubliceerd"]
    list_editable = ["volgorde", "gepubliceerd"]
    search_fields = ["vraag", "antwoord"]
    prepopulated_fields = {"slug": ["vraag"]}


class AanmeldingInline(admin.TabularInline):
    """Who signed up; sign-ups are made through the public form (its checks), not here."""

    model = Aanmelding
    extra = 0
    fields = ["kandidaat", "status", "aangemeld_op"]
    readonly_fields = ["kandidaat", "aangemeld_op"]

    def get_queryset(self, request):
        # Each row shows its candidate by name: fetched with the rows, not one by one.
        return super().get_queryset(request).select_related("kandidaat__user")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Evenement)
class EvenementAdmin(admin.ModelAdmin):
    list_display = ["titel", "regio", "start", "capaciteit", "gepubliceerd", "geannuleerd"]
    list_filter = ["regio", "gepubliceerd", "geannuleerd"]
    list_select_related = ["regio"]
    search_fields = ["titel", "locatie"]
    date_hierarchy = "start"
    inlines = [AanmeldingInline]
