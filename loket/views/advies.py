"""Public pages of advice conversations: the free slots of a region, booking one, and
cancelling or rescheduling a booking through the signed link in its e-mail."""

from datetime import timedelta
from itertools import groupby
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from kandidaten.models import Kandidaat
from kandidaten.views.documenten import eigen_kandidaat
from regio.models import Role

from ..forms.advies import WEKEN_STANDAARD, WEKEN_STAP, BoekingForm, SlotFilterForm
from ..models import Adviesslot, Boeking, Route
from ..services import advies
from ..services.advies import AMSTERDAM, MAX_WEKEN

# The booking just made in this browser, for the thank-you page after the redirect.
SESSION_BOEKING = "advies_boeking"


def per_dag(items, *, start=attrgetter("start")) -> list[tuple]:
    """Slots (or bookings, with `start`) in order, grouped by their day on Amsterdam's
    calendar: [(date, [item, ...]), ...]."""
    return [
        (dag, list(group))
        for dag, group in groupby(
            items, key=lambda item: timezone.localtime(start(item), AMSTERDAM).date()
        )
    ]


def free_slots(regio, *, weken: int, vorm: str = "", exclude=None) -> tuple[list, bool]:
    """The region's bookable slots in the coming `weken` weeks, and whether more follow."""
    tot = timezone.now() + timedelta(weeks=weken)
    slots = Adviesslot.objects.bookable().filter(regio=regio)
    if vorm:
        slots = slots.filter(vorm=vorm)
    if exclude is not None:
        slots = slots.exclude(pk=exclude)
    binnen = list(slots.filter(start__lt=tot).order_by("start", "pk"))
    meer = weken < MAX_WEKEN and slots.filter(start__gte=tot).exists()
    return binnen, meer


def _route_from(request) -> Route | None:
    slug = request.POST.get("route") or request.GET.get("route")
    if not slug:
        return None
    return Route.objects.published().filter(slug=slug).first()


def _own_kandidaat(request) -> Kandidaat | None:
    if not request.user.is_authenticated or request.user.role != Role.KANDIDAAT:
        return None
    return eigen_kandidaat(request.user)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def advies_boeken(request):
    """Choose a region and see its free slots per day; htmx swaps only the slot list."""
    data = request.GET.copy()
    if not data.get("regio") and (kandidaat := _own_kandidaat(request)):
        data["regio"] = kandidaat.regio.slug
    form = SlotFilterForm(data)
    form.is_valid()
    regio = form.cleaned_data.get("regio")
    vorm = form.cleaned_data.get("vorm") or ""
    weken = form.cleaned_data.get("weken") or WEKEN_STANDAARD
    route = _route_from(request)
    dagen, meer = [], False
    if regio is not None:
        slots, meer = free_slots(regio, weken=weken, vorm=vorm)
        dagen = per_dag(slots)
    query = {"regio": regio.slug if regio else "", "vorm": vorm}
    if route is not None:
        query["route"] = route.slug
    context = {
        "form": form,
        "regio": regio,
        "vorm": vorm,
        "route": route,
        "dagen": dagen,
        "weken": weken,
        "meer_url": (
            f"{reverse('advies_boeken')}?{urlencode({**query, 'weken': weken + WEKEN_STAP})}"
            if meer
            else ""
        ),
        "route_query": urlencode({"route": route.slug}) if route else "",
    }
    template = "loket/advies/boeken.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#momenten"
    return render(request, template, context)


@require_http_methods(["GET", "HEAD", "POST"])
def advies_moment(request, pk):
    """One free slot and the form to book it; works as a plain POST and redirect."""
    slot = get_object_or_404(Adviesslot.objects.select_related("regio"), pk=pk)
    route = _route_from(request)
    kandidaat = _own_kandidaat(request)
    user = request.user if kandidaat is not None else None
    initial = {"telefoon": kandidaat.telefoon} if kandidaat else {}
    form = BoekingForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            boeking, nieuw = advies.boeking_create(
                slot=slot,
                naam=data["naam"],
                email=user.email if user else data["email"],
                telefoon=data["telefoon"],
                vraag=data["vraag"],
                route=route,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_BOEKING] = boeking.pk
            if not nieuw:
                messages.info(
                    request,
                    _("Je had dit moment al geboekt. Je krijgt geen tweede bevestiging."),
                )
            return redirect("advies_geboekt")
    beschikbaar = Adviesslot.objects.bookable().filter(pk=slot.pk).exists()
    context = {
        "slot": slot,
        "form": form,
        "route": route,
        "beschikbaar": beschikbaar,
        "terug_url": f"{reverse('advies_boeken')}?{urlencode({'regio': slot.regio.slug})}",
    }
    return render(request, "loket/advies/moment.html", context)


