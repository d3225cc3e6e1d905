"""Django admin for the operator: candidates with their journey as a read-only timeline,
introductions, the read log and the stall rules."""

from django.contrib import admin

from .models import Introductie, Inzage, Kandidaat, Stilstandregel, TrajectEvent, Uitvalreden


class TrajectEventInline(admin.TabularInline):
    """The timeline is append-only: the admin shows it and adds nothing to it."""

    model = TrajectEvent
    extra = 0
    can_delete = False
    fields = [
        "op",
        "soort",
        "van",
        "naar",
        "door",
        "reden",
        "naar_regio",
        "organisatie",
        "toelating",
        "route",
        "toelichting",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Kandidaat)
class KandidaatAdmin(admin.ModelAdmin):
    list_display = ["user", "regio", "fase", "fase_sinds", "adviseur"]
    list_filter = ["fase", "regio"]
    search_fields = ["user__email", "user__naam"]
    list_select_related = ["user", "regio", "adviseur"]
    raw_id_fields = ["user", "adviseur"]
    # The stage changes only through kandidaat_move, which writes the timeline too.
    readonly_fields = ["fase", "fase_sinds"]
    inlines = [TrajectEventInline]


@admin.register(Uitvalreden)
class UitvalredenAdmin(admin.ModelAdmin):
    list_display = ["naam", "actief"]
    list_filter = ["actief"]


@admin.register(Introductie)
class IntroductieAdmin(admin.ModelAdmin):
    list_display = ["kandidaat", "bestuur", "status", "voorgesteld_op", "beantwoord_op"]
    list_filter = ["status"]
    search_fields = ["kandidaat__user__email", "kandidaat__user__naam", "bestuur__naam"]
    list_select_related = ["kandidaat__user", "bestuur"]
    raw_id_fields = ["kandidaat", "bestuur", "door"]


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin):
    """The read log is evidence: the operator can read it, nobody can add, change or delete."""

    list_display = ["op", "door", "kandidaat", "wat"]
    list_filter = ["wat"]
    search_fields = ["door__email", "kandidaat__user__email"]
    list_select_related = ["door", "kandidaat__user"]
    date_hierarchy = "op"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Stilstandregel)
class StilstandregelAdmin(admin.ModelAdmin):
    list_display = ["fase", "dagen", "herinner_elke_dagen"]
