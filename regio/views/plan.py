"""The region's plan for its project leader: lines of work and activities on full-page forms,
and each activity's progress in the chosen quarter, edited in its row.

The operator keeps plans in the Django admin. Every object is fetched through the model's
editable_by, so another region's line of work or activity is a 404. Invalid progress under htmx
comes back with status 200 (htmx does not swap 4xx responses by default); without htmx the
whole page comes back with the form in its row and status 422.
"""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import plan
from ..access import role_required
from ..forms import focus_first_error, save_with
from ..forms_plan import ActiviteitForm, OntwikkellijnForm, VoortgangForm
from ..models import Activiteit, Ontwikkellijn, Regio, Role, VoortgangStatus
from ..tekorten import kwartaal_label

PLAN = "regio/plan/plan.html"
ONTWIKKELLIJN = "regio/plan/ontwikkellijn_form.html"
ACTIVITEIT = "regio/plan/activiteit_form.html"
VERWIJDEREN = "regio/plan/verwijderen.html"

INVALID = 422
KWARTAAL_RE = re.compile(r"^(\d{4})-([1-4])$")
# Status codes shown as good news; the others as a warning.
GOED = {VoortgangStatus.OP_KOERS, VoortgangStatus.KLAAR}


def _eigen_regio(user) -> Regio:
    return get_object_or_404(Regio.objects.visible_to(user), pk=user.regio_id)


def _ontwikkellijnen(user):
    return Ontwikkellijn.objects.editable_by(user).filter(regio_id=user.regio_id)


def _get_ontwikkellijn(user, pk) -> Ontwikkellijn:
    return get_object_or_404(_ontwikkellijnen(user), pk=pk)


def _get_activiteit(user, pk) -> Activiteit:
    return get_object_or_404(
        Activiteit.objects.editable_by(user)
        .filter(ontwikkellijn__regio_id=user.regio_id)
        .select_related("ontwikkellijn"),
        pk=pk,
    )


# Quarters ------------------------------------------------------------------------------------


def _kwartaal_keuze(request) -> tuple[int, int]:
    """The quarter from ?kwartaal=2026-3: the current or the previous one; the current one
    when absent or not one of those (with a message saying so)."""
    kwartalen = plan.voortgang_kwartalen()
    waarde = request.GET.get("kwartaal", "").strip()
    if not waarde:
        return kwartalen[0]
    match = KWARTAAL_RE.match(waarde)
    if match and (int(match[1]), int(match[2])) in kwartalen:
        return int(match[1]), int(match[2])
    messages.error(
        request,
        _(
            "Voortgang staat bij het huidige kwartaal (%(huidig)s) of het vorige (%(vorig)s); "
            "hieronder staat het huidige kwartaal."
        )
        % {"huidig": kwartaal_label(*kwartalen[0]), "vorig": kwartaal_label(*kwartalen[1])},
    )
    return kwartalen[0]


def _check_kwartaal(jaar, kwartaal):
    """A quarter in a URL: only those progress may be given for exist here."""
    if (jaar, kwartaal) not in plan.voortgang_kwartalen():
        raise Http404


def plan_url(jaar=None, kwartaal=None, *, bewerken=None, anker=None) -> str:
    query = {}
    if jaar is not None:
        query["kwartaal"] = f"{jaar}-{kwartaal}"
    if bewerken is not None:
        query["bewerken"] = bewerken
    url = reverse("regio:plan")
    if query:
        url = f"{url}?{urlencode(query)}"
    return f"{url}#{anker}" if anker else url


def _kwartaal_context(jaar, kwartaal) -> dict:
    return {
        "jaar": jaar,
        "kwartaal": kwartaal,
        "label": kwartaal_label(jaar, kwartaal),
        "kwartaal_waarde": f"{jaar}-{kwartaal}",
    }


def _met_status(activiteit):
    """Labels for the row: the status's text and whether it is good news."""
    status = activiteit.voortgang_status
    activiteit.status_label = VoortgangStatus(status).label if status else ""
    activiteit.status_goed = status in GOED
    return activiteit


# The plan page -------------------------------------------------------------------------------


@role_required(Role.PROJECTLEIDER)
def plan_overzicht(request):
    """The region's lines of work with their activities, and each activity's progress in the
    chosen quarter."""
    jaar, kwartaal = _kwartaal_keuze(request)
    bewerken = request.GET.get("bewerken", "")
    return _render_plan(request, jaar, kwartaal, bewerken=bewerken)


