"""Django admin for the operator: candidates, with their journey as a read-only timeline."""

from django.contrib import admin

from .models import Kandidaat, TrajectEvent, Uitvalreden


class TrajectEventInline(admin.TabularInline):
    """The timeline is append-only: the admin shows it and adds nothing to it."""

    model = TrajectEvent
    extra = 0
    can_delete = False
    fields = ["op", "van", "naar", "door", "reden", "toelichting"]
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
