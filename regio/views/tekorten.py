"""Hidden-shortage returns: HR files and corrects its board's quarterly return; the project
leader sees which boards filed, the region's totals, and reports the quarter.

The operator does not file for a board here: the Django admin has the returns and their lines.
"""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from .. import tekorten
from ..access import role_required
from ..forms_tekorten import MAX_REGELS, TekortRegelFormSet, regel_initial
from ..models import KwartaalAfsluiting, Organisatie, Regio, Role, TekortOpgave, Vak

HR_OVERZICHT = "regio/tekorten/hr_overzicht.html"
HR_OPGAVE = "regio/tekorten/hr_opgave.html"
OVERZICHT = "regio/tekorten/overzicht.html"
DETAIL = "regio/tekorten/opgave_detail.html"

INVALID = 422
PREFIX = "regels"
# The HR page lists the quarters a board may still file: the current one and four back.
HR_KWARTALEN = tekorten.KWARTALEN_TERUG + 1
# The project leader's quarter selector offers two years.
KEUZE_KWARTALEN = 8
KWARTAAL_RE = re.compile(r"^(\d{4})-([1-4])$")


def _kwartalen_q(kwartalen):
    q = Q(pk__in=[])
    for jaar, kwartaal in kwartalen:
        q |= Q(jaar=jaar, kwartaal=kwartaal)
    return q


def _check_kwartaal(kwartaal):
    if kwartaal not in (1, 2, 3, 4):
        raise Http404


# HR ------------------------------------------------------------------------------------------


def _eigen_bestuur(user) -> Organisatie:
    """The board HR works for; an HR account without one has nothing to file."""
    return get_object_or_404(
        Organisatie.objects.besturen().select_related("regio"), pk=user.organisatie_id
    )


@role_required(Role.HR)
def hr_tekorten(request):
    """The board's returns of the quarters it may still file: filed or not, final or not."""
    bestuur = _eigen_bestuur(request.user)
    kwartalen = tekorten.recente_kwartalen(HR_KWARTALEN)
    opgaven = tekorten.opgaven_met_totalen(
        TekortOpgave.objects.visible_to(request.user)
        .filter(bestuur=bestuur)
        .filter(_kwartalen_q(kwartalen))
    )
    per_kwartaal = {(o.jaar, o.kwartaal): o for o in opgaven}
    afgesloten = set(
        KwartaalAfsluiting.objects.filter(regio_id=bestuur.regio_id)
        .filter(_kwartalen_q(kwartalen))
        .values_list("jaar", "kwartaal")
    )
    rijen = [
        {
            "jaar": jaar,
            "kwartaal": kwartaal,
            "label": tekorten.kwartaal_label(jaar, kwartaal),
            "opgave": per_kwartaal.get((jaar, kwartaal)),
            "definitief": (jaar, kwartaal) in afgesloten,
        }
        for jaar, kwartaal in kwartalen
    ]
    return render(request, HR_OVERZICHT, {"bestuur": bestuur, "rijen": rijen})


def _formset(bestuur, opgave_regels=(), data=None):
    vak_ids = {regel.vak_id for regel in opgave_regels if regel.vak_id}
    # Active subjects, plus any inactive one the return already names so a correction of
    # another line does not fail on it.
    vakken = list(Vak.objects.filter(Q(actief=True) | Q(pk__in=vak_ids)).order_by("naam"))
    return TekortRegelFormSet(
        data,
        prefix=PREFIX,
        initial=[regel_initial(regel) for regel in opgave_regels] or None,
        form_kwargs={"vakken": vakken, "sector": bestuur.regio.sector},
    )


def _met_extra_regel(data):
    """The POST again with one more (empty) line, for "Regel toevoegen" without JavaScript."""
    data = data.copy()
    sleutel = f"{PREFIX}-TOTAL_FORMS"
    try:
        totaal = int(data.get(sleutel, ""))
    except ValueError:
        return data  # the formset reports the broken management form
    data[sleutel] = str(min(totaal + 1, MAX_REGELS))
    return data


