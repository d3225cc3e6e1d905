"""Information events: public list, sign-up, cancelling by e-mailed link, staff pages."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from regio.access import role_required
from regio.forms import save_with
from regio.models import Role
from regio.views.registry import page_of

from ..forms.desk import AanmeldForm, EvenementFilterForm, EvenementForm
from ..models import Evenement
from ..services import evenementen as service

INVALID = 422
PER_PAGE = 10
BEHEER_ROLES = (Role.LOKETADVISEUR, Role.PROJECTLEIDER)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def evenementen(request):
    """Upcoming events, optionally of one region; an htmx request gets only the results."""
    form = EvenementFilterForm(request.GET)
    regio = form.cleaned_data.get("regio") if form.is_valid() else None
    lijst = service.met_aantallen(Evenement.objects.upcoming().select_related("regio"))
    if regio:
        lijst = lijst.filter(regio=regio)
    page = page_of(request, lijst.order_by("start", "pk"), per_page=PER_PAGE)
    context = {
        "form": form,
        "page": page,
        "kan_beheren": request.user.is_authenticated and request.user.role in BEHEER_ROLES,
    }
    template = "loket/evenementen/lijst.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#resultaten"
    return render(request, template, context)


def _publiek(pk):
    """An event the public may see: published (past and cancelled ones say so on the page)."""
    evenement = get_object_or_404(
        service.met_aantallen(Evenement.objects.filter(gepubliceerd=True)).select_related("regio"),
        pk=pk,
    )
    evenement.voorbij = evenement.start <= timezone.now()
    return evenement


@require_http_methods(["GET", "HEAD", "POST"])
def evenement_detail(request, pk):
    """One event, its places left, and the sign-up form (POST here, then redirect)."""
    evenement = _publiek(pk)
    if request.method == "POST":
        form = AanmeldForm(request.POST)
        aangemeld = save_with(
            form,
            lambda: service.aanmelding_create(
                evenement=evenement,
                naam=form.cleaned_data["naam"],
                email=form.cleaned_data["email"],
                telefoon=form.cleaned_data["telefoon"],
            ),
        )
        if aangemeld:
            messages.success(
                request,
                _(
                    "Je bent aangemeld. We hebben een bevestiging gestuurd naar %(email)s;"
                    " daarin staat ook hoe je je afmeldt."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("evenement_detail", pk=pk)
        return render(
            request,
            "loket/evenementen/detail.html",
            {"evenement": evenement, "form": form},
            status=INVALID,
        )
    user = request.user
    initial = {}
    if user.is_authenticated and user.role == Role.KANDIDAAT:
        initial = {"naam": user.naam, "email": user.email}
    return render(
        request,
        "loket/evenementen/detail.html",
        {"evenement": evenement, "form": AanmeldForm(initial=initial)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def aanmelding_annuleren(request, token):
    """Cancel a sign-up by the signed link from the confirmation e-mail, without logging in.

    GET asks to confirm (mail scanners follow links; they must not cancel anything), POST
    cancels. A forged or damaged link gets a Dutch explanation with status 400.
    """
    try:
        aanmelding = service.aanmelding_for_token(token)
    except signing.BadSignature:
        return render(request, "loket/evenementen/afmelden.html", {"ongeldig": True}, status=400)
    context = {
        "aanmelding": aanmelding,
        "evenement": aanmelding.evenement,
        "token": token,
        "voorbij": aanmelding.evenement.start <= timezone.now(),
    }
    if request.method == "POST":
        try:
            afgemeld = service.aanmelding_annuleren(aanmelding=aanmelding)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if afgemeld:
                messages.success(request, _("Je bent afgemeld. Je plaats is vrijgegeven."))
            else:
                messages.info(request, _("Je was al afgemeld voor deze bijeenkomst."))
        return redirect("aanmelding_annuleren", token=token)
    return render(request, "loket/evenementen/afmelden.html", context)


# --- staff of the region ------------------------------------------------------------------------


def _eigen_evenementen(user):
    """The events a region's staff member keeps: their own region's, nothing else."""
    return Evenement.objects.filter(regio_id=user.regio_id)


def _eigen_evenement(user, pk):
    return get_object_or_404(_eigen_evenementen(user).select_related("regio"), pk=pk)


@require_safe
@role_required(*BEHEER_ROLES)
def evenementen_beheer(request):
    """The region's events, newest first, with how many signed up."""
    lijst = service.met_aantallen(_eigen_evenementen(request.user)).order_by("-start", "-pk")
    page = page_of(request, lijst, per_page=25)
    return render(
        request, "loket/evenementen/beheer.html", {"page": page, "regio": request.user.regio}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*BEHEER_ROLES)
def evenement_nieuw(request):
    evenement = Evenement(regio=request.user.regio)
    form = EvenementForm(request.POST or None, instance=evenement)
    if request.method == "POST":
        if save_with(form, lambda: service.evenement_save(evenement=evenement)):
            messages.success(request, _("De bijeenkomst is aangemaakt."))
            return redirect("evenement_bewerken", pk=evenement.pk)
        status = INVALID
    else:
        status = 200
    return render(
        request,
        "loket/evenementen/bewerken.html",
        {"form": form, "evenement": None, "regio": request.user.regio},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*BEHEER_ROLES)
def evenement_bewerken(request, pk):
    """An event of the region: its details, and who signed up (a logged read)."""
    evenement = _eigen_evenement(request.user, pk)
    form = EvenementForm(request.POST or None, instance=evenement)
    status = 200
    if request.method == "POST":
        if evenement.geannuleerd:
            messages.error(request, _("Een geannuleerde bijeenkomst kun je niet meer wijzigen."))
            return redirect("evenement_bewerken", pk=pk)
        if save_with(form, lambda: service.evenement_save(evenement=evenement)):
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect("evenement_bewerken", pk=pk)
        status = INVALID
        # The form changed the instance in memory; the rest of the page shows what is saved.
        evenement = _eigen_evenement(request.user, pk)
    deelnemers = service.deelnemers_inzien(evenement=evenement, door=request.user)
    return render(
        request,
        "loket/evenementen/bewerken.html",
        {
            "form": form,
            "evenement": evenement,
            "deelnemers": deelnemers,
            "plaatsen_over": max(evenement.capaciteit - len(deelnemers), 0),
            "regio": request.user.regio,
        },
        status=status,
    )


@require_POST
@role_required(*BEHEER_ROLES)
def evenement_annuleren(request, pk):
    evenement = _eigen_evenement(request.user, pk)
    if evenement.geannuleerd:
        messages.info(request, _("Deze bijeenkomst was al geannuleerd."))
    else:
        aantal = service.evenement_annuleren(evenement=evenement)
        messages.success(
            request,
            _("De bijeenkomst is geannuleerd. %(aantal)s aangemelde mensen krijgen een e-mail.")
            % {"aantal": aantal},
        )
    return redirect("evenement_bewerken", pk=pk)
