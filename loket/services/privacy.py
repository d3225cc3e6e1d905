"""A candidate's own data: the export of everything we hold about them, erasing it on request,
and erasing it when the retention period after their procedure has passed.

Erasing keeps the anonymous candidate row and its stage events, so the region's figures for
past quarters stay the same; everything that says who the person is goes.
"""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import StrIndex, Substr
from django.utils import timezone

from kandidaten.documenten import documenten_delete
from kandidaten.journey import timeline_for
from kandidaten.models import (
    EventSoort,
    Inzage,
    Kandidaat,
    Shortlist,
    Sollicitatiestap,
    TrajectEvent,
)
from regio.models import Functie, Sector

from ..models import Aanmelding, Boeking

log = logging.getLogger(__name__)

# The Dutch data-protection authority's line for applicants: four weeks after the procedure
# ends, or at most a year when the candidate consented to keep their data.
BEWAARTERMIJN = timedelta(weeks=4)
BEWAARTERMIJN_MET_TOESTEMMING = timedelta(days=365)
# What an erased candidate keeps of the fields that were theirs: nothing personal, no consent.
GEWIST = {
    "telefoon": "",
    "postcode": "",
    "woonplaats": "",
    "lat": None,
    "lon": None,
    "vakgebied": "",
    "beschikbaar_vanaf": None,
    "deel_met_regio": False,
    "deel_met_buurregios": False,
    "bewaren_na_afloop": False,
    "herinneringen": False,
    "stil_sinds": None,
}


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _persoon(user):
    """A staff member as the candidate may know them: name and role, not their account."""
    if user is None:
        return None
    return {"naam": user.get_full_name(), "rol": user.get_role_display()}


