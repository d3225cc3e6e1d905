"""Pages of the desk: home, the dashboard of each role, reports and the health check."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kandidaten.journey import Kijker, display_name
from kandidaten.models import Introductie, IntroductieStatus, Kandidaat
from opleidingsscholen.coverage import opleidingsaandeel_for
from regio.access import needs_mfa_setup, role_required
from regio.coverage import dekking_for
from regio.models import (
    Organisatie,
    Regio,
    Role,
    TekortOpgave,
    Vacature,
    VacatureStatus,
    kwartaal_van,
)

from ..models import Rapport
from ..services import rapporten

log = logging.getLogger(__name__)

# How many referred candidates the institute's dashboard lists, per section.
WERKLIJST = 100
RECENT_UITKOMSTEN = 20

DASHBOARD_FOR_ROLE = {
    Role.KANDIDAAT: "kandidaat_dashboard",
    Role.LOKETADVISEUR: "adviseur_dashboard",
    Role.HR: "hr_dashboard",
    Role.OPLEIDER: "opleider_dashboard",
    Role.PROJECTLEIDER: "projectleider_dashboard",
    Role.BEHEERDER: "admin:index",
}


def home(request):
    regios = Regio.objects.order_by("naam")
    return render(request, "loket/home.html", {"regios": regios})


def regio_detail(request, slug):
    """A region's public page: its coverage figures and links to its partners and partnerships."""
    regio = get_object_or_404(Regio.objects.select_related("penvoerder"), slug=slug)
    return render(
        request,
        "loket/regio_detail.html",
        {
            "regio": regio,
            "dekking": dekking_for(regio),
            "aandeel": opleidingsaandeel_for(regio),
        },
    )


@login_required
def dashboard(request):
    """Where a login lands: the page of the user's own role."""
    return redirect(DASHBOARD_FOR_ROLE[request.user.role])


def admin_login(request):
    """The admin has no login of its own: everyone logs in through allauth (with MFA)."""
    if request.user.is_authenticated and needs_mfa_setup(request.user):
        return redirect("mfa_activate_totp")
    if request.user.is_authenticated and not request.user.is_staff:
        raise Http404
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('account_login')}?{query}")


# The HR dashboard lists the most recent accepted introductions; the rest are on each
# vacancy's matching page.
RECENTE_INTRODUCTIES = 20


@role_required(Role.HR)
def hr_dashboard(request):
    """The board's work at a glance: vacancies per status, this quarter's shortage return,
    the candidates who accepted an introduction, and the board's schools."""
    bestuur = request.user.organisatie
    vestigingen = bestuur.vestigingen.order_by("naam")
    introducties = list(
        Introductie.objects.filter(
            bestuur=bestuur,
            status=IntroductieStatus.GEACCEPTEERD,
            kandidaat__in=Kandidaat.objects.visible_to(request.user),
        )
        .select_related("kandidaat__user", "vacature")
        .order_by("-beantwoord_op", "-pk")[:RECENTE_INTRODUCTIES]
    )
    for introductie in introducties:
        introductie.naam = display_name(introductie.kandidaat, Kijker.BESTUUR)
    vacatures = Vacature.objects.visible_to(request.user).aggregate(
        **{
            status: Count("pk", filter=Q(status=status))
            for status in (VacatureStatus.CONCEPT, VacatureStatus.GEPUBLICEERD)
        }
    )
    jaar, kwartaal = kwartaal_van(timezone.localdate())
    return render(
        request,
        "loket/dashboard_hr.html",
        {
            "bestuur": bestuur,
            "vestigingen": vestigingen,
            "introducties": introducties,
            "vacatures": vacatures,
            "kwartaal": {"jaar": jaar, "kwartaal": kwartaal},
            "opgave_ingediend": TekortOpgave.objects.visible_to(request.user)
            .filter(jaar=jaar, kwartaal=kwartaal)
            .exists(),
        },
    )