@role_required(Role.HR)
@require_http_methods(["GET", "POST"])
def hr_tekortopgave(request, jaar, kwartaal):
    """File or correct the return of one quarter; a reported quarter is shown read-only."""
    _check_kwartaal(kwartaal)
    bestuur = _eigen_bestuur(request.user)
    opgave = (
        TekortOpgave.objects.visible_to(request.user)
        .filter(bestuur=bestuur, jaar=jaar, kwartaal=kwartaal)
        .select_related("ingediend_door")
        .first()
    )
    in_venster = tekorten.in_venster(jaar, kwartaal)
    if opgave is None and not in_venster:
        raise Http404
    definitief = tekorten.is_gerapporteerd(regio_id=bestuur.regio_id, jaar=jaar, kwartaal=kwartaal)
    context = {
        "bestuur": bestuur,
        "opgave": opgave,
        "jaar": jaar,
        "kwartaal": kwartaal,
        "label": tekorten.kwartaal_label(jaar, kwartaal),
        "definitief": definitief,
        "peildatum": tekorten.laatste_dag(jaar, kwartaal),
    }
    regels = list(opgave.regels.select_related("vak")) if opgave else []

    if definitief or not in_venster:
        if request.htmx and f"{PREFIX}-TOTAL_FORMS" in request.GET:
            # Reported while the form was open: show the final return instead of adding a line.
            return HttpResponseClientRedirect(request.path)
        if request.method == "POST":
            melding = tekorten.gerapporteerd_melding() if definitief else tekorten.te_oud_melding()
            messages.error(request, melding)
            return redirect("regio:hr_tekortopgave", jaar=jaar, kwartaal=kwartaal)
        context["regels"] = regels
        context["totalen"] = tekorten.opgave_totalen(opgave) if opgave else None
        return render(request, HR_OPGAVE, context)

    if request.method == "GET" and request.htmx and f"{PREFIX}-TOTAL_FORMS" in request.GET:
        return _nieuwe_regel(request, bestuur)

    if request.method == "GET":
        context["formset"] = _formset(bestuur, regels)
        return render(request, HR_OPGAVE, context)

    if "regel_toevoegen" in request.POST:
        context["formset"] = _formset(bestuur, regels, _met_extra_regel(request.POST))
        return render(request, HR_OPGAVE, context)

    formset = _formset(bestuur, regels, request.POST)
    context["formset"] = formset
    if formset.is_valid():
        try:
            tekorten.tekortopgave_save(
                bestuur=bestuur,
                jaar=jaar,
                kwartaal=kwartaal,
                regels=formset.regels(),
                door=request.user,
            )
        except ValidationError as error:
            formset.add_service_error(error)
        else:
            if opgave is None:
                bericht = _("De opgave voor %(kwartaal)s is ingediend.")
            else:
                bericht = _("De opgave voor %(kwartaal)s is gecorrigeerd.")
            messages.success(request, bericht % {"kwartaal": context["label"]})
            return redirect("regio:hr_tekorten")
    return render(request, HR_OPGAVE, context, status=INVALID)


def _nieuwe_regel(request, bestuur):
    """htmx's "Regel toevoegen": one empty line at the end, and the form's line count + 1."""
    try:
        index = int(request.GET[f"{PREFIX}-TOTAL_FORMS"])
    except ValueError:
        raise Http404 from None
    if not 0 <= index < MAX_REGELS:
        raise Http404
    form = _formset(bestuur).nieuwe_regel(index)
    # htmx moves focus to an autofocus field in swapped content: the new line's first one.
    form.fields["sector"].widget.attrs["autofocus"] = True
    return render(request, f"{HR_OPGAVE}#regel_rij", {"form": form, "nieuw_totaal": index + 1})


# Project leader ------------------------------------------------------------------------------


def _regio_keuze(request, waarde):
    """The region the page is about: the project leader's own; the operator picks one."""
    user = request.user
    if user.role == Role.PROJECTLEIDER:
        return get_object_or_404(Regio.objects.visible_to(user), pk=user.regio_id), []
    regios = list(Regio.objects.visible_to(user).order_by("naam"))
    if not regios:
        raise Http404
    gekozen = next((r for r in regios if r.slug == waarde), None)
    if waarde and gekozen is None:
        messages.error(
            request,
            _("Die regio bestaat niet; hieronder staat %(regio)s.") % {"regio": regios[0].naam},
        )
    return gekozen or regios[0], regios


def _kwartaal_keuze(request):
    """The quarter from ?kwartaal=2026-4; the current one when absent or not valid."""
    huidig = tekorten.huidig_kwartaal()
    waarde = request.GET.get("kwartaal", "").strip()
    if not waarde:
        return huidig
    match = KWARTAAL_RE.match(waarde)
    if match and tekorten.is_begonnen(int(match[1]), int(match[2])):
        return int(match[1]), int(match[2])
    messages.error(
        request,
        _(
            "Kies een kwartaal dat al begonnen is, geschreven als jaar-kwartaal (bijv. "
            "%(voorbeeld)s); hieronder staat het huidige kwartaal."
        )
        % {"voorbeeld": f"{huidig[0]}-{huidig[1]}"},
    )
    return huidig


