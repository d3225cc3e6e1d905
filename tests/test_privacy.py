"""A candidate's own data: the export of everything we hold, erasure that leaves nothing
personal but keeps the anonymous journey, and retention after the procedure ends."""

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kandidaten.documenten import DocumentForm, document_add
from kandidaten.models import (
    EventSoort,
    Fase,
    Introductie,
    IntroductieStatus,
    Inzage,
    Kandidaat,
    RouteSoort,
    Shortlist,
    Sollicitatiestap,
    Toelating,
    TrajectEvent,
    Uitvalreden,
)
from kandidaten.services import event_record, kandidaat_move, kandidaat_refer, toelating_record
from loket import tasks
from loket.models import Aanmelding, Adviesslot, Boeking, Evenement, Gespreksvorm
from loket.services import privacy
from regio.models import User

from .factories import KandidaatFactory, UserFactory
from .factories_vacatures import VacatureFactory

PDF = b"%PDF-1.7\n%%EOF\n"


def add_document(kandidaat, naam="CV Kim Kandidaat.pdf"):
    form = DocumentForm(
        {"soort": "cv"},
        {"bestand": SimpleUploadedFile(naam, PDF, content_type="application/pdf")},
    )
    assert form.is_valid(), form.errors
    return document_add(kandidaat=kandidaat, soort="cv", upload=form.cleaned_data["bestand"])


def slot(adviseur, dagen):
    return Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        start=timezone.now() + timedelta(days=dagen),
        vorm=Gespreksvorm.TELEFOON,
    )


@pytest.fixture
def volledig(traject, adviseur, bestuur):
    """Candidate A with something of everything: a journey with notes, bookings with a
    question and notes, an event, a document, an introduction and a staff read."""
    traject.telefoon = "0612345678"
    traject.save(update_fields=["telefoon"])
    kandidaat_move(
        kandidaat=traject, naar=Fase.ADVIES, door=adviseur, toelichting="Kim werkt bij ASML"
    )
    event_record(
        kandidaat=traject,
        soort=EventSoort.GESPREK,
        door=adviseur,
        toelichting="Kim twijfelt tussen pabo en zij-instroom",
    )
    komend = Boeking.objects.create(
        slot=slot(adviseur, 5), kandidaat=traject, vraag="Ik heb een burn-out gehad, kan dat?"
    )
    voorbij = Boeking.objects.create(
        slot=slot(adviseur, -5),
        kandidaat=traject,
        vraag="Welke route past bij mij?",
        notities="Kim Kandidaat, 06-12345678, enthousiast",
        status=Boeking.Status.AFGEROND,
    )
    start = timezone.now() + timedelta(days=9)
    Aanmelding.objects.create(
        evenement=Evenement.objects.create(
            regio=traject.regio,
            titel="Informatieavond",
            start=start,
            eind=start + timedelta(hours=2),
            locatie="Hengelo",
            capaciteit=10,
        ),
        kandidaat=traject,
    )
    document = add_document(traject)
    Introductie.objects.create(
        kandidaat=traject, bestuur=bestuur, door=adviseur, status=IntroductieStatus.GEACCEPTEERD
    )
    Inzage.objects.create(door=adviseur, kandidaat=traject, wat=f"document: {document.naam}")
    return {"kandidaat": traject, "komend": komend, "voorbij": voorbij, "document": document}


# --- Export ----------------------------------------------------------------------------------


def test_the_export_holds_everything_we_keep(volledig):
    data = privacy.kandidaat_export(volledig["kandidaat"])

    json.dumps(data)  # plain JSON values only
    assert data["account"]["e-mailadres"] == "kandidaat@example.nl"
    assert data["account"]["e-mailadressen"] == [
        {"e-mailadres": "kandidaat@example.nl", "geverifieerd": True}
    ]
    assert data["profiel"]["telefoonnummer"] == "0612345678"
    assert data["profiel"]["fase"] == "Advies"
    assert data["toestemming"]["profiel_delen_met_scholen_in_mijn_regio"] is False
    notes = [regel["toelichting"] for regel in data["traject"]]
    assert "Kim werkt bij ASML" in notes
    assert "Kim twijfelt tussen pabo en zij-instroom" in notes
    assert [regel["wat"] for regel in data["traject"]][:2] == [
        "Aangemeld: Oriëntatie",
        "Van Oriëntatie naar Advies",
    ]
    vragen = {gesprek["vraag"] for gesprek in data["adviesgesprekken"]}
    assert vragen == {"Ik heb een burn-out gehad, kan dat?", "Welke route past bij mij?"}
    assert data["adviesgesprekken"][0]["notities_van_de_adviseur"].startswith("Kim Kandidaat")
    assert data["adviesgesprekken"][0]["adviseur"] == {
        "naam": "Ada Adviseur",
        "rol": "Loketadviseur",
    }
    assert data["bijeenkomsten"][0]["titel"] == "Informatieavond"
    assert data["documenten"] == [
        {
            "bestandsnaam": "CV Kim Kandidaat.pdf",
            "soort": "CV",
            "bestandstype": "application/pdf",
            "grootte_bytes": len(PDF),
            "geupload_op": data["documenten"][0]["geupload_op"],
        }
    ]
    assert data["introducties"][0]["schoolbestuur"] == "Stichting Tweede Kans"
    assert data["inzages"][0]["wat"] == "document: CV Kim Kandidaat.pdf"
    assert data["inzages"][0]["door"]["naam"] == "Ada Adviseur"