@role_required(Role.OPLEIDER)
def opleider_dashboard(request):
    """The candidates referred to the institute awaiting an outcome (the work list, oldest
    referral first), and the most recent outcomes recorded; both bounded, so the page does
    not grow with the institute's history."""
    kandidaten = Kandidaat.objects.visible_to(request.user).select_related("user")
    wachtend = list(kandidaten.filter(toelating="").order_by("aangemeld_op", "pk")[:WERKLIJST])
    beoordeeld = list(
        kandidaten.exclude(toelating="").order_by("-toelating_op", "-pk")[:RECENT_UITKOMSTEN]
    )
    for kandidaat in wachtend + beoordeeld:
        kandidaat.naam = display_name(kandidaat, Kijker.OPLEIDING)
    return render(
        request,
        "loket/dashboard_opleider.html",
        {
            "instituut": request.user.organisatie,
            "wachtend": wachtend,
            "beoordeeld": beoordeeld,
            "werklijst": WERKLIJST,
            "recent": RECENT_UITKOMSTEN,
        },
    )


@role_required(Role.PROJECTLEIDER)
def projectleider_dashboard(request):
    context = _regio_context(request.user)
    context["rapporten"] = Rapport.objects.visible_to(request.user).select_related("regio")[:20]
    return render(request, "loket/dashboard_projectleider.html", context)


def _regio_context(user):
    regio = get_object_or_404(Regio.objects.visible_to(user), pk=user.regio_id)
    jaar, kwartaal = kwartaal_van(timezone.localdate())
    besturen = Organisatie.objects.besturen().filter(regio=regio)
    return {
        "regio": regio,
        "overzicht": rapporten.regio_overzicht_build(regio=regio),
        "tekortopgaven": {
            "jaar": jaar,
            "kwartaal": kwartaal,
            **besturen.aggregate(
                # distinct: the join repeats a board once per return it ever filed
                besturen=Count("pk", distinct=True),
                ingediend=Count(
                    "pk",
                    distinct=True,
                    filter=Q(tekortopgaven__jaar=jaar, tekortopgaven__kwartaal=kwartaal),
                ),
            ),
        },
    }


@require_POST
@role_required(Role.PROJECTLEIDER)
def rapport_create(request):
    regio = get_object_or_404(Regio.objects.visible_to(request.user), pk=request.user.regio_id)
    rapporten.rapport_request(regio=regio, soort=Rapport.Soort.REGIO_OVERZICHT, user=request.user)
    return redirect("projectleider_dashboard")


@role_required(Role.PROJECTLEIDER)
def rapport_status(request, pk):
    """The report's row, polled by htmx while it is being made."""
    rapport = get_object_or_404(Rapport.objects.visible_to(request.user), pk=pk)
    return render(request, "loket/dashboard_projectleider.html#rapport_row", {"rapport": rapport})


@role_required(Role.PROJECTLEIDER)
def rapport_download(request, pk):
    rapport = get_object_or_404(
        Rapport.objects.visible_to(request.user).select_related("regio"),
        pk=pk,
        status=Rapport.Status.KLAAR,
    )
    return FileResponse(
        rapport.bestand.open("rb"), as_attachment=True, filename=rapport.bestandsnaam
    )


@never_cache
def healthz(request):
    """Health of the database and Redis, for the load balancer; names no hosts or versions.

    Without the database nothing works: 503, take this server out. Without Redis the pages,
    login and booking still work (tasks wait in the outbox, the cache misses): 200 with
    status "degraded", so the load balancer keeps serving while monitoring sees the error.
    """
    checks = {"database": _check_database(), "redis": _check_redis()}
    if checks["database"] != "ok":
        status = "error"
    elif checks["redis"] == "error":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "error" else 200
    )


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.exception("Health check: database unreachable")
        return "error"
    return "ok"


def _check_redis():
    if not settings.REDIS_URL:
        return "not_configured"
    try:
        cache.set("healthz", "1", timeout=5)
        if cache.get("healthz") != "1":
            return "error"
    except Exception:
        log.exception("Health check: Redis unreachable")
        return "error"
    return "ok"


def csrf_failure(request, reason=""):
    return render(
        request,
        "403_csrf.html",
        {"message": _("Je sessie is verlopen. Laad de pagina opnieuw en probeer het nog eens.")},
        status=403,
    )
