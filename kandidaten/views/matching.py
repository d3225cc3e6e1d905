"""Matching pages: HR's ranked, pseudonymised candidates for a vacancy and an accepted
introduction (interviews, trial lessons, the appointment); the candidate's ranked vacancies
and matching profile.

HR's list names candidates only by pseudonym (kandidaten.matching.pseudoniem): the forms on it
post that pseudonym, and the server finds the candidate among those the list could show, so
neither a name nor a primary key is on the page. The candidate's name appears only once they
accepted an introduction to the board.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from regio.access import role_required
from regio.formfields import fte_tekst
from regio.models import Role, Vacature
from regio.views.registry import page_of

from ..forms_matching import AanstellingForm, SollicitatiestapForm, UitkomstForm
from ..forms_profiel import ProfielForm
from ..matching import (
    MAX_KANDIDATEN,
    kandidaten_voor,
    pseudoniem,
    pseudoniem_code,
    suggesties_voor,
    uitleg,
)
from ..models import (
    Introductie,
    IntroductieStatus,
    Kandidaat,
    Shortlist,
    Sollicitatiestap,
)
from ..services import inzage_log
from ..services.matching import (
    aanstelling_record,
    introductie_invite,
    introductie_request,
    shortlist_set,
    sollicitatiestap_record,
    sollicitatiestap_uitkomst,
)
from .documenten import eigen_kandidaat

HR_MATCHES = "kandidaten/matching/hr_matches.html"
HR_INTRODUCTIE = "kandidaten/matching/hr_introductie.html"
MIJN_VACATURES = "kandidaten/matching/mijn_vacatures.html"
MIJN_PROFIEL = "kandidaten/matching/mijn_profiel.html"
PER_PAGINA = 20
INVALID = 422


# --- HR: ranked candidates for one vacancy -------------------------------------------------


def _hr_vacature(user, pk) -> Vacature:
    """The vacancy, if it is the HR user's own board's (the operator: any); else 404."""
    return get_object_or_404(
        Vacature.objects.visible_to(user).select_related("vak", "vestiging", "bestuur"), pk=pk
    )


def _kandidaten(vacature: Vacature):
    """The ranked candidates with what the list shows of each: nothing of the row itself but
    its key (for the pseudonym), the score and reasons, the shortlist and any introduction."""
    return (
        kandidaten_voor(vacature)
        .only("pk")
        .annotate(
            op_shortlist=Exists(
                Shortlist.objects.filter(vacature=vacature, kandidaat=OuterRef("pk"))
            ),
            introductie_status=Subquery(
                Introductie.objects.filter(vacature=vacature, kandidaat=OuterRef("pk")).values(
                    "status"
                )[:1]
            ),
        )
    )


def _rij(kandidaat: Kandidaat) -> Kandidaat:
    kandidaat.pseudoniem = pseudoniem(kandidaat.pk)
    kandidaat.code = pseudoniem_code(kandidaat.pk)
    kandidaat.redenen = uitleg(kandidaat)
    return kandidaat


def _filters(request) -> dict:
    """The list's own query parameters, the only ones carried back after a POST."""
    filters = {}
    if request.GET.get("shortlist") == "1":
        filters["shortlist"] = "1"
    if (request.GET.get("page") or "").isdigit():
        filters["page"] = request.GET["page"]
    return filters


def _introducties(vacature: Vacature, user) -> list[dict]:
    """This vacancy's introductions as the list shows them: a name only once accepted. An
    invitation the candidate has not accepted is listed only while they still share their
    profile: withdrawn consent takes them off this list too."""
    rijen = []
    introducties = Introductie.objects.filter(vacature=vacature).filter(
        Q(status=IntroductieStatus.GEACCEPTEERD, kandidaat__in=Kandidaat.objects.visible_to(user))
        | Q(kandidaat__in=Kandidaat.objects.deelbaar_met(vacature.bestuur))
    )
    for introductie in introducties.select_related("kandidaat__user"):
        kandidaat = introductie.kandidaat
        zichtbaar = (
            introductie.status == IntroductieStatus.GEACCEPTEERD
            and kandidaat.gewist_op is None
            and kandidaat.user_id is not None
        )
        rijen.append(
            {
                "status": introductie.status,
                "status_label": introductie.get_status_display(),
                "op": introductie.beantwoord_op or introductie.voorgesteld_op,
                "pseudoniem": pseudoniem(kandidaat.pk),
                "naam": (kandidaat.user.naam or kandidaat.user.email) if zichtbaar else "",
                "introductie_pk": introductie.pk if zichtbaar else None,
                "kandidaat_pk": kandidaat.pk if zichtbaar else None,
            }
        )
    return rijen


