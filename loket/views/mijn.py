"""The candidate's own pages: the dashboard (journey, appointments, documents, consent), the
export of their data, and erasing their account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kandidaten.views.documenten import documenten_context, eigen_kandidaat
from regio.access import role_required
from regio.models import Role

from ..forms.mijn import ToestemmingForm, WissenForm
from ..models import Aanmelding, Boeking
from ..services import privacy
from ..services.advies import boeking_token
from ..services.evenementen import aanmelding_token

TEMPLATE = "loket/dashboard_kandidaat.html"


def _afspraken(kandidaat, now) -> dict:
    """Advice bookings and event sign-ups, split into what is still to come and what is past."""
    boekingen = list(
        Boeking.objects.filter(kandidaat=kandidaat)
        .select_related("slot__adviseur")
        .order_by("slot__start", "pk")
    )
    komend = [b for b in boekingen if b.status == Boeking.Status.GEBOEKT and b.slot.start > now]
    for boeking in komend:
        boeking.token = boeking_token(boeking)
    aanmeldingen = list(
        Aanmelding.objects.filter(kandidaat=kandidaat)
        .select_related("evenement")
        .order_by("evenement__start", "pk")
    )
    bijeenkomsten = [
        a
        for a in aanmeldingen
        if a.status == Aanmelding.Status.AANGEMELD and a.evenement.start > now
    ]
    for aanmelding in bijeenkomsten:
        aanmelding.token = aanmelding_token(aanmelding)
    return {
        "komende_gesprekken": komend,
        "eerdere_gesprekken": [b for b in reversed(boekingen) if b not in komend],
        "komende_bijeenkomsten": bijeenkomsten,
        "eerdere_bijeenkomsten": [a for a in reversed(aanmeldingen) if a not in bijeenkomsten],
    }


def _dashboard_context(kandidaat, *, toestemming_form=None) -> dict:
    context = {
        "kandidaat": kandidaat,
        "toestemming_form": toestemming_form or ToestemmingForm(instance=kandidaat),
        **_afspraken(kandidaat, timezone.now()),
        **documenten_context(kandidaat, terug=reverse("kandidaat_dashboard") + "#documenten"),
    }
    return context


@role_required(Role.KANDIDAAT)
def kandidaat_dashboard(request):
    """My journey, appointments, documents, consent and data; a friendly start for someone
    who has an account but no journey yet."""
    kandidaat = eigen_kandidaat(request.user)
    if kandidaat is None:
        return render(request, TEMPLATE, {"kandidaat": None})
    return render(request, TEMPLATE, _dashboard_context(kandidaat))


@require_POST
@role_required(Role.KANDIDAAT)
def mijn_toestemming(request):
    """Save the consent form; with htmx only its section is replaced."""
    kandidaat = eigen_kandidaat(request.user)
    if kandidaat is None:
        raise Http404
    form = ToestemmingForm(request.POST, instance=kandidaat)
    if not form.is_valid():
        if request.htmx:
            return render(
                request,
                f"{TEMPLATE}#toestemming",
                {"kandidaat": kandidaat, "toestemming_form": form},
            )
        return render(request, TEMPLATE, _dashboard_context(kandidaat, toestemming_form=form))
    privacy.kandidaat_toestemming_update(kandidaat, **form.cleaned_data)
    opgeslagen = _("Je keuzes zijn opgeslagen en gelden meteen.")
    if request.htmx:
        return render(
            request,
            f"{TEMPLATE}#toestemming",
            {
                "kandidaat": kandidaat,
                "toestemming_form": ToestemmingForm(instance=kandidaat),
                "toestemming_opgeslagen": opgeslagen,
            },
        )
    messages.success(request, opgeslagen)
    return redirect(reverse("kandidaat_dashboard") + "#toestemming")


@never_cache
@role_required(Role.KANDIDAAT)
def mijn_export(request):
    """Everything we hold about the candidate, as a JSON download."""
    kandidaat = eigen_kandidaat(request.user)
    if kandidaat is None:
        data = privacy.account_export(request.user)
    else:
        data = privacy.kandidaat_export(kandidaat)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mijn-gegevens-onderwijsloket-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(Role.KANDIDAAT)
def mijn_wissen(request):
    """Confirm, then erase the candidate's account and personal data and log them out."""
    kandidaat = eigen_kandidaat(request.user)
    form = WissenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if kandidaat is None:
            privacy.account_erase(request.user)
        else:
            privacy.kandidaat_erase(kandidaat, door=request.user)
        logout(request)
        return redirect("mijn_gewist")
    context = {"form": form, "kandidaat": kandidaat}
    if kandidaat is not None:
        context.update(
            komende_gesprekken=Boeking.objects.filter(
                kandidaat=kandidaat, status=Boeking.Status.GEBOEKT, slot__start__gt=timezone.now()
            ).count(),
            documenten=kandidaat.documenten.count(),
        )
    return render(request, "loket/mijn/wissen.html", context)


def mijn_gewist(request):
    """The goodbye page after erasing, for someone who is no longer logged in."""
    return render(request, "loket/mijn/gewist.html")
