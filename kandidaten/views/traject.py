"""The shared journey page of one candidate, and what each role may do on it.

The candidate, their adviser, the institute they were referred to and the boards they
accepted an introduction to all open this one page; KandidaatQuerySet.visible_to decides who
gets it at all (everyone else: 404) and journey.timeline_for what each of them sees of it.

Every action is a plain form (POST, then a redirect back with a message); with htmx the
journey section is replaced instead. Bad input or a move someone else made first comes back
with a Dutch message and changes nothing: status 422 for the whole page, 200 for htmx
(which does not swap 4xx responses by default).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from regio.access import role_required
from regio.models import Role

from ..forms import IntroductieForm, StapForm, ToelatingForm, VerwijzingForm
from ..journey import (
    Kijker,
    allowed_moves_for,
    display_name,
    kijker_for,
    sees_contact,
    sees_toelating,
    timeline_for,
    with_voor_pauze,
)
from ..models import Fase, IntroductieStatus, Kandidaat, Toelating
from ..services import (
    introductie_answer,
    introductie_propose,
    inzage_log,
    kandidaat_move_from,
    kandidaat_refer,
    kandidaat_take_over,
    toelating_record,
)

TRAJECT = "kandidaten/traject.html"
INVALID = 422
ALL_ROLES = tuple(Role)


def kandidaten_for(user):
    """The candidates `user` may see, with what the journey page and the board show of them."""
    return with_voor_pauze(
        Kandidaat.objects.visible_to(user).select_related("user", "regio", "adviseur", "opleiding")
    )


def _kandidaat_for(user, pk) -> Kandidaat:
    return get_object_or_404(kandidaten_for(user), pk=pk)


def is_adviseur_van(user, kandidaat: Kandidaat) -> bool:
    """The desk's actions belong to the advisers of the candidate's own region (an adviser of
    a region the candidate was referred to only reads along)."""
    return (
        user.role == Role.LOKETADVISEUR
        and user.regio_id == kandidaat.regio_id
        and kandidaat.gewist_op is None
    )


def is_opleider_van(user, kandidaat: Kandidaat) -> bool:
    return (
        user.role == Role.OPLEIDER
        and kandidaat.opleiding_id is not None
        and user.organisatie_id == kandidaat.opleiding_id
        and kandidaat.gewist_op is None
    )


def _adviseur_kandidaat(request, pk) -> Kandidaat:
    kandidaat = _kandidaat_for(request.user, pk)
    if not is_adviseur_van(request.user, kandidaat):
        raise Http404
    return kandidaat


def _stap_forms(kandidaat: Kandidaat, moves: list[str]) -> dict:
    forms = {}
    if any(fase not in (Fase.UITGEVALLEN, Fase.DOORVERWEZEN) for fase in moves):
        forms["stap_form"] = StapForm(kandidaat=kandidaat, variant="stap", moves=moves)
    if Fase.UITGEVALLEN in moves:
        forms["uitval_form"] = StapForm(kandidaat=kandidaat, variant="uitval")
    if Fase.DOORVERWEZEN in moves:
        forms["doorverwijzing_form"] = StapForm(kandidaat=kandidaat, variant="doorverwijzing")
    return forms


def _context(request, kandidaat: Kandidaat, **forms) -> dict:
    """Everything the page shows this user; bound forms (with errors) replace empty ones."""
    user = request.user
    kijker = kijker_for(kandidaat, user)
    gewist = kandidaat.gewist_op is not None
    context = {
        "kandidaat": kandidaat,
        "naam": display_name(kandidaat, kijker),
        "kijker": kijker,
        "toon_contact": sees_contact(kijker) and not gewist,
        "toon_toelating": sees_toelating(kijker),
        "tijdlijn": timeline_for(kandidaat, user),
        "als_adviseur": is_adviseur_van(user, kandidaat),
        "als_opleider": is_opleider_van(user, kandidaat),
        "als_kandidaat": kijker == Kijker.KANDIDAAT and not gewist,
    }
    if kijker in (Kijker.KANDIDAAT, Kijker.LOKET):
        context["introducties"] = list(kandidaat.introducties.select_related("bestuur"))
    if context["als_adviseur"]:
        moves = allowed_moves_for(kandidaat)
        context.update(_stap_forms(kandidaat, moves))
        context["verwijzing_form"] = VerwijzingForm(kandidaat=kandidaat)
        context["introductie_form"] = IntroductieForm(kandidaat=kandidaat)
    if context["als_opleider"]:
        context["toelating_form"] = ToelatingForm()
    context.update(forms)
    return context


def _render(request, kandidaat, *, status=200, **extra):
    inzage_log(user=request.user, kandidaat=kandidaat, wat="traject")
    template = f"{TRAJECT}#traject" if request.htmx else TRAJECT
    return render(request, template, _context(request, kandidaat, **extra), status=status)


@require_safe
@role_required(*ALL_ROLES)
def traject(request, pk):
    """The journey page: header, timeline, and the actions of the user's role."""
    return _render(request, _kandidaat_for(request.user, pk))


