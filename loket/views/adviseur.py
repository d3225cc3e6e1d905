"""The adviser's pages: the calendar of conversations, publishing availability, and one
conversation with its outcome."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kandidaten.services import inzage_log
from regio.access import role_required
from regio.models import Regio, Role

from ..forms.advies import SlotPublishForm, UitkomstForm
from ..models import Adviesslot, Boeking
from ..services import advies, rapporten
from ..services.advies import AMSTERDAM
from .advies import per_dag

PER_PAGE = 25


def _page(request, queryset):
    paginator = Paginator(queryset, PER_PAGE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return paginator.page(1)


def _start_of_today():
    today = timezone.localdate(timezone=AMSTERDAM)
    return timezone.make_aware(datetime.combine(today, datetime.min.time()), AMSTERDAM)


def _boeking_for(user, pk) -> Boeking:
    """A booking of the adviser's region, or 404."""
    return get_object_or_404(
        Boeking.objects.visible_to(user).select_related(
            "slot__adviseur", "slot__regio", "kandidaat__user", "route"
        ),
        pk=pk,
    )


@role_required(Role.LOKETADVISEUR)
def adviseur_dashboard(request):
    """Today's and coming conversations of this adviser, those still waiting for an outcome,
    and the figures of the region."""
    user = request.user
    regio = get_object_or_404(Regio.objects.visible_to(user), pk=user.regio_id)
    vandaag = _start_of_today()
    mijn = (
        Boeking.objects.visible_to(user)
        .filter(slot__adviseur=user, status=Boeking.Status.GEBOEKT)
        .select_related("slot", "kandidaat__user", "route")
    )
    page = _page(request, mijn.filter(slot__start__gte=vandaag).order_by("slot__start", "pk"))
    # Started but not finished: today's earlier conversations show in both lists.
    open_uitkomst = list(
        mijn.filter(slot__start__lte=timezone.now()).order_by("slot__start", "pk")[:50]
    )
    context = {
        "regio": regio,
        "overzicht": rapporten.regio_overzicht_build(regio=regio),
        "page": page,
        "dagen": [
            (dag, boekingen, dag == vandaag.date())
            for dag, boekingen in per_dag(page.object_list, start=lambda b: b.slot.start)
        ],
        "open_uitkomst": open_uitkomst,
    }
    return render(request, "loket/dashboard_adviseur.html", context)


@role_required(Role.LOKETADVISEUR)
def beschikbaarheid(request):
    """Publish one slot or a weekly series, and see (and withdraw) the coming ones."""
    user = request.user
    form = SlotPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            slots = advies.slots_publish(
                adviseur=user,
                start=data["start"],
                duur_minuten=data["duur_minuten"],
                vorm=data["vorm"],
                locatie=data["locatie"],
                weken=data["weken"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(aantal)s moment gepubliceerd.",
                    "%(aantal)s momenten gepubliceerd.",
                    len(slots),
                )
                % {"aantal": len(slots)},
            )
            return redirect("adviseur_beschikbaarheid")
    # The live booking of a booked slot (at most one), for a link to its conversation page.
    live = Boeking.objects.filter(slot=OuterRef("pk")).exclude(status=Boeking.Status.GEANNULEERD)
    slots = (
        Adviesslot.objects.filter(adviseur=user, geannuleerd=False, start__gte=_start_of_today())
        .annotate(boeking_id=Subquery(live.values("pk")[:1]))
        .order_by("start", "pk")
    )
    page = _page(request, slots)
    for slot in page.object_list:
        slot.eind = advies.slot_einde(slot)
    context = {
        "form": form,
        "page": page,
        "dagen": per_dag(page.object_list),
        "nu": timezone.now(),
    }
    return render(request, "loket/adviseur/beschikbaarheid.html", context)


@require_POST
@role_required(Role.LOKETADVISEUR)
def slot_intrekken(request, pk):
    """Withdraw one of the adviser's own free slots, or the rest of its series."""
    slot = get_object_or_404(Adviesslot.objects.filter(adviseur=request.user), pk=pk)
    result = advies.slot_withdraw(slot=slot, reeks=request.POST.get("reeks") == "1")
    if result.ingetrokken:
        messages.success(
            request,
            ngettext(
                "%(aantal)s moment ingetrokken.",
                "%(aantal)s momenten ingetrokken.",
                result.ingetrokken,
            )
            % {"aantal": result.ingetrokken},
        )
    if result.geboekt:
        messages.warning(
            request,
            ngettext(
                "%(aantal)s moment is geboekt en blijft staan. Annuleer eerst het gesprek "
                "(de kandidaat krijgt dan een e-mail); daarna kun je het moment intrekken.",
                "%(aantal)s momenten zijn geboekt en blijven staan. Annuleer eerst die "
                "gesprekken (de kandidaten krijgen dan een e-mail); daarna kun je de momenten "
                "intrekken.",
                len(result.geboekt),
            )
            % {"aantal": len(result.geboekt)},
        )
    if not result.ingetrokken and not result.geboekt:
        messages.info(request, _("Er was niets meer in te trekken."))
    return redirect("adviseur_beschikbaarheid")


@role_required(Role.LOKETADVISEUR)
def gesprek(request, pk):
    """One conversation: who, when, the question; after it, the outcome and the notes."""
    boeking = _boeking_for(request.user, pk)
    form = UitkomstForm(request.POST or None, regio=boeking.slot.regio)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            advies.boeking_record_outcome(
                boeking,
                data["uitkomst"],
                data["notities"],
                request.user,
                route=data["route"] or None,
                opleiding=data["opleiding"],
                reden=data["reden"],
                naar_regio=data["naar_regio"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De uitkomst van het gesprek is vastgelegd."))
            return redirect("adviseur_gesprek", pk=boeking.pk)
    inzage_log(
        user=request.user,
        kandidaat=boeking.kandidaat,
        wat=_("Adviesgesprek %(pk)s bekeken") % {"pk": boeking.pk},
    )
    nu = timezone.now()
    context = {
        "boeking": boeking,
        "slot": boeking.slot,
        "kandidaat": boeking.kandidaat,
        "moment": advies.moment_label(boeking.slot),
        "form": form,
        "kan_uitkomst": boeking.status == Boeking.Status.GEBOEKT and boeking.slot.start <= nu,
        "kan_annuleren": boeking.status == Boeking.Status.GEBOEKT and boeking.slot.start > nu,
        "einde": advies.slot_einde(boeking.slot),
    }
    return render(request, "loket/adviseur/gesprek.html", context)


@require_POST
@role_required(Role.LOKETADVISEUR)
def gesprek_annuleren(request, pk):
    """The desk cancels a coming conversation; the candidate gets an e-mail."""
    boeking = _boeking_for(request.user, pk)
    try:
        advies.boeking_cancel(boeking=boeking, door=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Het gesprek is geannuleerd; de kandidaat krijgt daarover een e-mail.")
        )
    return redirect("adviseur_gesprek", pk=boeking.pk)
