"""Django admin for the operator (beheerder): the registry and the people."""

from django.contrib import admin
from django.utils import timezone

from .models import (
    Activiteit,
    Contactpersoon,
    Deelname,
    KwartaalAfsluiting,
    Ontwikkellijn,
    Organisatie,
    Regio,
    Regiogroep,
    TekortOpgave,
    TekortRegel,
    User,
    Vacature,
    VacaturePublicatie,
    Vak,
    Vestiging,
    Voortgang,
)


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


# Hidden-shortage returns ---------------------------------------------------------------------
# The operator files or corrects a board's return here (the HR pages serve HR only). A return
# of a reported quarter is final, so the admin shows it read-only.


class TekortRegelInline(admin.TabularInline):
    model = TekortRegel
    extra = 0

    def _definitief(self, obj):
        return obj is not None and obj.pk is not None and obj.is_definitief()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._definitief(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._definitief(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._definitief(obj)


@admin.register(TekortOpgave)
class TekortOpgaveAdmin(admin.ModelAdmin):
    list_display = ["bestuur", "jaar", "kwartaal", "ingediend_op", "gewijzigd_op"]
    list_filter = ["jaar", "kwartaal", "bestuur__regio"]
    search_fields = ["bestuur__naam", "bestuur__bevoegd_gezag_nummer"]
    list_select_related = ["bestuur"]
    raw_id_fields = ["bestuur", "ingediend_door"]
    readonly_fields = ["gewijzigd_op"]
    inlines = [TekortRegelInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_definitief():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_definitief():
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            obj.gewijzigd_op = timezone.now()
        elif obj.ingediend_door is None:
            obj.ingediend_door = request.user
        super().save_model(request, obj, form, change)


@admin.register(KwartaalAfsluiting)
class KwartaalAfsluitingAdmin(admin.ModelAdmin):
    list_display = ["regio", "jaar", "kwartaal", "afgesloten_op", "door"]
    list_filter = ["regio", "jaar"]
    list_select_related = ["regio", "door"]
    raw_id_fields = ["door"]


@admin.register(Vak)
class VakAdmin(admin.ModelAdmin):
    """The subject list: vacancies, returns and profiles choose from the active ones."""

    list_display = ["naam", "actief"]
    list_filter = ["actief"]
    prepopulated_fields = {"slug": ["naam"]}


class VacaturePublicatieInline(admin.TabularInline):
    """The publication history is append-only: the admin shows it and changes nothing in it."""

    model = VacaturePublicatie
    extra = 0
    can_delete = False
    fields = ["van", "tot"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vacature)
class VacatureAdmin(admin.ModelAdmin):
    """Status is read-only here: publishing, filling and closing go through the vacancy's own
    page (vacature_status_set, open to the operator for every board), which keeps the
    publication history; an edit here would not."""

    list_display = ["titel", "bestuur", "vestiging", "status", "fte", "fte_open", "sluitdatum"]
    list_filter = ["status", "sector", "functie", "bestuur__regio"]
    search_fields = ["titel", "bestuur__naam", "vestiging__naam"]
    list_select_related = ["bestuur", "vestiging"]
    raw_id_fields = ["bestuur", "vestiging"]
    readonly_fields = ["status", "fte_open", "aangemaakt_op", "gepubliceerd_op", "afgesloten_op"]
    date_hierarchy = "sluitdatum"
    inlines = [VacaturePublicatieInline]


# The region's plan and groups of regions -----------------------------------------------------
# Project leaders keep their own plan on their pages; the operator may correct any here.


class ActiviteitInline(admin.TabularInline):
    model = Activiteit
    extra = 0
    fields = ["naam", "begin", "einde", "eigenaar", "volgorde"]
    show_change_link = True


@admin.register(Ontwikkellijn)
class OntwikkellijnAdmin(admin.ModelAdmin):
    list_display = ["naam", "regio", "volgorde"]
    list_filter = ["regio"]
    search_fields = ["naam"]
    list_select_related = ["regio"]
    inlines = [ActiviteitInline]


class VoortgangInline(admin.TabularInline):
    model = Voortgang
    extra = 0
    fields = ["jaar", "kwartaal", "status", "toelichting", "bijgewerkt_door", "bijgewerkt_op"]
    readonly_fields = ["bijgewerkt_op"]
    raw_id_fields = ["bijgewerkt_door"]


@admin.register(Activiteit)
class ActiviteitAdmin(admin.ModelAdmin):
    list_display = ["naam", "ontwikkellijn", "begin", "einde", "eigenaar"]
    list_filter = ["ontwikkellijn__regio"]
    search_fields = ["naam", "eigenaar", "ontwikkellijn__naam"]
    list_select_related = ["ontwikkellijn__regio"]
    raw_id_fields = ["ontwikkellijn"]
    date_hierarchy = "begin"
    inlines = [VoortgangInline]


@admin.register(Regiogroep)
class RegiogroepAdmin(admin.ModelAdmin):
    """Groups of regions (e.g. an alliance) for reports over more than one region."""

    list_display = ["naam", "slug"]
    search_fields = ["naam"]
    prepopulated_fields = {"slug": ["naam"]}
    filter_horizontal = ["regios"]