def test_export_dates_are_iso_8601(volledig):
    data = privacy.kandidaat_export(volledig["kandidaat"])
    moment = data["adviesgesprekken"][0]["moment"]
    assert datetime.fromisoformat(moment) == volledig["voorbij"].slot.start
    assert data["documenten"][0]["geupload_op"][:4].isdigit()


# --- Erasure ---------------------------------------------------------------------------------


def all_text_in_the_database() -> str:
    """Every text value in every table, to search for what must be gone."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def test_erasure_leaves_no_personal_data_but_keeps_the_anonymous_journey(
    volledig, adviseur, client, django_capture_on_commit_callbacks
):
    kandidaat = volledig["kandidaat"]
    user_pk = kandidaat.user_id
    stappen = list(kandidaat.events.values_list("soort", "van", "naar", "op", "door"))
    client.force_login(kandidaat.user)
    assert Session.objects.exists()
    file = Path(storages["private"].path(volledig["document"].bestand.name))
    assert file.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.kandidaat_erase(kandidaat, door=kandidaat.user) is True

    kandidaat.refresh_from_db()
    assert kandidaat.user is None and kandidaat.gewist_op is not None
    assert kandidaat.telefoon == ""
    assert not User.objects.filter(pk=user_pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_pk).exists()
    text = all_text_in_the_database()
    for personal in [
        "kandidaat@example.nl",
        "Kim Kandidaat",
        "0612345678",
        "06-12345678",
        "ASML",
        "twijfelt",
        "burn-out",
        "Welke route",
        "CV Kim",
    ]:
        assert personal not in text, personal
    assert not file.exists()
    assert not kandidaat.documenten.exists()
    # The anonymous journey stays, so past reports do not change.
    assert list(kandidaat.events.values_list("soort", "van", "naar", "op", "door")) == stappen
    assert set(kandidaat.events.values_list("toelichting", flat=True)) == {""}
    # The future booking is cancelled (the slot is free again); the past one stays, blank.
    komend = Boeking.objects.get(pk=volledig["komend"].pk)
    assert komend.status == Boeking.Status.GEANNULEERD
    assert Adviesslot.objects.bookable().filter(pk=komend.slot_id).exists()
    voorbij = Boeking.objects.get(pk=volledig["voorbij"].pk)
    assert (voorbij.status, voorbij.vraag, voorbij.notities) == (Boeking.Status.AFGEROND, "", "")
    assert not Aanmelding.objects.filter(status=Aanmelding.Status.AANGEMELD).exists()
    # Who read the record stays in the audit log, without the file name.
    assert list(Inzage.objects.values_list("door", "wat")) == [(adviseur.pk, "document")]
    assert str(kandidaat) == f"Kandidaat {kandidaat.pk} (gewist)"
    # The session of the erased account no longer logs anyone in.
    assert client.get(reverse("kandidaat_dashboard")).status_code == 302


def test_erasure_blanks_a_milestones_note_but_keeps_its_institute_route_and_outcome(
    traject, adviseur, opleiding, opleider
):
    kandidaat_refer(
        kandidaat=traject,
        route=RouteSoort.ZIJ_INSTROOM,
        opleiding=opleiding,
        door=adviseur,
        toelichting="Kim heeft een master natuurkunde",
    )
    toelating_record(
        kandidaat=traject,
        toelating=Toelating.MET_BAAN,
        door=opleider,
        toelichting="Kim was nerveus",
    )
    privacy.kandidaat_erase(traject)
    milestones = TrajectEvent.objects.filter(kandidaat=traject).exclude(soort=EventSoort.STAP)
    assert list(
        milestones.values_list("soort", "organisatie", "route", "toelating", "toelichting")
    ) == [
        (EventSoort.VERWIJZING, opleiding.pk, RouteSoort.ZIJ_INSTROOM, "", ""),
        (EventSoort.TOELATING, opleiding.pk, "", Toelating.MET_BAAN, ""),
    ]


def test_the_export_names_a_milestones_institute_route_and_outcome(
    traject, adviseur, opleiding, opleider
):
    kandidaat_refer(
        kandidaat=traject, route=RouteSoort.DEELTIJD_PABO, opleiding=opleiding, door=adviseur
    )
    toelating_record(kandidaat=traject, toelating=Toelating.UITSTEL, door=opleider)

    traject_export = privacy.kandidaat_export(traject)["traject"]

    verwijzing, toelating = traject_export[-2:]
    assert verwijzing["wat"] == "Verwezen naar Pabo Twente (Deeltijd pabo)"
    assert (verwijzing["organisatie"], verwijzing["route"], verwijzing["toelating"]) == (
        "Pabo Twente",
        "Deeltijd pabo",
        None,
    )
    assert (toelating["soort"], toelating["organisatie"], toelating["toelating"]) == (
        "Toelating",
        "Pabo Twente",
        "Toelaatbaar, maar stelt opleiding uit",
    )


def test_erasing_twice_does_nothing_the_second_time(traject):
    assert privacy.kandidaat_erase(traject) is True
    assert privacy.kandidaat_erase(traject) is False


def test_erasure_leaves_other_candidates_alone(volledig, ander_traject):
    ander_traject.telefoon = "0687654321"
    ander_traject.save(update_fields=["telefoon"])
    privacy.kandidaat_erase(volledig["kandidaat"])
    ander_traject.refresh_from_db()
    assert ander_traject.user.email == "kandidaat.b@example.nl"
    assert ander_traject.telefoon == "0687654321"


# --- Retention -------------------------------------------------------------------------------


@pytest.fixture
def reden(db):
    return Uitvalreden.objects.create(naam="Kiest voor een andere sector")


def ended(regio, *, dagen: int, bewaren: bool = False) -> Kandidaat:
    kandidaat = KandidaatFactory(regio=regio, user=UserFactory(), bewaren_na_afloop=bewaren)
    Kandidaat.objects.filter(pk=kandidaat.pk).update(
        fase=Fase.UITGEVALLEN, afgerond_op=timezone.now() - timedelta(days=dagen)
    )
    return kandidaat


def test_personal_data_goes_four_weeks_after_the_procedure_ends(regio):
    recent = ended(regio, dagen=27)
    oud = ended(regio, dagen=29)

    assert privacy.kandidaten_erase_expired() == 1

    recent.refresh_from_db()
    oud.refresh_from_db()
    assert recent.gewist_op is None and recent.user is not None
    assert oud.gewist_op is not None and oud.user is None


def test_with_consent_to_keep_it_goes_after_a_year_at_most(regio):
    elf_maanden = ended(regio, dagen=11 * 30, bewaren=True)
    dertien_maanden = ended(regio, dagen=13 * 30, bewaren=True)

    assert privacy.kandidaten_erase_expired() == 1

    elf_maanden.refresh_from_db()
    dertien_maanden.refresh_from_db()
    assert elf_maanden.gewist_op is None
    assert dertien_maanden.gewist_op is not None


def test_retention_counts_from_the_given_moment_and_is_idempotent(regio):
    kandidaat = ended(regio, dagen=0)
    later = timezone.now() + timedelta(days=29)

    assert privacy.kandidaten_erase_expired(now=timezone.now()) == 0
    assert privacy.kandidaten_erase_expired(now=later) == 1
    assert privacy.kandidaten_erase_expired(now=later) == 0
    kandidaat.refresh_from_db()
    assert kandidaat.gewist_op == later


def test_active_candidates_are_never_erased(regio, traject):
    Kandidaat.objects.filter(pk=traject.pk).update(
        aangemeld_op=timezone.now() - timedelta(days=900)
    )
    assert privacy.kandidaten_erase_expired() == 0


def test_dropping_out_starts_the_clock_and_restarting_stops_it(traject, adviseur, reden):
    kandidaat_move(kandidaat=traject, naar=Fase.UITGEVALLEN, door=adviseur, reden=reden)
    kandidaat_move(kandidaat=traject, naar=Fase.ORIENTATIE, door=adviseur)
    assert privacy.kandidaten_erase_expired(now=timezone.now() + timedelta(days=60)) == 0


def test_the_daily_task_erases_expired_candidates(regio):
    oud = ended(regio, dagen=40)
    assert tasks.erase_expired_kandidaten.delay().get() == 1
    oud.refresh_from_db()
    assert oud.gewist_op is not None


def test_erasure_also_removes_the_matching_profile_hr_notes_and_shortlists(traject, hr, bestuur):
    traject.postcode, traject.woonplaats, traject.vakgebied = "7511 AB", "Lonneker", "Astrofysica"
    traject.save()
    vacature = VacatureFactory(bestuur=bestuur)
    Shortlist.objects.create(vacature=vacature, kandidaat=traject, door=hr)
    Sollicitatiestap.objects.create(
        kandidaat=traject,
        vacature=vacature,
        soort="proefles",
        op=timezone.now(),
        notitie="Zenuwachtig maar sterk",
        door=hr,
    )

    privacy.kandidaat_erase(traject, door=traject.user)

    traject.refresh_from_db()
    assert (traject.postcode, traject.woonplaats, traject.lat, traject.lon) == ("", "", None, None)
    assert not Shortlist.objects.filter(kandidaat=traject).exists()
    assert Sollicitatiestap.objects.get(kandidaat=traject).notitie == ""
    text = all_text_in_the_database()
    for personal in ["Lonneker", "Astrofysica", "Zenuwachtig"]:
        assert personal not in text, personal
