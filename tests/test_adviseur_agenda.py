"""The adviser's side: the calendar, publishing availability, and a conversation's outcome
moving the candidate's journey; each only within the adviser's own region."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import EventSoort, Fase, RouteSoort, Uitvalreden
from kandidaten.services import kandidaat_move
from loket.models import Adviesslot, Boeking, Gespreksvorm, GesprekUitkomst
from loket.services.advies import boeking_create, boeking_record_outcome, boeking_token

from .factories import OrganisatieFactory, UserFactory


def make_slot(adviseur, days=2, **fields):
    fields.setdefault("vorm", Gespreksvorm.VIDEO)
    return Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        start=timezone.now() + timedelta(days=days),
        **fields,
    )


def booked(adviseur, days=2, email=None, vraag="Welke route past bij mij?", **fields):
    """A booking made the public way; days < 0 means the conversation has taken place."""
    slot = make_slot(adviseur, days=max(days, 1), **fields)
    boeking, _ = boeking_create(
        slot=slot,
        naam="Noor Nieuw",
        email=email or f"kandidaat{slot.pk}@example.nl",
        telefoon="06 12345678",
        vraag=vraag,
    )
    if days < 1:
        Adviesslot.objects.filter(pk=slot.pk).update(start=timezone.now() + timedelta(days=days))
        boeking.slot.refresh_from_db()
    return boeking


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def adviseur_client(client, adviseur):
    client.force_login(adviseur)
    return client


# --- The calendar --------------------------------------------------------------------------


def test_the_calendar_shows_todays_and_coming_conversations_of_this_adviser(
    adviseur_client, adviseur, adviseur_elders, regio
):
    vandaag = booked(adviseur, days=0, vraag="Vandaag bellen?")
    Adviesslot.objects.filter(pk=vandaag.slot_id).update(
        start=timezone.localtime().replace(hour=23, minute=50)
    )
    later = booked(adviseur, days=3, vraag="Over drie dagen")
    collega = UserFactory(role="loketadviseur", regio=regio)
    van_collega = booked(collega, days=3, vraag="Bij mijn collega")
    elders = booked(adviseur_elders, days=3, vraag="In Rotterdam")
    open_gesprek = booked(adviseur, days=-2, vraag="Al geweest")

    page = text(adviseur_client.get(reverse("adviseur_dashboard")))

    assert "Vandaag, " in page
    for boeking in (vandaag, later):
        assert reverse("adviseur_gesprek", args=[boeking.pk]) in page
    assert "Over drie dagen" in page and "Videogesprek" in page
    assert "Bij mijn collega" not in page
    assert reverse("adviseur_gesprek", args=[van_collega.pk]) not in page
    assert "In Rotterdam" not in page
    assert reverse("adviseur_gesprek", args=[elders.pk]) not in page
    assert "Uitkomst nog vastleggen" in page
    assert reverse("adviseur_gesprek", args=[open_gesprek.pk]) in page
    # The region figures the dashboard always had.
    assert "Partners van Onderwijsregio Twente" in page
    assert reverse("kandidaten:traject", args=[later.kandidaat_id]) in page


def test_the_calendar_needs_the_same_queries_for_3_or_30_conversations(
    adviseur_client, adviseur, django_assert_max_num_queries
):
    def conversations(n):
        Boeking.objects.all().delete()
        for i in range(n):
            booked(adviseur, days=1 + i)
            booked(adviseur, days=-1 - i)

    conversations(3)
    with django_assert_max_num_queries(20) as small:
        adviseur_client.get(reverse("adviseur_dashboard"))
    conversations(30)
    with django_assert_max_num_queries(len(small)):
        response = adviseur_client.get(reverse("adviseur_dashboard"))
    assert text(response).count('<th scope="row">') == 25  # one page


# --- Availability --------------------------------------------------------------------------


def publish(client, **fields):
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "datum": day.isoformat(),
        "tijd": "10:00",
        "duur_minuten": 45,
        "vorm": "video",
        "locatie": "",
        "weken": 1,
        **fields,
    }
    return client.post(reverse("adviseur_beschikbaarheid"), data, follow=True)


def test_an_adviser_publishes_a_single_slot_and_a_weekly_series(adviseur_client, adviseur):
    response = publish(adviseur_client)
    assert "1 moment gepubliceerd." in text(response)
    response = publish(adviseur_client, tijd="14:00", weken=4, vorm="locatie", locatie="Stadhuis")
    assert "4 momenten gepubliceerd." in text(response)

    slots = Adviesslot.objects.filter(adviseur=adviseur)
    assert slots.count() == 5
    assert slots.filter(reeks__isnull=False).values("reeks").distinct().count() == 1
    assert "Stadhuis" in text(response)
    assert "wekelijks" in text(response)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"vorm": "locatie"}, "Vul het adres in voor een gesprek op locatie."),
        ({"datum": "2020-01-01"}, "Kies een moment in de toekomst."),
        ({"weken": 99}, "Zorg ervoor dat deze waarde hoogstens 26 is."),
        ({"duur_minuten": 500}, "Zorg ervoor dat deze waarde hoogstens 240 is."),
        ({"datum": "morgen"}, "Voer een geldige datum in."),
    ],
)
def test_bad_availability_gets_a_dutch_message(adviseur_client, fields, message):
    response = publish(adviseur_client, **fields)
    assert message in text(response)
    assert not Adviesslot.objects.exists()


def test_an_overlap_is_refused_on_the_page(adviseur_client):
    publish(adviseur_client)
    response = publish(adviseur_client, tijd="10:30")
    assert "Dit overlapt met je moment van" in text(response)
    assert Adviesslot.objects.count() == 1


def test_withdrawing_a_free_slot_and_refusing_a_booked_one(adviseur_client, adviseur):
    vrij = make_slot(adviseur)
    boeking = booked(adviseur, days=3)

    response = adviseur_client.post(reverse("adviseur_slot_intrekken", args=[vrij.pk]), follow=True)
    assert "1 moment ingetrokken." in text(response)
    response = adviseur_client.post(
        reverse("adviseur_slot_intrekken", args=[boeking.slot_id]), follow=True
    )
    assert "is geboekt en blijft staan. Annuleer eerst het gesprek" in text(response)

    vrij.refresh_from_db()
    boeking.slot.refresh_from_db()
    assert vrij.geannuleerd and not boeking.slot.geannuleerd
    assert Boeking.objects.get().status == Boeking.Status.GEBOEKT


def test_the_availability_page_links_a_booked_slot_to_its_conversation(adviseur_client, adviseur):
    vrij = make_slot(adviseur)
    boeking = booked(adviseur, days=3)

    page = text(adviseur_client.get(reverse("adviseur_beschikbaarheid")))

    assert "Geboekt" in page and "Naar het gesprek" in page
    assert reverse("adviseur_gesprek", args=[boeking.pk]) in page
    assert reverse("adviseur_slot_intrekken", args=[vrij.pk]) in page
    assert reverse("adviseur_slot_intrekken", args=[boeking.slot_id]) not in page


def test_withdrawing_the_rest_of_a_series_from_the_page(adviseur_client, adviseur):
    publish(adviseur_client, weken=3)
    first, second, _third = Adviesslot.objects.order_by("start")
    response = adviseur_client.post(
        reverse("adviseur_slot_intrekken", args=[second.pk]), {"reeks": "1"}, follow=True
    )
    assert "2 momenten ingetrokken." in text(response)
    assert list(Adviesslot.objects.filter(geannuleerd=False)) == [first]


def test_an_adviser_cannot_withdraw_someone_elses_slot(adviseur_client, adviseur_elders, regio):
    collega = UserFactory(role="loketadviseur", regio=regio)
    for other in (make_slot(adviseur_elders), make_slot(collega)):
        response = adviseur_client.post(reverse("adviseur_slot_intrekken", args=[other.pk]))
        assert response.status_code == 404
        other.refresh_from_db()
        assert not other.geannuleerd


def test_the_availability_page_needs_the_same_queries_for_3_or_30_slots(
    adviseur_client, adviseur, django_assert_max_num_queries
):
    def slots(n):
        Boeking.objects.all().delete()
        Adviesslot.objects.all().delete()
        for i in range(n):
            make_slot(adviseur, days=1 + i)
        booked(adviseur, days=n + 2)

    slots(3)
    with django_assert_max_num_queries(20) as small:
        adviseur_client.get(reverse("adviseur_beschikbaarheid"))
    slots(30)
    with django_assert_max_num_queries(len(small)):
        adviseur_client.get(reverse("adviseur_beschikbaarheid"))


# --- Scoping -------------------------------------------------------------------------------


ADVISER_PAGES = [
    ("adviseur_dashboard", False),
    ("adviseur_beschikbaarheid", False),
    ("adviseur_gesprek", True),
]


@pytest.mark.parametrize(
    "persona", ["kandidaat", "hr", "opleider", "projectleider", "beheerder"], indirect=True
)
@pytest.mark.parametrize(("name", "with_pk"), ADVISER_PAGES)
def test_other_roles_get_404_on_adviser_pages(client, adviseur, persona, name, with_pk):
    boeking = booked(adviseur)
    client.force_login(persona)
    response = client.get(reverse(name, args=[boeking.pk] if with_pk else []))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["adviseur_gesprek", "adviseur_gesprek_annuleren"], ids=["page", "cancel"]
)
def test_an_adviser_of_another_region_gets_404_for_a_conversation(
    client, adviseur, adviseur_elders, name
):
    boeking = booked(adviseur)
    client.force_login(adviseur_elders)
    assert client.get(reverse("adviseur_gesprek", args=[boeking.pk])).status_code == 404
    response = client.post(reverse(name, args=[boeking.pk]), {"uitkomst": "niet_verschenen"})
    assert response.status_code == 404
    assert Boeking.objects.get().status == Boeking.Status.GEBOEKT


def test_a_colleague_in_the_region_may_open_and_finish_the_conversation(client, adviseur, regio):
    boeking = booked(adviseur, days=-1)
    collega = UserFactory(role="loketadviseur", regio=regio)
    client.force_login(collega)
    response = client.post(
        reverse("adviseur_gesprek", args=[boeking.pk]),
        {"uitkomst": GesprekUitkomst.VERDER_ORIENTEREN},
        follow=True,
    )
    assert "De uitkomst van het gesprek is vastgelegd." in text(response)


# --- The conversation page and its outcome -------------------------------------------------


def test_the_conversation_page_shows_the_candidate_and_escapes_their_question(
    adviseur_client, adviseur
):
    boeking = booked(adviseur, days=2, vraag='<script>alert("x")</script>\nTweede regel')
    page = text(adviseur_client.get(reverse("adviseur_gesprek", args=[boeking.pk])))

    assert "Adviesgesprek met Noor Nieuw" in page
    assert boeking.kandidaat.user.email in page
    assert "06 12345678" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Tweede regel" in page
    assert "<script>alert" not in page
    # Before the conversation: it can be cancelled, its outcome cannot be recorded yet.
    assert "Gesprek annuleren" in page
    assert "Uitkomst vastleggen" not in page
    assert boeking.kandidaat.inzages.filter(door=adviser_of(boeking)).exists()


def adviser_of(boeking):
    return boeking.slot.adviseur


def record(client, boeking, **data):
    return client.post(reverse("adviseur_gesprek", args=[boeking.pk]), data, follow=True)


def test_route_chosen_moves_the_candidate_to_route_and_admission(adviseur_client, adviseur, regio):
    opleiding = OrganisatieFactory(opleiding=True, regio=regio, naam="Pabo Enschede")
    boeking = booked(adviseur, days=-1)
    kandidaat = boeking.kandidaat
    assert kandidaat.adviseur is None

    response = record(
        adviseur_client,
        boeking,
        uitkomst=GesprekUitkomst.ROUTE_GEKOZEN,
        route=RouteSoort.DEELTIJD_PABO,
        opleiding=opleiding.pk,
        notities="Wil graag in het po; heeft een hbo-diploma.",
    )

    assert "De uitkomst van het gesprek is vastgelegd." in text(response)
    assert "Wil graag in het po" in text(response)
    boeking.refresh_from_db()
    kandidaat.refresh_from_db()
    assert boeking.status == Boeking.Status.AFGEROND
    assert boeking.uitkomst == GesprekUitkomst.ROUTE_GEKOZEN
    assert boeking.afgerond_op is not None
    assert kandidaat.fase == Fase.ROUTE_TOELATING
    assert (kandidaat.route, kandidaat.opleiding) == (RouteSoort.DEELTIJD_PABO, opleiding)
    assert kandidaat.adviseur == adviseur
    assert kandidaat.events.filter(naar=Fase.ROUTE_TOELATING, soort=EventSoort.STAP).exists()


def test_further_orientation_and_no_show_keep_the_stage(adviseur_client, adviseur):
    for uitkomst in (GesprekUitkomst.VERDER_ORIENTEREN, GesprekUitkomst.NIET_VERSCHENEN):
        boeking = booked(adviseur, days=-1)
        record(adviseur_client, boeking, uitkomst=uitkomst)
        boeking.kandidaat.refresh_from_db()
        assert boeking.kandidaat.fase == Fase.ADVIES
        last = boeking.kandidaat.events.last()
        assert (last.soort, last.van, last.naar) == (EventSoort.GESPREK, Fase.ADVIES, Fase.ADVIES)
        assert str(GesprekUitkomst(uitkomst).label) in last.toelichting


def test_a_referral_names_the_other_region(adviseur_client, adviseur, andere_regio):
    boeking = booked(adviseur, days=-1)
    record(
        adviseur_client, boeking, uitkomst=GesprekUitkomst.DOORVERWEZEN, naar_regio=andere_regio.pk
    )
    boeking.kandidaat.refresh_from_db()
    assert boeking.kandidaat.fase == Fase.DOORVERWEZEN
    assert boeking.kandidaat.events.last().naar_regio == andere_regio


def test_no_follow_up_needs_an_active_reason(adviseur_client, adviseur):
    boeking = booked(adviseur, days=-1)
    response = record(adviseur_client, boeking, uitkomst=GesprekUitkomst.GEEN_VERVOLG)
    assert "Kies een reden waarom de kandidaat stopt." in text(response)
    assert Boeking.objects.get().status == Boeking.Status.GEBOEKT

    reden = Uitvalreden.objects.filter(actief=True).first()
    record(adviseur_client, boeking, uitkomst=GesprekUitkomst.GEEN_VERVOLG, reden=reden.pk)
    boeking.kandidaat.refresh_from_db()
    assert boeking.kandidaat.fase == Fase.UITGEVALLEN
    assert boeking.kandidaat.events.last().reden == reden


def test_route_chosen_needs_a_route_and_an_institute_of_the_region(
    adviseur_client, adviseur, opleiding, andere_opleiding
):
    boeking = booked(adviseur, days=-1)
    zonder_route = record(
        adviseur_client, boeking, uitkomst=GesprekUitkomst.ROUTE_GEKOZEN, opleiding=opleiding.pk
    )
    assert "Kies de route die de kandidaat gaat volgen." in text(zonder_route)
    elders = record(
        adviseur_client,
        boeking,
        uitkomst=GesprekUitkomst.ROUTE_GEKOZEN,
        route=RouteSoort.DEELTIJD_PABO,
        opleiding=andere_opleiding.pk,
    )
    # Another region's institute is not among the choices.
    assert "Selecteer een geldige keuze" in text(elders)
    assert Boeking.objects.get().status == Boeking.Status.GEBOEKT
    boeking.kandidaat.refresh_from_db()
    assert boeking.kandidaat.fase == Fase.ADVIES


def test_a_move_the_journey_does_not_allow_changes_nothing(
    adviseur_client, adviseur, regio, opleiding
):
    boeking = booked(adviseur, days=-1)
    kandidaat = boeking.kandidaat
    # Someone put the candidate back to orientation since: route & toelating is two steps on.
    kandidaat_move(kandidaat=kandidaat, naar=Fase.ORIENTATIE, door=adviseur)
    events = kandidaat.events.count()

    response = record(
        adviseur_client,
        boeking,
        uitkomst=GesprekUitkomst.ROUTE_GEKOZEN,
        route=RouteSoort.DEELTIJD_PABO,
        opleiding=opleiding.pk,
        notities="Mag niet blijven staan",
    )

    assert "Van Oriëntatie naar Route &amp; toelating is geen toegestane stap." in text(response)
    boeking.refresh_from_db()
    kandidaat.refresh_from_db()
    assert (boeking.status, boeking.uitkomst, boeking.notities) == (Boeking.Status.GEBOEKT, "", "")
    assert (kandidaat.fase, kandidaat.route, kandidaat.opleiding) == (Fase.ORIENTATIE, "", None)
    assert kandidaat.adviseur is None
    assert kandidaat.events.count() == events


def test_an_outcome_is_recorded_once_and_only_after_the_conversation_started(adviseur):
    boeking = booked(adviseur, days=2)
    with pytest.raises(Exception, match="nadat het gesprek is begonnen"):
        boeking_record_outcome(boeking, GesprekUitkomst.NIET_VERSCHENEN, "", adviseur)
    Adviesslot.objects.filter(pk=boeking.slot_id).update(start=timezone.now())
    boeking_record_outcome(boeking, GesprekUitkomst.NIET_VERSCHENEN, "", adviseur)
    with pytest.raises(Exception, match="al vastgelegd"):
        boeking_record_outcome(boeking, GesprekUitkomst.VERDER_ORIENTEREN, "", adviseur)


def test_notes_stay_inside_the_desk(client, adviseur):
    boeking = booked(adviseur, days=-1)
    boeking_record_outcome(boeking, GesprekUitkomst.VERDER_ORIENTEREN, "Intern: twijfelt", adviseur)
    page = text(client.get(reverse("advies_beheren", kwargs={"token": boeking_token(boeking)})))
    assert "Intern: twijfelt" not in page
    assert "is al geweest" in page


def test_the_adviser_cancels_a_coming_conversation_and_the_candidate_is_told(
    adviseur_client, adviseur, django_capture_on_commit_callbacks, mailoutbox
):
    boeking = booked(adviseur, days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = adviseur_client.post(
            reverse("adviseur_gesprek_annuleren", args=[boeking.pk]), follow=True
        )
    assert "Het gesprek is geannuleerd; de kandidaat krijgt daarover een e-mail." in text(response)
    boeking.refresh_from_db()
    assert boeking.status == Boeking.Status.GEANNULEERD
    assert Adviesslot.objects.bookable().filter(pk=boeking.slot_id).exists()
    (mail,) = mailoutbox
    assert "het loket heeft het geannuleerd" in mail.body
    assert boeking.kandidaat.events.last().door == adviseur