def _act(request, kandidaat, *, form, form_name, action, melding):
    """Run `action(cleaned_data)` (a service call) for a valid form and answer the request.

    A service's message about a field goes on that field; any other (a move no longer
    allowed, a form someone else overtook) is shown above the page with fresh forms, since
    the old form describes a state that is gone.
    """
    fout = ""
    if form.is_valid():
        try:
            resultaat = action(form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict") and all(f in form.fields for f in error.error_dict):
                for field, field_messages in error.message_dict.items():
                    form.add_error(field, field_messages)
            else:
                fout = " ".join(error.messages)
                form = None
        else:
            tekst = melding(resultaat) if callable(melding) else melding
            if not request.htmx:
                messages.success(request, tekst)
                return redirect("kandidaten:traject", pk=kandidaat.pk)
            fresh = kandidaten_for(request.user).filter(pk=kandidaat.pk).first()
            if fresh is None:  # the action took the candidate out of this user's sight
                response = redirect("dashboard")
                response["HX-Redirect"] = response.url
                return response
            return _render(request, fresh, melding=tekst)
    fresh = _kandidaat_for(request.user, kandidaat.pk)
    extra = {"fout": fout}
    if form is not None:
        extra[form_name] = form
    return _render(request, fresh, status=200 if request.htmx else INVALID, **extra)


@require_POST
@role_required(Role.LOKETADVISEUR)
def traject_stap(request, pk):
    """Move the candidate to another stage (a drop-out with a reason, a referral with an
    optional region); the form says from which stage, so a stale form changes nothing."""
    kandidaat = _adviseur_kandidaat(request, pk)
    variant = StapForm.variant_for(request.POST.get("naar"))
    form = StapForm(
        request.POST,
        kandidaat=kandidaat,
        variant=variant,
        moves=allowed_moves_for(kandidaat),
    )
    naam = display_name(kandidaat, Kijker.LOKET)
    return _act(
        request,
        kandidaat,
        form=form,
        form_name={"stap": "stap_form", "uitval": "uitval_form"}.get(
            variant, "doorverwijzing_form"
        ),
        action=lambda data: kandidaat_move_from(
            kandidaat=kandidaat,
            van=data["van"],
            naar=data["naar"],
            door=request.user,
            reden=data.get("reden"),
            naar_regio=data.get("naar_regio"),
            toelichting=data["toelichting"],
        ),
        melding=lambda event: (
            _("%(naam)s staat nu in de fase %(fase)s.")
            % {"naam": naam, "fase": Fase(event.naar).label}
        ),
    )


@require_POST
@role_required(Role.LOKETADVISEUR)
def traject_overnemen(request, pk):
    """The adviser takes the candidate over from a colleague (or picks up one without)."""
    kandidaat = _adviseur_kandidaat(request, pk)
    try:
        kandidaat_take_over(kandidaat=kandidaat, adviseur=request.user)
    except ValidationError as error:
        status = 200 if request.htmx else INVALID
        fresh = _kandidaat_for(request.user, pk)
        return _render(request, fresh, status=status, fout=" ".join(error.messages))
    melding = _("Je bent nu de adviseur van %(naam)s.") % {
        "naam": display_name(kandidaat, Kijker.LOKET)
    }
    if not request.htmx:
        messages.success(request, melding)
        return redirect("kandidaten:traject", pk=pk)
    return _render(request, _kandidaat_for(request.user, pk), melding=melding)


@require_POST
@role_required(Role.LOKETADVISEUR)
def traject_verwijzen(request, pk):
    """Refer the candidate to a teacher-training institute of the region, for a route."""
    kandidaat = _adviseur_kandidaat(request, pk)
    form = VerwijzingForm(request.POST, kandidaat=kandidaat)
    naam = display_name(kandidaat, Kijker.LOKET)
    return _act(
        request,
        kandidaat,
        form=form,
        form_name="verwijzing_form",
        action=lambda data: kandidaat_refer(
            kandidaat=kandidaat,
            route=data["route"],
            opleiding=data["opleiding"],
            door=request.user,
            toelichting=data["toelichting"],
        ),
        melding=lambda event: (
            _("%(naam)s is verwezen naar %(opleiding)s.")
            % {"naam": naam, "opleiding": form.cleaned_data["opleiding"].naam}
        ),
    )


@require_POST
@role_required(Role.LOKETADVISEUR)
def traject_introductie(request, pk):
    """Propose to introduce the candidate to a school board of the region."""
    kandidaat = _adviseur_kandidaat(request, pk)
    form = IntroductieForm(request.POST, kandidaat=kandidaat)
    naam = display_name(kandidaat, Kijker.LOKET)
    return _act(
        request,
        kandidaat,
        form=form,
        form_name="introductie_form",
        action=lambda data: introductie_propose(
            kandidaat=kandidaat, bestuur=data["bestuur"], door=request.user
        ),
        melding=lambda introductie: (
            _(
                "%(naam)s is voorgesteld aan %(bestuur)s. Het bestuur ziet de kandidaat pas als "
                "de kandidaat de introductie accepteert."
            )
            % {"naam": naam, "bestuur": introductie.bestuur.naam}
        ),
    )


@require_POST
@role_required(Role.KANDIDAAT)
def introductie_antwoord(request, pk, introductie_pk):
    """The candidate accepts or declines an introduction to a school board."""
    kandidaat = _kandidaat_for(request.user, pk)
    if kijker_for(kandidaat, request.user) != Kijker.KANDIDAAT:
        raise Http404
    introductie = get_object_or_404(
        kandidaat.introducties.select_related("bestuur"), pk=introductie_pk
    )
    antwoord = request.POST.get("antwoord")
    fout = ""
    if antwoord not in ("accepteren", "afwijzen"):
        fout = _("Kies of je de introductie accepteert of afwijst.")
    else:
        try:
            introductie_answer(
                introductie=introductie, door=request.user, accepteren=antwoord == "accepteren"
            )
        except ValidationError as error:
            fout = " ".join(error.messages)
    if not fout:
        if introductie.status == IntroductieStatus.GEACCEPTEERD:
            melding = _(
                "Je hebt de introductie bij %(bestuur)s geaccepteerd. HR van het bestuur kan "
                "nu je naam, contactgegevens en traject zien."
            ) % {"bestuur": introductie.bestuur.naam}
        else:
            melding = _("Je hebt de introductie bij %(bestuur)s afgewezen.") % {
                "bestuur": introductie.bestuur.naam
            }
        if not request.htmx:
            messages.success(request, melding)
            return redirect("kandidaten:traject", pk=pk)
        return _render(request, _kandidaat_for(request.user, pk), melding=melding)
    status = 200 if request.htmx else INVALID
    return _render(request, _kandidaat_for(request.user, pk), status=status, fout=fout)


@require_POST
@role_required(Role.OPLEIDER)
def traject_toelating(request, pk):
    """The institute's adviser records the admissibility outcome."""
    kandidaat = _kandidaat_for(request.user, pk)
    if not is_opleider_van(request.user, kandidaat):
        raise Http404
    form = ToelatingForm(request.POST)
    return _act(
        request,
        kandidaat,
        form=form,
        form_name="toelating_form",
        action=lambda data: toelating_record(
            kandidaat=kandidaat,
            toelating=data["toelating"],
            door=request.user,
            toelichting=data["toelichting"],
        ),
        melding=lambda event: (
            _("De uitkomst is vastgelegd: %(uitkomst)s.")
            % {"uitkomst": Toelating(form.cleaned_data["toelating"]).label}
        ),
    )
