"""Django admin for the operator: opleidingsscholen with their places and placements."""

from django.contrib import admin

from .models import Opleidingsplaatsen, Opleidingsschool, Plaatsingen


class OpleidingsplaatsenInline(admin.TabularInline):
    model = Opleidingsplaatsen
    extra = 0


class PlaatsingenInline(admin.TabularInline):
    model = Plaatsingen
    extra = 0


@admin.register(Opleidingsschool)
class OpleidingsschoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "regio", "sector", "status"]
    list_filter = ["status", "sector", "regio"]
    search_fields = ["naam"]
    list_select_related = ["regio"]
    raw_id_fields = ["besturen", "vestigingen", "instituten"]
    inlines = [OpleidingsplaatsenInline, PlaatsingenInline]
