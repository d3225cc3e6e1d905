"""Django admin for the operator (beheerder): the registry and the people."""

from django.contrib import admin

from .models import Contactpersoon, Deelname, Organisatie, Regio, User, Vestiging


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "sector"]
    list_filter = ["sector"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    raw_id_fields = ["penvoerder"]


class ContactpersoonInline(admin.TabularInline):
    model = Contactpersoon
    extra = 0


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "regio", "bevoegd_gezag_nummer", "fte", "leerlingen"]
    list_filter = ["soort", "regio"]
    search_fields = ["naam", "bevoegd_gezag_nummer"]
    list_select_related = ["regio"]
    inlines = [DeelnameInline, ContactpersoonInline]


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "regio", "status", "sinds", "ondertekend_op"]
    list_filter = ["status", "regio"]
    search_fields = ["organisatie__naam"]
    list_select_related = ["organisatie", "regio"]
    raw_id_fields = ["organisatie"]


@admin.register(Vestiging)
class VestigingAdmin(admin.ModelAdmin):
    list_display = ["naam", "brin", "vestigingsnummer", "gemeente", "sector", "bestuur"]
    list_filter = ["sector"]
    search_fields = ["naam", "brin", "gemeente"]
    list_select_related = ["bestuur"]
    raw_id_fields = ["bestuur"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """People are invited and log in through allauth; the admin sets role and membership."""

    list_display = ["email", "naam", "role", "regio", "organisatie", "is_active"]
    list_filter = ["role", "is_active", "regio"]
    search_fields = ["email", "naam"]
    list_select_related = ["regio", "organisatie"]
    raw_id_fields = ["organisatie"]
    fields = ["email", "naam", "role", "regio", "organisatie", "is_active", "last_login"]
    readonly_fields = ["last_login"]
