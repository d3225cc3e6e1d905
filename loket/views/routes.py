"""Public pages of the route catalogue and the route finder."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from regio.models import Organisatie, OrganisatieSoort, Role

from ..forms.desk import RegioKeuzeForm, RouteFinderForm
from ..models import Route
from ..routefinder import geen_route_bericht, routes_for

ROUTEWIJZER = "loket/routes/routewijzer.html"


@require_safe
def routes(request):
    """The catalogue of routes into education work."""
    return render(request, "loket/routes/lijst.html", {"routes": Route.objects.published()})


def regio_van(user):
    """The region a logged-in user belongs to, if any: the default for region choices."""
    if not user.is_authenticated:
        return None
    if user.role == Role.KANDIDAAT:
        kandidaat = getattr(user, "kandidaat", None)
        return kandidaat.regio if kandidaat else None
    if user.regio_id:
        return user.regio
    if user.organisatie_id:
        return user.organisatie.regio
    return None


def aanbieders(route, regio):
    """The institutes of `regio` in its registry that offer `route`."""
    filters = Q(regio=regio, soort=route.aanbieder_soort)
    if route.aanbieder_soort == OrganisatieSoort.LERARENOPLEIDING:
        filters &= Q(opleidingssoort__in=route.opleidingssoorten)
    return Organisatie.objects.filter(filters).order_by("naam")


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def route_detail(request, slug):
    """One route, with the institutes that offer it in the chosen region."""
    route = get_object_or_404(Route.objects.published(), slug=slug)
    form = RegioKeuzeForm(request.GET if "regio" in request.GET else None)
    if form.is_bound:
        regio = form.cleaned_data["regio"] if form.is_valid() else None
    else:
        regio = regio_van(request.user)
        form = RegioKeuzeForm(initial={"regio": regio.slug if regio else None})
    context = {
        "route": route,
        "form": form,
        "regio": regio,
        "aanbieders": list(aanbieders(route, regio)) if regio else [],
    }
    template = "loket/routes/detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#aanbieders"
    return render(request, template, context)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def routewijzer(request):
    """The route finder.

    Without JavaScript it is one GET form with every question, the results below it. With
    htmx it goes step by step: `stap=N` asks question N and carries the earlier answers along
    as hidden fields; each step's URL is pushed, so going back and reloading work. A full
    page load of a step's URL shows the whole form filled in so far, and htmx picks the steps
    up again from there.
    """
    stappen = RouteFinderForm.STAPPEN
    stap = _stap(request.GET.get("stap"), len(stappen))
    if stap is not None and request.htmx and not request.htmx.history_restore_request:
        return _stap_antwoord(request, stap)

    uitslag = stap_url = None
    beantwoord = any(name in request.GET for name in stappen)
    if beantwoord and (stap is None or stap > len(stappen)):
        form = RouteFinderForm(request.GET)
        if form.is_valid():
            uitslag = _uitslag(form)
    else:
        form = RouteFinderForm(initial=request.GET.dict())
        query = request.GET.copy()
        query["stap"] = stap or 1
        stap_url = f"{request.path}?{query.urlencode()}"
    return render(request, ROUTEWIJZER, {"form": form, "uitslag": uitslag, "stap_url": stap_url})


def _stap(value, aantal) -> int | None:
    """The step asked for (1 up to aantal + 1, the result), or None when there is none."""
    try:
        stap = int(value)
    except (TypeError, ValueError):
        return None
    return min(max(stap, 1), aantal + 1)


def _stap_antwoord(request, stap):
    """Under htmx: the question of step `stap`, or the first earlier one with a bad answer
    (with its error), or, after the last step, the result."""
    stappen = RouteFinderForm.STAPPEN
    eerder = RouteFinderForm(request.GET, stappen=stap - 1)
    if not eerder.is_valid():
        fout = next(i for i, name in enumerate(stappen, start=1) if name in eerder.errors)
        return _render_stap(request, fout, RouteFinderForm(request.GET, stappen=fout))
    if stap > len(stappen):
        return render(request, f"{ROUTEWIJZER}#stap_uitslag", {"uitslag": _uitslag(eerder)})
    return _render_stap(request, stap, RouteFinderForm(initial=request.GET.dict(), stappen=stap))


def _render_stap(request, stap, form):
    stappen = RouteFinderForm.STAPPEN
    veld = form[stappen[stap - 1]]
    if stap > 1 or veld.errors:
        # htmx focuses an autofocus element it swaps in: the next question, for keyboards
        # and screen readers. Not on the first step, which replaces the page's form on load.
        veld.field.widget.attrs["autofocus"] = True
    vorige_url = None
    if stap > 1:
        query = request.GET.copy()
        query["stap"] = stap - 1
        vorige_url = f"{request.path}?{query.urlencode()}"
    context = {
        "veld": veld,
        "stap": stap,
        "aantal_stappen": len(stappen),
        "volgende": stap + 1,
        "eerder": [(name, request.GET.get(name, "")) for name in stappen[: stap - 1]],
        "vorige_url": vorige_url,
    }
    return render(request, f"{ROUTEWIJZER}#stap", context)


def _uitslag(form):
    antwoorden = form.antwoorden()
    routes = list(Route.objects.published())
    matches = routes_for(antwoorden, routes)
    return {
        "antwoorden": antwoorden,
        "matches": matches,
        "bericht": "" if matches else geen_route_bericht(antwoorden, routes),
    }