def _acties(request, vacature: Vacature) -> dict:
    """The two row actions' URLs, with the list's own query, built once per page rather than
    once per row (the list is the portal's busiest matching page)."""
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return {
        "shortlist_url": reverse("kandidaten:hr_matches_shortlist", args=[vacature.pk]) + suffix,
        "uitnodigen_url": reverse("kandidaten:hr_matches_uitnodigen", args=[vacature.pk]) + suffix,
    }


def _matches_context(request, vacature: Vacature, **extra) -> dict:
    filters = _filters(request)
    kandidaten = _kandidaten(vacature)
    if filters.get("shortlist"):
        kandidaten = kandidaten.filter(op_shortlist=True)
    # The best MAX_KANDIDATEN in one query, paged here: no second query to count them.
    page = page_of(request, list(kandidaten[:MAX_KANDIDATEN]), per_page=PER_PAGINA)
    for kandidaat in page:
        _rij(kandidaat)
    return {
        "vacature": vacature,
        "page": page,
        "alleen_shortlist": bool(filters.get("shortlist")),
        "querystring": urlencode(filters),
        **_acties(request, vacature),
        "introducties": _introducties(vacature, request.user),
        "max_kandidaten": MAX_KANDIDATEN,
        **extra,
    }


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@role_required(Role.HR, Role.BEHEERDER)
def hr_matches(request, pk):
    """The best candidates for the vacancy who share their profile with its board, by
    pseudonym, with their score and why; shortlist and invite from here."""
    vacature = _hr_vacature(request.user, pk)
    template = HR_MATCHES
    if request.htmx and not request.htmx.history_restore_request:
        template += "#resultaten"
    return render(request, template, _matches_context(request, vacature))


def _kandidaat_uit_lijst(vacature: Vacature, code: str) -> Kandidaat | None:
    """The candidate behind a pseudonym, among those HR's list could show for this vacancy
    (the best MAX_KANDIDATEN and the shortlist): so HR can act only on what it may see."""
    if not code or len(code) > 20:
        return None
    beste = list(kandidaten_voor(vacature).values_list("pk", flat=True)[:MAX_KANDIDATEN])
    op_lijst = Shortlist.objects.filter(
        vacature=vacature,
        kandidaat__in=Kandidaat.objects.deelbaar_met(vacature.bestuur),
    ).values_list("kandidaat_id", flat=True)
    gevonden = {pk for pk in {*beste, *op_lijst} if pseudoniem_code(pk) == code}
    if len(gevonden) != 1:  # unknown, or (very rarely) two candidates share the code
        return None
    return Kandidaat.objects.get(pk=gevonden.pop())


def _hr_actie(request, pk, actie):
    """Run `actie(vacature, kandidaat)` for the candidate named by pseudonym in the POST, and
    answer: with htmx the row again (or a note that it left the list), else back to the list
    (or the list with the message, when it failed)."""
    vacature = _hr_vacature(request.user, pk)
    kandidaat = _kandidaat_uit_lijst(vacature, request.POST.get("kandidaat", ""))
    fout = melding = ""
    if kandidaat is None:
        fout = _("Deze kandidaat staat niet (meer) in de lijst; laad de pagina opnieuw.")
    else:
        try:
            melding = actie(vacature, kandidaat)
        except ValidationError as error:
            fout = " ".join(error.messages)
    if request.htmx:
        rij = kandidaat and _kandidaten(vacature).filter(pk=kandidaat.pk).first()
        if rij is None:
            return render(
                request,
                f"{HR_MATCHES}#rij_weg",
                {"fout": fout or _("Deze kandidaat staat niet meer in de lijst.")},
            )
        return render(
            request,
            f"{HR_MATCHES}#rij",
            {
                "vacature": vacature,
                "kandidaat": _rij(rij),
                "fout": fout,
                "melding": melding,
                **_acties(request, vacature),
            },
        )
    if fout:
        return render(
            request, HR_MATCHES, _matches_context(request, vacature, fout=fout), status=INVALID
        )
    messages.success(request, melding)
    url = reverse("kandidaten:hr_matches", args=[vacature.pk])
    filters = _filters(request)
    return redirect(f"{url}?{urlencode(filters)}" if filters else url)


