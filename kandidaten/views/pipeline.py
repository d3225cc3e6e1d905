"""The adviser's pipeline board: the region's candidates per stage, with filters, search and
one-click moves to the next step.

The board is a plain GET form with links and buttons; htmx replaces only the results (the
stage tabs, the table, the pages) and, after a move, only the candidate's row and the tabs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from regio.access import role_required
from regio.models import Role
from regio.views.registry import page_of, valid_filters

from ..forms import PipelineFilterForm, StapForm
from ..journey import Kijker, allowed_moves_for, display_name, with_voor_pauze
from ..models import Fase, Kandidaat
from ..services import kandidaat_move_from

PIPELINE = "kandidaten/pipeline.html"
# Moves that need more than one click (a reason, a region) are made on the journey page.
NIET_OP_HET_BORD = {Fase.UITGEVALLEN, Fase.DOORVERWEZEN}


def _region_candidates(user, filters: dict):
    """The candidates of the adviser's own region matching every filter but the stage."""
    kandidaten = Kandidaat.objects.visible_to(user).filter(regio_id=user.regio_id)
    if q := filters.get("q"):
        kandidaten = kandidaten.filter(Q(user__naam__icontains=q) | Q(user__email__icontains=q))
    if route := filters.get("route"):
        kandidaten = kandidaten.filter(route=route)
    if sector := filters.get("sector"):
        kandidaten = kandidaten.filter(sectoren__bevat=sector)
    if vak := filters.get("vak"):
        kandidaten = kandidaten.filter(vak__icontains=vak)
    if adviseur := filters.get("adviseur"):
        kandidaten = kandidaten.filter(adviseur=adviseur)
    if filters.get("stil"):
        kandidaten = kandidaten.filter(stil_sinds__isnull=False)
    return kandidaten


def _tabs(kandidaten, gekozen: str) -> list[dict]:
    """One tab per stage with its number of candidates, counted in one aggregate query."""
    aantallen = kandidaten.aggregate(
        alle=Count("pk"), **{fase.value: Count("pk", filter=Q(fase=fase)) for fase in Fase}
    )
    tabs = [{"fase": "", "label": _("Alle fasen"), "aantal": aantallen["alle"]}]
    tabs += [
        {"fase": fase.value, "label": fase.label, "aantal": aantallen[fase.value]} for fase in Fase
    ]
    for tab in tabs:
        tab["huidig"] = tab["fase"] == gekozen
    return tabs


def _move_label(fase: str) -> str:
    if fase == Fase.GEPAUZEERD:
        return _("Pauzeren")
    return _("Naar %(fase)s") % {"fase": Fase(fase).label}


def _with_board_fields(kandidaat: Kandidaat) -> Kandidaat:
    kandidaat.naam = display_name(kandidaat, Kijker.LOKET)
    kandidaat.bord_moves = (
        []
        if kandidaat.gewist_op
        else [
            (fase, _move_label(fase))
            for fase in allowed_moves_for(kandidaat)
            if fase not in NIET_OP_HET_BORD
        ]
    )
    return kandidaat


def _board_rows(kandidaten):
    return with_voor_pauze(kandidaten.select_related("user", "adviseur")).order_by(
        "fase_sinds", "pk"
    )


def _filters(request):
    form = PipelineFilterForm(request.GET, regio_id=request.user.regio_id)
    return form, valid_filters(form)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@role_required(Role.LOKETADVISEUR)
def pipeline(request):
    """The board; an htmx request (filters, tabs, pages) gets only the results."""
    form, filters = _filters(request)
    kandidaten = _region_candidates(request.user, filters)
    fase = filters.get("fase", "")
    tabs = _tabs(kandidaten, fase)
    if fase:
        kandidaten = kandidaten.filter(fase=fase)
    page = page_of(request, _board_rows(kandidaten))
    for kandidaat in page:
        _with_board_fields(kandidaat)
    template = PIPELINE
    if request.htmx and not request.htmx.history_restore_request:
        template += "#resultaten"
    return render(request, template, {"form": form, "page": page, "tabs": tabs})


@require_POST
@role_required(Role.LOKETADVISEUR)
def pipeline_stap(request, pk):
    """Move one candidate from the board; the board's filters ride along in the query string.

    htmx gets the candidate's row and (out of band) the stage tabs with their new counts;
    without JavaScript it is a redirect back to the board, filters and all.
    """
    _form, filters = _filters(request)
    kandidaat = get_object_or_404(_board_rows(_region_candidates(request.user, {})), pk=pk)
    stap_form = StapForm(
        request.POST, kandidaat=kandidaat, variant=StapForm.variant_for(request.POST.get("naar"))
    )
    fout = melding = ""
    if kandidaat.gewist_op:
        fout = _(
            "De gegevens van deze kandidaat zijn gewist; het traject kan niet meer veranderen."
        )
    elif stap_form.is_valid():
        try:
            event = kandidaat_move_from(
                kandidaat=kandidaat,
                van=stap_form.cleaned_data["van"],
                naar=stap_form.cleaned_data["naar"],
                door=request.user,
                reden=stap_form.cleaned_data.get("reden"),
            )
        except ValidationError as error:
            fout = " ".join(error.messages)
        else:
            melding = _("%(naam)s staat nu in de fase %(fase)s.") % {
                "naam": display_name(kandidaat, Kijker.LOKET),
                "fase": Fase(event.naar).label,
            }
    else:
        fout = " ".join(message for errors in stap_form.errors.values() for message in errors)

    if not request.htmx:
        if fout:
            messages.error(request, fout)
        else:
            messages.success(request, melding)
        query = request.GET.urlencode()
        return redirect(reverse("kandidaten:pipeline") + (f"?{query}" if query else ""))

    kandidaat = _with_board_fields(
        get_object_or_404(_board_rows(_region_candidates(request.user, {})), pk=pk)
    )
    kandidaten = _region_candidates(request.user, filters)
    return render(
        request,
        f"{PIPELINE}#stap_antwoord",
        {
            "kandidaat": kandidaat,
            "tabs": _tabs(kandidaten, filters.get("fase", "")),
            "melding": melding,
            "fout": fout,
        },
    )