@require_safe
def advies_geboekt(request):
    """The thank-you page of the booking just made in this browser, nothing else."""
    pk = request.session.get(SESSION_BOEKING)
    boeking = (
        Boeking.objects.select_related("slot__regio").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if boeking is None:
        return redirect("advies_boeken")
    return render(
        request,
        "loket/advies/geboekt.html",
        {"boeking": boeking, "slot": boeking.slot, "moment": advies.moment_label(boeking.slot)},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def advies_beheren(request, token):
    """A booking opened by its signed link: see it, cancel it, or move it to another slot.

    A bad link is answered with a Dutch explanation and status 400, never an error page.
    """
    try:
        boeking = advies.boeking_from_token(token)
    except advies.BoekingLinkError as error:
        return render(
            request,
            "loket/advies/beheren.html",
            {"fout": error.message, "boeken_url": reverse("advies_boeken")},
            status=400,
        )
    if request.method == "POST":
        return _beheren_post(request, boeking, token)

    slot = boeking.slot
    voorbij = boeking.status == Boeking.Status.AFGEROND or slot.start <= timezone.now()
    wijzigbaar = boeking.status == Boeking.Status.GEBOEKT and not voorbij
    dagen, meer_url = [], ""
    if wijzigbaar:
        try:
            weken = min(max(int(request.GET.get("weken", WEKEN_STANDAARD)), 1), MAX_WEKEN)
        except ValueError:
            weken = WEKEN_STANDAARD
        slots, meer = free_slots(slot.regio, weken=weken, exclude=slot.pk)
        dagen = per_dag(slots)
        if meer:
            meer_url = f"{request.path}?{urlencode({'weken': weken + WEKEN_STAP})}#verzetten"
    opvolger = None
    if boeking.status == Boeking.Status.GEANNULEERD:
        # A rescheduled booking's old link leads on to the booking that replaced it.
        opvolger = (
            Boeking.objects.filter(
                kandidaat_id=boeking.kandidaat_id,
                status=Boeking.Status.GEBOEKT,
                geboekt_op__gt=boeking.geboekt_op,
                slot__start__gt=timezone.now(),
            )
            .select_related("slot")
            .order_by("-geboekt_op")
            .first()
        )
    context = {
        "boeking": boeking,
        "slot": slot,
        "moment": advies.moment_label(slot),
        "opvolger": opvolger,
        "opvolger_moment": advies.moment_label(opvolger.slot) if opvolger else "",
        "opvolger_url": (
            reverse("advies_beheren", kwargs={"token": advies.boeking_token(opvolger)})
            if opvolger
            else ""
        ),
        "geannuleerd": boeking.status == Boeking.Status.GEANNULEERD,
        "voorbij": voorbij,
        "wijzigbaar": wijzigbaar,
        "dagen": dagen,
        "meer_url": meer_url,
        "boeken_url": f"{reverse('advies_boeken')}?{urlencode({'regio': slot.regio.slug})}",
    }
    return render(request, "loket/advies/beheren.html", context)


def _beheren_post(request, boeking, token):
    actie = request.POST.get("actie")
    try:
        if actie == "annuleren":
            advies.boeking_cancel(boeking=boeking)
            messages.success(
                request, _("Je afspraak is geannuleerd. Je krijgt een bevestiging per e-mail.")
            )
            return redirect("advies_beheren", token=token)
        if actie == "verzetten":
            try:
                slot = Adviesslot.objects.filter(pk=int(request.POST.get("slot", ""))).first()
            except ValueError:
                slot = None
            if slot is None:
                raise ValidationError(_("Kies een nieuw moment uit de lijst."))
            nieuw = advies.boeking_reschedule(boeking=boeking, slot=slot)
            messages.success(
                request,
                _(
                    "Je afspraak is verzet naar %(moment)s. "
                    "Je krijgt een nieuwe uitnodiging per e-mail."
                )
                % {"moment": advies.moment_label(nieuw.slot)},
            )
            return redirect("advies_beheren", token=advies.boeking_token(nieuw))
        raise ValidationError(_("Kies of je de afspraak wilt annuleren of verzetten."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("advies_beheren", token=token)