@require_POST
@role_required(Role.HR, Role.BEHEERDER)
def hr_matches_shortlist(request, pk):
    """Put a candidate on the vacancy's shortlist or take them off."""
    op_lijst = request.POST.get("op_lijst") == "1"

    def actie(vacature, kandidaat):
        shortlist_set(vacature=vacature, kandidaat=kandidaat, door=request.user, op_lijst=op_lijst)
        label = pseudoniem(kandidaat.pk)
        if op_lijst:
            return _("%(kandidaat)s staat op de shortlist.") % {"kandidaat": label}
        return _("%(kandidaat)s staat niet meer op de shortlist.") % {"kandidaat": label}

    return _hr_actie(request, pk, actie)


@require_POST
@role_required(Role.HR, Role.BEHEERDER)
def hr_matches_uitnodigen(request, pk):
    """Invite a candidate for the vacancy; they decide whether the board gets to know them."""

    def actie(vacature, kandidaat):
        introductie_invite(vacature=vacature, kandidaat=kandidaat, door=request.user)
        return _(
            "%(kandidaat)s is uitgenodigd. Je ziet naam en contactgegevens zodra de kandidaat "
            "de uitnodiging accepteert."
        ) % {"kandidaat": pseudoniem(kandidaat.pk)}

    return _hr_actie(request, pk, actie)


# --- HR: one accepted introduction ----------------------------------------------------------


def _hr_introductie_for(user, pk) -> Introductie:
    """An accepted introduction to the HR user's own board (the operator: any) of a candidate
    who is not erased; else 404."""
    qs = Introductie.objects.filter(
        status=IntroductieStatus.GEACCEPTEERD,
        kandidaat__in=Kandidaat.objects.visible_to(user),
        kandidaat__gewist_op__isnull=True,
        kandidaat__user__isnull=False,
    )
    if user.role != Role.BEHEERDER:
        if not user.organisatie_id:
            raise Http404
        qs = qs.filter(bestuur_id=user.organisatie_id)
    return get_object_or_404(
        qs.select_related("bestuur", "kandidaat__user", "vacature__vestiging", "vacature__vak"),
        pk=pk,
    )


def _stap_form(introductie, data=None):
    return SollicitatiestapForm(
        data,
        prefix="stap",
        vacature_kiezen_van=None if introductie.vacature_id else introductie.bestuur_id,
    )


def _aanstelling_form(introductie, data=None):
    vacature = introductie.vacature
    initial = {}
    if vacature is not None:
        initial = {
            "vestiging": vacature.vestiging_id,
            "startdatum": vacature.startdatum,
            "fte": vacature.fte_open,
        }
    return AanstellingForm(
        data,
        prefix="aanstelling",
        initial=initial,
        bestuur_id=introductie.bestuur_id,
        vacature_kiezen=vacature is None,
    )


def _introductie_context(request, introductie, **forms) -> dict:
    kandidaat = introductie.kandidaat
    stappen = list(
        Sollicitatiestap.objects.filter(
            kandidaat=kandidaat, vacature__bestuur_id=introductie.bestuur_id
        ).select_related("vacature")
    )
    fout_stap = forms.pop("fout_stap", None)
    for stap in stappen:
        stap.form = (
            fout_stap[1]
            if fout_stap and fout_stap[0] == stap.pk
            else UitkomstForm(initial={"uitkomst": stap.uitkomst}, prefix=f"s{stap.pk}")
        )
    vacature = introductie.vacature
    aanstellingen = list(
        kandidaat.aanstellingen.filter(bestuur_id=introductie.bestuur_id).select_related(
            "vestiging", "vacature"
        )
    )
    for aanstelling in aanstellingen:
        aanstelling.fte_tekst = fte_tekst(aanstelling.fte)
    context = {
        "introductie": introductie,
        "kandidaat": kandidaat,
        "vacature": vacature,
        "stappen": stappen,
        "aanstellingen": aanstellingen,
        "fte_open": fte_tekst(vacature.fte_open) if vacature else "",
        "vacature_open": vacature is None or vacature.is_open,
        "stap_form": _stap_form(introductie),
        "aanstelling_form": _aanstelling_form(introductie),
    }
    context.update(forms)
    return context


