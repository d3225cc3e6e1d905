"""Django admin for the operator: candidates with their journey as a read-only timeline,
introductions, appointments and interviews, the read log and the stall rules."""

from django.contrib import admin

from .models import (
    Aanstelling,
    Introductie,
    Inzage,
    Kandidaat,
    Sollicitatiestap,
    Stilstandregel,
    TrajectEvent,
    Uitvalreden,
)
from .services import inzage_log


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
        "vacature",
        "toelating",
        "route",
        "toelichting",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        # Each row shows its read-only foreign keys and its own name (which names the
        # candidate) as text: without this, several queries per event.
        return (
            super()
            .get_queryset(request)
            .select_related(
                "kandidaat__user", "door", "reden", "naar_regio", "organisatie", "vacature"
            )
        )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Kandidaat)
class KandidaatAdmin(admin.ModelAdmin):
    list_display = ["user", "regio", "fase", "fase_sinds", "adviseur"]
    list_filter = ["fase", "regio"]
    search_fields = ["user__email", "user__naam"]
    list_select_related = ["user", "regio", "adviseur"]
    raw_id_fields = ["user"]
    # What the timeline records changes only through the services, which write the event in
    # the same transaction: the stage (kandidaat_move), adviser (kandidaat_take_over),
    # referral (kandidaat_refer) and admissibility (toelating_record).
    readonly_fields = [
        "fase",
        "fase_sinds",
        "adviseur",
        "regio",
        "route",
        "opleiding",
        "toelating",
        "toelating_op",
    ]
    inlines = [TrajectEventInline]

    def has_add_permission(self, request):
        # Candidates are registered by kandidaat_register (the forms call it), which writes
        # the first event of their timeline; an admin-made row would have none.
        return False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The operator opening a candidate's record is a staff read like any other.
        if obj is not None:
            inzage_log(user=request.user, kandidaat=obj, wat="beheer")
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Uitvalreden)
class UitvalredenAdmin(admin.ModelAdmin):
    list_display = ["naam", "actief"]
    list_filter = ["actief"]


@admin.register(Introductie)
class IntroductieAdmin(admin.ModelAdmin):
    list_display = [
        "kandidaat",
        "bestuur",
        "vacature",
        "status",
        "voorgesteld_op",
        "beantwoord_op",
    ]
    list_filter = ["status"]
    search_fields = ["kandidaat__user__email", "kandidaat__user__naam", "bestuur__naam"]
    list_select_related = ["kandidaat__user", "bestuur", "vacature"]
    raw_id_fields = ["kandidaat", "bestuur", "vacature", "door"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that move a journey or a vacancy along are written by the services (which also
    write the timeline event and change the vacancy): the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Aanstelling)
class AanstellingAdmin(ReadOnlyAdmin):
    list_display = ["kandidaat", "bestuur", "vestiging", "startdatum", "fte", "contractsoort"]
    list_filter = ["contractsoort"]
    search_fields = ["kandidaat__user__email", "bestuur__naam", "vestiging__naam"]
    list_select_related = ["kandidaat__user", "bestuur", "vestiging"]
    date_hierarchy = "startdatum"


@admin.register(Sollicitatiestap)
class SollicitatiestapAdmin(ReadOnlyAdmin):
    list_display = ["kandidaat", "vacature", "soort", "op", "uitkomst"]
    list_filter = ["soort", "uitkomst"]
    list_select_related = ["kandidaat__user", "vacature__vestiging"]


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