def _account(user) -> dict | None:
    if user is None:
        return None
    return {
        "e-mailadres": user.email,
        "naam": user.naam,
        "aangemaakt_op": _iso(user.date_joined),
        "laatst_ingelogd_op": _iso(user.last_login),
        "e-mailadressen": [
            {"e-mailadres": address.email, "geverifieerd": address.verified}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }


def account_export(user) -> dict:
    """The export of someone who has an account but no journey yet (never booked)."""
    return {"export_gemaakt_op": _iso(timezone.now()), "account": _account(user)}


def kandidaat_export(kandidaat: Kandidaat) -> dict:
    """Everything we hold about a candidate, as plain JSON-ready values (dates in ISO 8601).

    The candidate's right of access: account, profile and consent, the whole timeline with
    its notes, bookings with their questions and the adviser's notes, event sign-ups, the
    documents' metadata (the files themselves they download one by one), introductions to
    school boards, and every time staff read their record.
    """
    kandidaat = Kandidaat.objects.select_related("user", "regio", "adviseur", "opleiding").get(
        pk=kandidaat.pk
    )
    boekingen = (
        Boeking.objects.filter(kandidaat=kandidaat)
        .select_related("slot__adviseur", "route")
        .order_by("slot__start", "pk")
    )
    aanmeldingen = (
        Aanmelding.objects.filter(kandidaat=kandidaat)
        .select_related("evenement")
        .order_by("evenement__start", "pk")
    )
    return {
        "export_gemaakt_op": _iso(timezone.now()),
        "account": _account(kandidaat.user),
        "profiel": {
            "regio": kandidaat.regio.naam,
            "telefoonnummer": kandidaat.telefoon,
            "aangemeld_op": _iso(kandidaat.aangemeld_op),
            "fase": kandidaat.get_fase_display(),
            "in_fase_sinds": _iso(kandidaat.fase_sinds),
            "adviseur": _persoon(kandidaat.adviseur),
            "gewenste_sectoren": [str(Sector(s).label) for s in kandidaat.sectoren],
            "gewenste_functies": [str(Functie(f).label) for f in kandidaat.functies],
            "vak": kandidaat.vak,
            "vakken": [vak.naam for vak in kandidaat.vakken.all()],
            "vooropleiding": kandidaat.get_vooropleiding_display(),
            "vakgebied": kandidaat.vakgebied,
            "postcode": kandidaat.postcode,
            "woonplaats": kandidaat.woonplaats,
            "maximale_reisafstand_km": kandidaat.max_afstand_km,
            "gewenste_fte": str(kandidaat.fte_gewenst) if kandidaat.fte_gewenst else None,
            "beschikbaar_vanaf": (
                kandidaat.beschikbaar_vanaf.isoformat() if kandidaat.beschikbaar_vanaf else None
            ),
            "route": kandidaat.get_route_display(),
            "opleiding": kandidaat.opleiding.naam if kandidaat.opleiding else None,
            "toelating": kandidaat.get_toelating_display(),
            "toelating_vastgelegd_op": _iso(kandidaat.toelating_op),
            "laatste_activiteit": _iso(kandidaat.laatste_activiteit),
            "stilgevallen_sinds": _iso(kandidaat.stil_sinds),
            "adviseur_herinnerd_op": _iso(kandidaat.adviseur_herinnerd_op),
            "kandidaat_herinnerd_op": _iso(kandidaat.kandidaat_herinnerd_op),
            "procedure_beeindigd_op": _iso(kandidaat.afgerond_op),
        },
        "toestemming": {
            "profiel_delen_met_scholen_in_mijn_regio": kandidaat.deel_met_regio,
            "profiel_delen_met_scholen_in_buurregios": kandidaat.deel_met_buurregios,
            "gegevens_bewaren_na_afloop": kandidaat.bewaren_na_afloop,
            "herinneringen_per_e-mail": kandidaat.herinneringen,
            "gewijzigd_op": _iso(kandidaat.toestemming_gewijzigd_op),
        },
        # The timeline as the candidate sees it on their journey page: every step and
        # milestone with its note, in words rather than codes.
        "traject": [
            {
                "op": _iso(regel.op),
                "soort": str(EventSoort(regel.soort).label),
                "wat": str(regel.titel),
                "door": regel.door or None,
                "reden": regel.reden or None,
                "doorverwezen_naar_regio": regel.naar_regio or None,
                "organisatie": regel.organisatie or None,
                "toelating": regel.toelating or None,
                "route": regel.route or None,
                "toelichting": regel.toelichting,
            }
            for regel in (timeline_for(kandidaat, kandidaat.user) if kandidaat.user else [])
        ],
        "adviesgesprekken": [
            {
                "moment": _iso(boeking.slot.start),
                "duur_minuten": boeking.slot.duur_minuten,
                "vorm": boeking.slot.get_vorm_display(),
                "locatie": boeking.slot.locatie,
                "adviseur": _persoon(boeking.slot.adviseur),
                "status": boeking.get_status_display(),
                "vraag": boeking.vraag,
                "belangstelling_voor_route": boeking.route.naam if boeking.route else None,
                "geboekt_op": _iso(boeking.geboekt_op),
                "toestemming_gegeven_op": _iso(boeking.toestemming_op),
                "geannuleerd_op": _iso(boeking.geannuleerd_op),
                "uitkomst": boeking.get_uitkomst_display(),
                "notities_van_de_adviseur": boeking.notities,
                "afgerond_op": _iso(boeking.afgerond_op),
            }
            for boeking in boekingen
        ],
        "bijeenkomsten": [
            {
                "titel": aanmelding.evenement.titel,
                "begint_om": _iso(aanmelding.evenement.start),
                "locatie": aanmelding.evenement.locatie,
                "status": aanmelding.get_status_display(),
                "aangemeld_op": _iso(aanmelding.aangemeld_op),
            }
            for aanmelding in aanmeldingen
        ],
        "documenten": [
            {
                "bestandsnaam": document.naam,
                "soort": document.get_soort_display(),
                "bestandstype": document.content_type,
                "grootte_bytes": document.grootte,
                "geupload_op": _iso(document.geupload_op),
            }
            for document in kandidaat.documenten.order_by("geupload_op", "pk")
        ],
        "introducties": [
            {
                "schoolbestuur": introductie.bestuur.naam,
                "status": introductie.get_status_display(),
                "voorgesteld_door": _persoon(introductie.door),
                "voorgesteld_op": _iso(introductie.voorgesteld_op),
                "beantwoord_op": _iso(introductie.beantwoord_op),
            }
            for introductie in kandidaat.introducties.select_related("bestuur", "door").order_by(
                "voorgesteld_op", "pk"
            )
        ],
        "inzages": [
            {"op": _iso(inzage.op), "door": _persoon(inzage.door), "wat": inzage.wat}
            for inzage in kandidaat.inzages.select_related("door").order_by("op", "pk")
        ],
    }


def kandidaat_erase(kandidaat: Kandidaat, door=None) -> bool:
    """Erase a candidate's personal data, keeping the anonymous journey. True if it erased,
    False if it had been erased already.

    `door` is who asked: the candidate themself, or None for the retention task.
    """
    with transaction.atomic():
        locked = Kandidaat.objects.select_for_update().filter(pk=kandidaat.pk).first()
        if locked is None or locked.gewist_op is not None:
            return False
        _erase(locked, now=timezone.now())
    if door is None:
        asked_by = "retention"
    elif door.pk == kandidaat.user_id:
        asked_by = "the candidate"
    else:
        asked_by = f"user {door.pk}"
    log.info("Erased the personal data of candidate %s (asked by %s)", kandidaat.pk, asked_by)
    kandidaat.gewist_op, kandidaat.user = locked.gewist_op, None
    return True


def account_erase(user) -> None:
    """Erase the account of someone without a journey (registered, never booked)."""
    with transaction.atomic():
        user.delete()


def kandidaat_toestemming_update(
    kandidaat: Kandidaat,
    *,
    deel_met_regio: bool,
    deel_met_buurregios: bool,
    bewaren_na_afloop: bool,
    herinneringen: bool,
) -> bool:
    """Record the candidate's consent; it takes effect at once for every page and task that
    reads it. True if anything changed (and so the moment of change is recorded).

    Sharing with neighbouring regions only counts together with sharing in one's own region.
    Only these fields are written, so a follow-up task updating the same row is not undone.
    """
    values = {
        "deel_met_regio": deel_met_regio,
        "deel_met_buurregios": deel_met_buurregios and deel_met_regio,
        "bewaren_na_afloop": bewaren_na_afloop,
        "herinneringen": herinneringen,
    }
    changed = (
        Kandidaat.objects.filter(pk=kandidaat.pk)
        .exclude(**values)
        .update(**values, toestemming_gewijzigd_op=timezone.now())
    )
    kandidaat.refresh_from_db(fields=[*values, "toestemming_gewijzigd_op"])
    return bool(changed)


def _erase(kandidaat: Kandidaat, *, now) -> None:
    """Erase within the caller's transaction; the candidate row is locked by the caller."""
    # Future appointments are cancelled, so the slots and places are free for others.
    Boeking.objects.filter(
        kandidaat=kandidaat, status=Boeking.Status.GEBOEKT, slot__start__gt=now
    ).update(status=Boeking.Status.GEANNULEERD, geannuleerd_op=now)
    Aanmelding.objects.filter(
        kandidaat=kandidaat, status=Aanmelding.Status.AANGEMELD, evenement__start__gt=now
    ).update(status=Aanmelding.Status.AFGEMELD)
    # Free text may name the person or their circumstances; the bookings themselves stay
    # for the region's figures.
    Boeking.objects.filter(kandidaat=kandidaat).update(vraag="", notities="")
    # The timeline is append-only, and this is the one sanctioned exception: the right to
    # erasure outranks it, so its notes are blanked with a queryset update (TrajectEvent.save
    # refuses changes). Who moved the candidate, when and where to stays, and so do a
    # milestone's institute or board, outcome and route (fields, not personal data), so past
    # reports do not change.
    TrajectEvent.objects.filter(kandidaat=kandidaat).exclude(toelichting="").update(toelichting="")
    # The audit log stays (who read the record, when) but loses what would identify the
    # person, such as a document's file name after "document:".
    Inzage.objects.filter(kandidaat=kandidaat, wat__contains=":").update(
        wat=Substr("wat", 1, StrIndex("wat", Value(":")) - 1)
    )
    # HR's notes on interviews and trial lessons, and its shortlists: the appointment and the
    # dated steps stay for the figures.
    Sollicitatiestap.objects.filter(kandidaat=kandidaat).exclude(notitie="").update(notitie="")
    Shortlist.objects.filter(kandidaat=kandidaat).delete()
    documenten_delete(kandidaat.documenten.all())
    Kandidaat.objects.filter(pk=kandidaat.pk).update(**GEWIST, gewist_op=now)
    if kandidaat.user_id is not None:
        # Deleting the account takes its e-mail addresses and authenticators with it
        # (cascade) and empties Kandidaat.user (SET_NULL); its sessions no longer log anyone
        # in, since their user is gone.
        kandidaat.user.delete()
    kandidaat.gewist_op = now


def _expired(now):
    return Kandidaat.objects.filter(gewist_op__isnull=True, afgerond_op__isnull=False).filter(
        Q(bewaren_na_afloop=False, afgerond_op__lte=now - BEWAARTERMIJN)
        | Q(bewaren_na_afloop=True, afgerond_op__lte=now - BEWAARTERMIJN_MET_TOESTEMMING)
    )


def kandidaten_erase_expired(now=None) -> int:
    """Erase everyone whose retention period after their procedure ended has passed; returns
    how many were erased. Idempotent: erased candidates no longer match.

    Each candidate is erased in its own transaction and re-checked under its lock, so a
    candidate who restarted meanwhile, or whom a parallel run took, is left alone.
    """
    now = now or timezone.now()
    erased = 0
    for pk in list(_expired(now).values_list("pk", flat=True)):
        with transaction.atomic():
            locked = _expired(now).select_for_update(skip_locked=True).filter(pk=pk).first()
            if locked is None:
                continue
            _erase(locked, now=now)
        erased += 1
    if erased:
        log.info("Retention: erased the personal data of %s candidates", erased)
    return erased