def _velden_fouten(form, error: ValidationError) -> None:
    """A service's message about a field goes on that field; any other above the form."""
    if hasattr(error, "error_dict"):
        for veld, berichten in error.message_dict.items():
            form.add_error(veld if veld in form.fields else None, berichten)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.HR, Role.BEHEERDER)
def hr_introductie(request, pk):
    """A candidate who accepted an introduction to the board: who they are and how to reach
    them, the interviews and trial lessons so far, and the appointment. Reads are logged."""
    introductie = _hr_introductie_for(request.user, pk)
    forms, status = {}, 200
    if request.method == "POST":
        gelukt, forms = _introductie_post(request, introductie)
        if gelukt:
            return redirect("kandidaten:hr_introductie", pk=introductie.pk)
        status = INVALID
    inzage_log(user=request.user, kandidaat=introductie.kandidaat, wat="introductie")
    return render(
        request, HR_INTRODUCTIE, _introductie_context(request, introductie, **forms), status=status
    )


def _introductie_post(request, introductie) -> tuple[bool, dict]:
    """Handle one of the page's three forms through its service: (True, {}) when done, else
    (False, the bound form with its messages). A service changes all or nothing."""
    actie = request.POST.get("actie")
    kandidaat = introductie.kandidaat

    if actie == "stap":
        form = _stap_form(introductie, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                stap = sollicitatiestap_record(
                    vacature=data.get("vacature") or introductie.vacature,
                    kandidaat=kandidaat,
                    soort=data["soort"],
                    op=data["op"],
                    uitkomst=data["uitkomst"],
                    notitie=data["notitie"],
                    door=request.user,
                )
            except ValidationError as error:
                _velden_fouten(form, error)
            else:
                messages.success(
                    request, _("%(soort)s vastgelegd.") % {"soort": stap.get_soort_display()}
                )
                return True, {}
        return False, {"stap_form": form}

    if actie == "uitkomst":
        stap_pk = request.POST.get("stap") or ""
        stap = get_object_or_404(
            Sollicitatiestap.objects.select_related("vacature"),
            pk=int(stap_pk) if stap_pk.isdigit() else 0,
            kandidaat=kandidaat,
            vacature__bestuur_id=introductie.bestuur_id,
        )
        form = UitkomstForm(request.POST, prefix=f"s{stap.pk}")
        if form.is_valid():
            try:
                sollicitatiestap_uitkomst(
                    stap=stap, uitkomst=form.cleaned_data["uitkomst"], door=request.user
                )
            except ValidationError as error:
                _velden_fouten(form, error)
            else:
                messages.success(request, _("De uitkomst is bijgewerkt."))
                return True, {}
        return False, {"fout_stap": (stap.pk, form)}

    if actie == "aanstelling":
        form = _aanstelling_form(introductie, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                aanstelling_record(
                    vacature=data.get("vacature") or introductie.vacature,
                    kandidaat=kandidaat,
                    vestiging=data["vestiging"],
                    startdatum=data["startdatum"],
                    fte=data["fte"],
                    contractsoort=data["contractsoort"],
                    door=request.user,
                )
            except ValidationError as error:
                _velden_fouten(form, error)
            else:
                messages.success(
                    request,
                    _("De aanstelling van %(naam)s is vastgelegd.")
                    % {"naam": kandidaat.user.naam or kandidaat.user.email},
                )
                return True, {}
        return False, {"aanstelling_form": form}

    return False, {"fout": _("Kies wat je wilt vastleggen.")}


# --- The candidate: ranked vacancies, asking for an introduction, the profile ---------------


def _mijn_vacatures_context(kandidaat, **extra) -> dict:
    context = {"kandidaat": kandidaat, **extra}
    if kandidaat is None or not kandidaat.deel_met_regio:
        return context
    suggesties = suggesties_voor(kandidaat)
    # Per vacancy the candidate already has an introduction for: what its button becomes.
    introducties = {
        vacature_id: _introductie_label(status, door_id == kandidaat.user_id)
        for vacature_id, status, door_id in Introductie.objects.filter(
            kandidaat=kandidaat, vacature__isnull=False
        ).values_list("vacature_id", "status", "door_id")
    }
    for vacature in (*suggesties.eigen, *suggesties.buur):
        vacature.redenen = uitleg(vacature)
        vacature.gevraagd = introducties.get(vacature.pk, "")
    context.update(
        suggesties=suggesties,
        uitnodigingen=list(
            Introductie.objects.filter(
                kandidaat=kandidaat, status=IntroductieStatus.VOORGESTELD
            ).select_related("bestuur", "vacature__vestiging")
        ),
    )
    return context


def _introductie_label(status: str, zelf_gevraagd: bool) -> str:
    if zelf_gevraagd:
        return _("Introductie gevraagd")
    if status == IntroductieStatus.VOORGESTELD:
        return _("De school nodigt je uit: zie hierboven")
    if status == IntroductieStatus.GEACCEPTEERD:
        return _("Introductie geaccepteerd")
    return _("Uitnodiging afgewezen")


@require_safe
@role_required(Role.KANDIDAAT)
def mijn_vacatures(request):
    """The vacancies that fit the candidate best, why, and asking for an introduction; the
    neighbouring regions' when their own has nothing good; invitations from schools."""
    return render(request, MIJN_VACATURES, _mijn_vacatures_context(eigen_kandidaat(request.user)))


@require_POST
@role_required(Role.KANDIDAAT)
def mijn_vacature_introductie(request, pk):
    """The candidate asks to be introduced for a vacancy: accepted at once, since it is their
    own wish; the board's HR then sees their name and contact details."""
    kandidaat = eigen_kandidaat(request.user)
    if kandidaat is None:
        raise Http404
    vacature = get_object_or_404(
        Vacature.objects.visible_to(request.user).select_related("bestuur"), pk=pk
    )
    try:
        introductie_request(vacature=vacature, kandidaat=kandidaat, door=request.user)
    except ValidationError as error:
        fout = " ".join(error.messages)
        if request.htmx:
            return render(
                request, f"{MIJN_VACATURES}#gevraagd", {"vacature": vacature, "actie_fout": fout}
            )
        return render(
            request,
            MIJN_VACATURES,
            _mijn_vacatures_context(kandidaat, fout=fout),
            status=INVALID,
        )
    melding = _(
        "Je hebt een introductie gevraagd bij %(bestuur)s. HR van dit bestuur ziet nu je naam, "
        "contactgegevens en traject en neemt contact met je op."
    ) % {"bestuur": vacature.bestuur.naam}
    if request.htmx:
        vacature.gevraagd = _("Introductie gevraagd")
        return render(
            request,
            f"{MIJN_VACATURES}#gevraagd",
            {"vacature": vacature, "actie_melding": melding},
        )
    messages.success(request, melding)
    return redirect("kandidaten:mijn_vacatures")


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.KANDIDAAT)
def mijn_profiel(request):
    """The candidate keeps their matching profile: what they can teach and look for, where
    they live and how far they travel, hours and availability."""
    kandidaat = eigen_kandidaat(request.user)
    if kandidaat is None:
        return render(request, MIJN_PROFIEL, {"kandidaat": None})
    if request.method == "POST":
        form = ProfielForm(request.POST, instance=kandidaat)
        if form.is_valid():
            form.save()
            messages.success(
                request, _("Je profiel is opgeslagen. De passende vacatures zijn bijgewerkt.")
            )
            return redirect("kandidaten:mijn_profiel")
        return render(request, MIJN_PROFIEL, {"kandidaat": kandidaat, "form": form}, status=INVALID)
    return render(
        request, MIJN_PROFIEL, {"kandidaat": kandidaat, "form": ProfielForm(instance=kandidaat)}
    )