def _render_plan(request, jaar, kwartaal, *, bewerken="", bewerk_form=None, status=200):
    regio = _eigen_regio(request.user)
    activiteiten = plan.met_voortgang(Activiteit.objects.all(), jaar, kwartaal)
    ontwikkellijnen = list(
        _ontwikkellijnen(request.user).prefetch_related(
            Prefetch("activiteiten", queryset=activiteiten)
        )
    )
    for ontwikkellijn in ontwikkellijnen:
        for activiteit in ontwikkellijn.activiteiten.all():
            _met_status(activiteit)
            if bewerk_form is not None and bewerk_form.activiteit_pk == activiteit.pk:
                activiteit.form = bewerk_form
            elif bewerken == str(activiteit.pk) and activiteit.loopt:
                # Without JavaScript the edit link opens the page with this row as a form.
                activiteit.form = _voortgang_form(activiteit, focus=True)
    kwartalen = plan.voortgang_kwartalen()
    return render(
        request,
        PLAN,
        {
            "regio": regio,
            "ontwikkellijnen": ontwikkellijnen,
            "aantal_activiteiten": sum(len(o.activiteiten.all()) for o in ontwikkellijnen),
            "keuzes": [
                {
                    "waarde": f"{j}-{k}",
                    "label": kwartaal_label(j, k),
                    "gekozen": (j, k) == (jaar, kwartaal),
                }
                for j, k in kwartalen
            ],
            **_kwartaal_context(jaar, kwartaal),
        },
        status=status,
    )


def _voortgang_form(activiteit, data=None, *, focus=False):
    initial = {"status": activiteit.voortgang_status or "", "toelichting": ""}
    if activiteit.voortgang_toelichting:
        initial["toelichting"] = activiteit.voortgang_toelichting
    form = VoortgangForm(data, initial=initial, activiteit=activiteit)
    form.activiteit_pk = activiteit.pk
    if focus:
        form.fields["status"].widget.attrs["autofocus"] = True
    return form


# Progress of one activity --------------------------------------------------------------------