def _overzicht_url(regio, jaar, kwartaal, user):
    query = {"kwartaal": f"{jaar}-{kwartaal}"}
    if user.role == Role.BEHEERDER:
        query["regio"] = regio.slug
    return f"{reverse('regio:tekorten_overzicht')}?{urlencode(query)}"


@role_required(Role.PROJECTLEIDER, Role.BEHEERDER)
def tekorten_overzicht(request):
    """One quarter of the region: which boards filed, their totals and the region's."""
    regio, regios = _regio_keuze(request, request.GET.get("regio", "").strip())
    jaar, kwartaal = _kwartaal_keuze(request)
    besturen = tekorten.besturen_status(regio=regio, jaar=jaar, kwartaal=kwartaal)
    ingediend = [b for b in besturen if b.ingediend]
    afsluiting = (
        KwartaalAfsluiting.objects.filter(regio=regio, jaar=jaar, kwartaal=kwartaal)
        .select_related("door")
        .first()
    )
    keuzes = [
        {
            "waarde": f"{j}-{k}",
            "label": tekorten.kwartaal_label(j, k),
            "gekozen": (j, k) == (jaar, kwartaal),
        }
        for j, k in tekorten.recente_kwartalen(KEUZE_KWARTALEN)
    ]
    if not any(keuze["gekozen"] for keuze in keuzes):
        keuzes.append(
            {
                "waarde": f"{jaar}-{kwartaal}",
                "label": tekorten.kwartaal_label(jaar, kwartaal),
                "gekozen": True,
            }
        )
    return render(
        request,
        OVERZICHT,
        {
            "regio": regio,
            "regios": regios,
            "jaar": jaar,
            "kwartaal": kwartaal,
            "label": tekorten.kwartaal_label(jaar, kwartaal),
            "peildatum": tekorten.laatste_dag(jaar, kwartaal),
            "keuzes": keuzes,
            "besturen": besturen,
            "aantal_ingediend": len(ingediend),
            "aantal_niet_ingediend": len(besturen) - len(ingediend),
            "totalen": tekorten.Totalen.optellen(b.totalen for b in ingediend),
            "afsluiting": afsluiting,
            "kan_afsluiten": afsluiting is None and tekorten.is_afgelopen(jaar, kwartaal),
        },
    )


@require_POST
@role_required(Role.PROJECTLEIDER, Role.BEHEERDER)
def tekorten_afsluiten(request, jaar, kwartaal):
    """Report the quarter: the region's returns for it become final."""
    _check_kwartaal(kwartaal)
    if request.user.role == Role.PROJECTLEIDER:
        regio = get_object_or_404(Regio.objects.visible_to(request.user), pk=request.user.regio_id)
    else:
        regio = get_object_or_404(
            Regio.objects.visible_to(request.user), slug=request.POST.get("regio", "")
        )
    label = tekorten.kwartaal_label(jaar, kwartaal)
    try:
        tekorten.kwartaal_afsluiten(regio=regio, jaar=jaar, kwartaal=kwartaal, door=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(kwartaal)s is afgesloten: de opgaven van dit kwartaal zijn nu definitief.")
            % {"kwartaal": label},
        )
    return redirect(_overzicht_url(regio, jaar, kwartaal, request.user))


@role_required(Role.PROJECTLEIDER, Role.BEHEERDER)
def tekortopgave_detail(request, pk):
    """One board's return, read-only."""
    opgave = get_object_or_404(
        TekortOpgave.objects.visible_to(request.user).select_related(
            "bestuur__regio", "ingediend_door"
        ),
        pk=pk,
    )
    return render(
        request,
        DETAIL,
        {
            "opgave": opgave,
            "bestuur": opgave.bestuur,
            "label": tekorten.kwartaal_label(opgave.jaar, opgave.kwartaal),
            "peildatum": opgave.peildatum,
            "regels": list(opgave.regels.select_related("vak")),
            "totalen": tekorten.opgave_totalen(opgave),
            "definitief": tekorten.is_gerapporteerd(
                regio_id=opgave.bestuur.regio_id, jaar=opgave.jaar, kwartaal=opgave.kwartaal
            ),
            "overzicht_url": _overzicht_url(
                opgave.bestuur.regio, opgave.jaar, opgave.kwartaal, request.user
            ),
        },
    )
