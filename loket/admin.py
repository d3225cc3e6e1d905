"""Django admin for the operator: advice slots and their bookings, and the reports made."""

from django.contrib import admin

from .models import Adviesslot, Boeking, Rapport


class BoekingInline(admin.TabularInline):
    model = Boeking
    extra = 0
    raw_id_fields = ["kandidaat"]


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
    readonly_fields = ["task_id", "bestand", "foutmelding", "klaar_op"]