def _activiteit_in_kwartaal(user, pk, jaar, kwartaal):
    """The activity with the quarter's progress annotated (see plan.met_voortgang)."""
    queryset = plan.met_voortgang(
        Activiteit.objects.editable_by(user).filter(ontwikkellijn__regio_id=user.regio_id),
        jaar,
        kwartaal,
    )
    return _met_status(get_object_or_404(queryset, pk=pk))


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def voortgang_rij(request, pk, jaar, kwartaal):
    """One activity's row for a quarter: shown (GET), as a form (GET ?bewerken=1) or saved
    (POST)."""
    _check_kwartaal(jaar, kwartaal)
    activiteit = _activiteit_in_kwartaal(request.user, pk, jaar, kwartaal)
    context = {"activiteit": activiteit, **_kwartaal_context(jaar, kwartaal)}
    if request.method == "POST":
        form = _voortgang_form(activiteit, request.POST)
        saved = save_with(
            form,
            lambda: plan.voortgang_save(
                activiteit=activiteit,
                jaar=jaar,
                kwartaal=kwartaal,
                status=form.cleaned_data["status"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            ),
        )
        if saved and request.htmx:
            activiteit = _activiteit_in_kwartaal(request.user, pk, jaar, kwartaal)
            context.update(activiteit=activiteit, focus=True, opgeslagen=True)
            return render(request, f"{PLAN}#activiteit_row", context)
        if saved:
            messages.success(
                request,
                _("De voortgang van %(activiteit)s in %(kwartaal)s is opgeslagen.")
                % {"activiteit": activiteit.naam, "kwartaal": kwartaal_label(jaar, kwartaal)},
            )
            return redirect(plan_url(jaar, kwartaal, anker=f"activiteit-{pk}"))
        focus_first_error(form)
        if request.htmx:
            context["form"] = form
            return render(request, f"{PLAN}#activiteit_edit_row", context)
        return _render_plan(request, jaar, kwartaal, bewerk_form=form, status=INVALID)

    bewerken = "bewerken" in request.GET and activiteit.loopt
    if not request.htmx:
        # Without JavaScript the row has no page of its own: the plan page shows it.
        return redirect(
            plan_url(jaar, kwartaal, bewerken=pk if bewerken else None, anker=f"activiteit-{pk}")
        )
    if bewerken:
        context["form"] = _voortgang_form(activiteit, focus=True)
        return render(request, f"{PLAN}#activiteit_edit_row", context)
    # Cancelled: the row is shown again, and focus returns to its edit link.
    context["focus"] = True
    return render(request, f"{PLAN}#activiteit_row", context)


# Lines of work -------------------------------------------------------------------------------


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def ontwikkellijn_nieuw(request):
    regio = _eigen_regio(request.user)
    form = OntwikkellijnForm(request.POST or None)
    if request.method == "POST":
        if save_with(form, lambda: plan.ontwikkellijn_save(regio=regio, **form.cleaned_data)):
            messages.success(
                request,
                _("De ontwikkellijn %(naam)s staat in het plan.")
                % {"naam": form.cleaned_data["naam"]},
            )
            return redirect(plan_url())
        return render(request, ONTWIKKELLIJN, {"form": form, "regio": regio}, status=INVALID)
    return render(request, ONTWIKKELLIJN, {"form": form, "regio": regio})


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def ontwikkellijn_bewerken(request, pk):
    regio = _eigen_regio(request.user)
    ontwikkellijn = _get_ontwikkellijn(request.user, pk)
    naam = ontwikkellijn.naam  # the form changes the instance in memory
    form = OntwikkellijnForm(request.POST or None, instance=ontwikkellijn)
    context = {"form": form, "regio": regio, "ontwikkellijn": ontwikkellijn, "naam": naam}
    if request.method == "POST":
        if save_with(
            form,
            lambda: plan.ontwikkellijn_save(
                regio=regio, ontwikkellijn=ontwikkellijn, **form.cleaned_data
            ),
        ):
            messages.success(request, _("De ontwikkellijn is opgeslagen."))
            return redirect(plan_url(anker=f"ontwikkellijn-{pk}"))
        return render(request, ONTWIKKELLIJN, context, status=INVALID)
    return render(request, ONTWIKKELLIJN, context)


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def ontwikkellijn_verwijderen(request, pk):
    """Ask first (GET), then remove (POST); a line with activities stays."""
    ontwikkellijn = get_object_or_404(
        _ontwikkellijnen(request.user).annotate(aantal=Count("activiteiten")), pk=pk
    )
    context = {
        "object": ontwikkellijn,
        "soort": _("ontwikkellijn"),
        "actie_url": reverse("regio:ontwikkellijn_verwijderen", args=[pk]),
        "terug_url": plan_url(anker=f"ontwikkellijn-{pk}"),
        "blokkade": (
            _(
                "Deze ontwikkellijn heeft nog activiteiten. Verwijder die eerst of zet ze "
                "onder een andere ontwikkellijn."
            )
            if ontwikkellijn.aantal
            else ""
        ),
    }
    if request.method == "POST":
        try:
            plan.ontwikkellijn_delete(ontwikkellijn=ontwikkellijn)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(context["terug_url"])
        messages.success(
            request, _("De ontwikkellijn %(naam)s is verwijderd.") % {"naam": ontwikkellijn.naam}
        )
        return redirect(plan_url())
    return render(request, VERWIJDEREN, context)


# Activities ----------------------------------------------------------------------------------


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def activiteit_nieuw(request):
    regio = _eigen_regio(request.user)
    ontwikkellijnen = _ontwikkellijnen(request.user)
    initial = {}
    gekozen = request.GET.get("ontwikkellijn", "")
    if gekozen.isdigit():
        initial["ontwikkellijn"] = gekozen
    form = ActiviteitForm(request.POST or None, initial=initial, ontwikkellijnen=ontwikkellijnen)
    context = {"form": form, "regio": regio, "heeft_lijnen": ontwikkellijnen.exists()}
    if request.method == "POST":
        if save_with(form, lambda: plan.activiteit_save(**form.activiteit_data())):
            naam, lijn = form.cleaned_data["naam"], form.cleaned_data["ontwikkellijn"]
            messages.success(
                request, _("De activiteit %(naam)s staat in het plan.") % {"naam": naam}
            )
            return redirect(plan_url(anker=f"ontwikkellijn-{lijn.pk}"))
        return render(request, ACTIVITEIT, context, status=INVALID)
    return render(request, ACTIVITEIT, context)


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def activiteit_bewerken(request, pk):
    regio = _eigen_regio(request.user)
    activiteit = _get_activiteit(request.user, pk)
    naam = activiteit.naam  # the form changes the instance in memory
    form = ActiviteitForm(
        request.POST or None, instance=activiteit, ontwikkellijnen=_ontwikkellijnen(request.user)
    )
    context = {
        "form": form,
        "regio": regio,
        "activiteit": activiteit,
        "naam": naam,
        "heeft_lijnen": True,
    }
    if request.method == "POST":
        if save_with(
            form, lambda: plan.activiteit_save(activiteit=activiteit, **form.activiteit_data())
        ):
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect(plan_url(anker=f"activiteit-{pk}"))
        return render(request, ACTIVITEIT, context, status=INVALID)
    return render(request, ACTIVITEIT, context)


@role_required(Role.PROJECTLEIDER)
@require_http_methods(["GET", "POST"])
def activiteit_verwijderen(request, pk):
    """Ask first (GET), then remove the activity with its progress (POST)."""
    activiteit = _get_activiteit(request.user, pk)
    context = {
        "object": activiteit,
        "soort": _("activiteit"),
        "actie_url": reverse("regio:activiteit_verwijderen", args=[pk]),
        "terug_url": plan_url(anker=f"activiteit-{pk}"),
        "gevolg": _("De voortgang die voor deze activiteit is opgegeven, verdwijnt ook."),
    }
    if request.method == "POST":
        plan.activiteit_delete(activiteit=activiteit)
        messages.success(
            request, _("De activiteit %(naam)s is verwijderd.") % {"naam": activiteit.naam}
        )
        return redirect(plan_url(anker=f"ontwikkellijn-{activiteit.ontwikkellijn_id}"))
    return render(request, VERWIJDEREN, context)
