"""The public booking pages: free slots per region, the booking form, and the signed link
to cancel or reschedule without logging in."""

import re
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar

from kandidaten.models import Fase, Kandidaat, RouteSoort
from loket.models import Adviesslot, Boeking, Gespreksvorm, Route
from loket.services.advies import boeking_create, boeking_from_token, boeking_token
from regio.models import User

from .factories import UserFactory

GOED = {
    "naam": "Noor Nieuw",
    "email": "noor@example.nl",
    "telefoon": "06 12345678",
    "vraag": "Kan ik naast mijn baan de pabo doen?",
    "toestemming": "on",
}


def make_slot(adviseur, days=2, **fields):
    fields.setdefault("vorm", Gespreksvorm.VIDEO)
    return Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        start=timezone.now() + timedelta(days=days),
        **fields,
    )


def booking_url(slot, **query):
    url = reverse("advies_moment", args=[slot.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def route(db):
    return Route.objects.create(
        naam="Zij-instroom in het po (test)",
        slug="test-zij-instroom-po",
        soort=RouteSoort.ZIJ_INSTROOM,
        samenvatting="Leraar worden terwijl je al werkt.",
        voor_wie="Hbo-opgeleiden",
        duur="Twee jaar",
        studielast="Een dag per week",
        kosten="Subsidie voor de werkgever",
    )


# --- The list of free slots ----------------------------------------------------------------


def test_the_list_shows_the_regions_free_slots_per_day(client, adviseur, adviseur_elders, regio):
    vrij = make_slot(adviseur, days=2, vorm=Gespreksvorm.TELEFOON)
    make_slot(adviseur, days=2, geannuleerd=True)
    bezet = make_slot(adviseur, days=3)
    boeking_create(slot=bezet, naam="X", email="x@example.nl", telefoon="0612345678")
    make_slot(adviseur, days=-1)
    elders = make_slot(adviseur_elders, days=2)

    response = client.get(reverse("advies_boeken"), {"regio": regio.slug})

    page = text(response)
    assert "Vrije momenten bij het loket van Onderwijsregio Twente" in page
    with translation.override("nl"):
        dag = formats.date_format(timezone.localtime(vrij.start), "l j F")
    assert f">{dag}</h2>" in page
    assert booking_url(vrij) in page
    assert booking_url(bezet) not in page
    assert booking_url(elders) not in page
    assert page.count('class="advies-moment"') == 1
    assert "Telefonisch, 45 minuten" in page


def test_without_a_region_the_page_asks_for_one(client, adviseur):
    make_slot(adviseur)
    response = client.get(reverse("advies_boeken"))
    assert "Kies hierboven de regio" in text(response)
    assert 'class="advies-moment"' not in text(response)


def test_a_logged_in_candidate_sees_their_own_regions_slots(client, traject, adviseur):
    slot = make_slot(adviseur)
    client.force_login(traject.user)
    response = client.get(reverse("advies_boeken"))
    assert booking_url(slot) in text(response)


def test_the_list_filters_by_kind_and_htmx_gets_only_the_list(client, adviseur, regio):
    telefoon = make_slot(adviseur, days=2, vorm=Gespreksvorm.TELEFOON)
    video = make_slot(adviseur, days=3, vorm=Gespreksvorm.VIDEO)

    response = client.get(
        reverse("advies_boeken"), {"regio": regio.slug, "vorm": "video"}, HTTP_HX_REQUEST="true"
    )

    page = text(response)
    assert page.lstrip().startswith('<div id="momenten"')
    assert "<html" not in page
    assert booking_url(video) in page
    assert booking_url(telefoon) not in page


def test_slots_further_ahead_come_with_more(client, adviseur, regio):
    dichtbij = make_slot(adviseur, days=3)
    ver = make_slot(adviseur, days=40)

    first = text(client.get(reverse("advies_boeken"), {"regio": regio.slug}))
    assert booking_url(dichtbij) in first
    assert booking_url(ver) not in first
    assert "Toon momenten verder vooruit" in first

    more = text(client.get(reverse("advies_boeken"), {"regio": regio.slug, "weken": 8}))
    assert booking_url(ver) in more


def test_bad_filter_values_are_ignored(client, adviseur, regio):
    slot = make_slot(adviseur)
    response = client.get(
        reverse("advies_boeken"), {"regio": regio.slug, "vorm": "<b>", "weken": "veel"}
    )
    assert response.status_code == 200
    assert booking_url(slot) in text(response)


def test_a_route_from_the_catalogue_is_carried_to_the_booking(client, adviseur, regio, route):
    slot = make_slot(adviseur)
    response = client.get(reverse("advies_boeken"), {"regio": regio.slug, "route": route.slug})
    assert "Je belangstelling: <strong>Zij-instroom in het po (test)</strong>" in text(response)
    assert booking_url(slot, route=route.slug) in text(response)


def test_the_slot_list_needs_the_same_queries_for_3_or_30_slots(
    client, adviseur, regio, django_assert_max_num_queries
):
    def slots(n):
        Adviesslot.objects.all().delete()
        for i in range(n):
            make_slot(adviseur, days=1 + i % 20, vorm=Gespreksvorm.VIDEO)

    slots(3)
    with django_assert_max_num_queries(4):
        client.get(reverse("advies_boeken"), {"regio": regio.slug})
    slots(30)
    with django_assert_max_num_queries(4) as captured:
        response = client.get(reverse("advies_boeken"), {"regio": regio.slug})
    assert text(response).count('class="advies-moment"') == 30
    assert len(captured) == 4


# --- Booking a slot ------------------------------------------------------------------------


def test_booking_sends_a_confirmation_with_invitation_and_a_login_hint(
    client, adviseur, regio, route, django_capture_on_commit_callbacks, mailoutbox
):
    slot = make_slot(adviseur)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(booking_url(slot), {**GOED, "route": route.slug}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("advies_geboekt")
    assert "Je adviesgesprek is geboekt" in text(response)
    boeking = Boeking.objects.get()
    assert boeking.route == route
    assert boeking.vraag == GOED["vraag"]
    assert boeking.kandidaat.telefoon == "06 12345678"
    assert boeking.kandidaat.fase == Fase.ADVIES

    (mail,) = mailoutbox
    assert mail.to == ["noor@example.nl"]
    assert mail.subject.startswith("[Onderwijsloket] Je adviesgesprek op ")
    assert "Beste Noor," in mail.body
    assert "/advies/beheren/" in mail.body
    assert "/account/login/" in mail.body
    assert "code toegestuurd" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert "Afspraak verzetten of annuleren" in html
    name, ics, ics_type = mail.attachments[0]
    assert (name, ics_type) == ("adviesgesprek.ics", "text/calendar; method=REQUEST")
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("DTSTART") == slot.start.replace(microsecond=0)


def test_a_logged_in_candidate_books_with_their_own_address(client, traject, adviseur):
    slot = make_slot(adviseur)
    client.force_login(traject.user)
    assert 'value="kandidaat@example.nl"' in text(client.get(booking_url(slot)))

    client.post(booking_url(slot), {**GOED, "email": "iemand.anders@example.nl"})

    assert Boeking.objects.get().kandidaat == traject
    assert not User.objects.filter(email="iemand.anders@example.nl").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"telefoon": "bel me"}, "Vul een geldig telefoonnummer in"),
        ({"telefoon": "123"}, "Vul een geldig telefoonnummer in"),
        ({"naam": "   "}, "Dit veld is verplicht."),
        ({"naam": "<b>Sam</b>"}, "Vul alleen je naam in, zonder tekens als &lt; &gt;"),
        ({"toestemming": ""}, "Geef toestemming voor het gebruik van je gegevens"),
        ({"vraag": "x" * 2001}, "niet meer dan 2000 tekens"),
    ],
    ids=[
        "email",
        "telefoon-tekst",
        "telefoon-kort",
        "naam",
        "naam-opmaak",
        "toestemming",
        "vraag-lang",
    ],
)
def test_bad_input_gets_a_dutch_message_and_writes_nothing(client, adviseur, change, message):
    slot = make_slot(adviseur)
    data = {k: v for k, v in {**GOED, **change}.items() if v != ""}
    response = client.post(booking_url(slot), data)

    assert response.status_code == 200
    assert message in text(response)
    assert not Boeking.objects.exists()
    assert not Kandidaat.objects.exists()
    assert not User.objects.filter(email=GOED["email"]).exists()


def test_html_in_the_question_is_shown_escaped(client, adviseur):
    slot = make_slot(adviseur)
    vraag = '<script>alert("hoi")</script><b>vet</b>'
    response = client.post(booking_url(slot), {**GOED, "vraag": vraag, "toestemming": ""})
    page = text(response)
    assert "&lt;script&gt;alert(&quot;hoi&quot;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    "fields", [{"days": -1}, {"geannuleerd": True}], ids=["voorbij", "ingetrokken"]
)
def test_a_past_or_withdrawn_slot_cannot_be_booked(client, adviseur, fields):
    slot = make_slot(adviseur, **fields)
    page = text(client.get(booking_url(slot)))
    assert "Dit moment is niet meer te boeken." in page
    assert 'name="toestemming"' not in page

    response = client.post(booking_url(slot), GOED)
    assert "Kies een ander moment" in text(response)
    assert not Boeking.objects.exists()
    assert not User.objects.filter(email=GOED["email"]).exists()


def test_sending_the_form_twice_gives_one_booking_and_a_friendly_page(
    client, adviseur, django_capture_on_commit_callbacks, mailoutbox
):
    slot = make_slot(adviseur)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(booking_url(slot), GOED)
        response = client.post(booking_url(slot), GOED, follow=True)

    assert "Je had dit moment al geboekt. Je krijgt geen tweede bevestiging." in text(response)
    assert "Je adviesgesprek is geboekt" in text(response)
    assert Boeking.objects.count() == 1
    assert len(mailoutbox) == 1


def test_someone_else_gets_a_clear_message_for_a_taken_slot(client, adviseur):
    slot = make_slot(adviseur)
    boeking_create(slot=slot, naam="Eerst", email="eerst@example.nl", telefoon="0612345678")
    response = client.post(booking_url(slot), GOED)
    assert "Dit moment is net door iemand anders geboekt." in text(response)
    assert "Kies een ander moment" in text(response)


def test_the_thank_you_page_shows_only_this_browsers_booking(client):
    response = client.get(reverse("advies_geboekt"))
    assert response.url == reverse("advies_boeken")


@pytest.mark.django_db(transaction=True)
def test_many_people_posting_for_one_slot_get_one_booking_and_clear_messages(regio):
    adviseur = UserFactory(role="loketadviseur", regio=regio)
    slot = make_slot(adviseur)
    people = 10
    barrier = threading.Barrier(people)
    results = []

    def post(n):
        client = Client()
        barrier.wait()
        try:
            response = client.post(booking_url(slot), {**GOED, "email": f"racer{n}@example.nl"})
            results.append((response.status_code, text(response)))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=[n]) for n in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert Boeking.objects.filter(slot=slot).count() == 1
    redirected = [r for r in results if r[0] == 302]
    refused = [r for r in results if "Dit moment is net door iemand anders geboekt." in r[1]]
    assert (len(redirected), len(refused)) == (1, people - 1)
    # The losers' accounts were rolled back with their bookings.
    assert User.objects.filter(email__startswith="racer").count() == 1


# --- The signed link -----------------------------------------------------------------------


@pytest.fixture
def geboekt(adviseur, regio):
    slot = make_slot(adviseur)
    boeking, _ = boeking_create(
        slot=slot, naam="Noor", email="noor@example.nl", telefoon="0612345678"
    )
    return boeking


def beheren(boeking):
    return reverse("advies_beheren", kwargs={"token": boeking_token(boeking)})


def beheerd(text: str) -> list:
    """The bookings the manage links in `text` open. The tokens are signed with a timestamp,
    so a link made a second later differs: compare what a link opens, not its text."""
    prefix = reverse("advies_beheren", kwargs={"token": "TOKEN"}).split("TOKEN")[0]
    return [boeking_from_token(t) for t in re.findall(re.escape(prefix) + r'([^/"]+)/', text)]


def test_the_link_shows_the_booking_with_cancel_and_reschedule(client, geboekt, adviseur):
    ander = make_slot(adviseur, days=4)
    page = text(client.get(beheren(geboekt)))
    assert "Afspraak annuleren" in page
    assert f'value="{ander.pk}"' in page
    assert f'value="{geboekt.slot.pk}"' not in page


@pytest.mark.parametrize(
    "token",
    ["onzin", "eyJiIjoxfQ:1abc:nepsleutel", ""],
    ids=["onzin", "vervalst", "leeg-deel"],
)
def test_a_forged_link_gets_a_dutch_message_and_400(client, geboekt, token):
    url = reverse("advies_beheren", kwargs={"token": token or "x:y"})
    response = client.get(url)
    assert response.status_code == 400
    assert "Deze link is ongeldig" in text(response)


def test_a_tampered_link_is_refused(client, geboekt):
    token = boeking_token(geboekt)
    other = signing.dumps({"b": geboekt.pk + 1}, salt="loket.boeking")
    # The payload of another booking with this booking's signature.
    tampered = other.split(":")[0] + ":" + ":".join(token.split(":")[1:])
    response = client.post(
        reverse("advies_beheren", kwargs={"token": tampered}), {"actie": "annuleren"}
    )
    assert response.status_code == 400
    assert "Deze link is ongeldig" in text(response)
    geboekt.refresh_from_db()
    assert geboekt.status == Boeking.Status.GEBOEKT


def test_a_link_signed_with_another_salt_is_refused(client, geboekt):
    token = signing.dumps({"b": geboekt.pk}, salt="iets.anders")
    response = client.get(reverse("advies_beheren", kwargs={"token": token}))
    assert response.status_code == 400


def test_an_expired_link_says_so(client, geboekt):
    with mock.patch(
        "django.core.signing.time.time", return_value=timezone.now().timestamp() - 201 * 86400
    ):
        token = boeking_token(geboekt)
    response = client.get(reverse("advies_beheren", kwargs={"token": token}))
    assert response.status_code == 400
    assert "Deze link is verlopen" in text(response)


def test_cancelling_through_the_link(
    client, geboekt, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(beheren(geboekt), {"actie": "annuleren"}, follow=True)

    assert "Je afspraak is geannuleerd" in text(response)
    assert "Een nieuw gesprek plannen" in text(response)
    geboekt.refresh_from_db()
    assert geboekt.status == Boeking.Status.GEANNULEERD
    assert mailoutbox[0].attachments[0][2] == "text/calendar; method=CANCEL"


def test_a_replayed_link_changes_nothing(client, geboekt):
    client.post(beheren(geboekt), {"actie": "annuleren"})
    geannuleerd_op = Boeking.objects.get().geannuleerd_op
    events = geboekt.kandidaat.events.count()

    response = client.post(beheren(geboekt), {"actie": "annuleren"}, follow=True)

    assert "Deze afspraak is al geannuleerd of verzet." in text(response)
    assert Boeking.objects.get().geannuleerd_op == geannuleerd_op
    assert geboekt.kandidaat.events.count() == events


def test_a_link_of_a_conversation_that_is_over(client, geboekt):
    Adviesslot.objects.filter(pk=geboekt.slot_id).update(start=timezone.now() - timedelta(days=1))
    page = text(client.get(beheren(geboekt)))
    assert "is al geweest" in page
    assert "Afspraak annuleren" not in page
    response = client.post(beheren(geboekt), {"actie": "annuleren"}, follow=True)
    assert "al begonnen of voorbij" in text(response)
    assert Boeking.objects.get().status == Boeking.Status.GEBOEKT


def test_rescheduling_through_the_link(
    client, geboekt, adviseur, django_capture_on_commit_callbacks, mailoutbox
):
    ander = make_slot(adviseur, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            beheren(geboekt), {"actie": "verzetten", "slot": ander.pk}, follow=True
        )

    nieuw = Boeking.objects.get(status=Boeking.Status.GEBOEKT)
    assert nieuw.slot == ander
    assert beheerd(response.redirect_chain[-1][0]) == [nieuw]
    assert "Je afspraak is verzet naar" in text(response)
    assert "Verzet: je adviesgesprek" in mailoutbox[0].subject

    # The old link now leads on to the new appointment.
    old = text(client.get(beheren(geboekt)))
    assert "Bekijk je nieuwe afspraak" in old
    assert nieuw in beheerd(old)


def test_rescheduling_to_a_slot_just_taken_changes_nothing(client, geboekt, adviseur):
    ander = make_slot(adviseur, days=5)
    page = text(client.get(beheren(geboekt)))
    assert f'value="{ander.pk}"' in page
    boeking_create(slot=ander, naam="Snel", email="snel@example.nl", telefoon="0612345678")

    response = client.post(beheren(geboekt), {"actie": "verzetten", "slot": ander.pk}, follow=True)

    assert "Dit moment is net door iemand anders geboekt." in text(response)
    geboekt.refresh_from_db()
    assert geboekt.status == Boeking.Status.GEBOEKT


@pytest.mark.parametrize(
    "data", [{"actie": "verzetten", "slot": "abc"}, {"actie": "verzetten"}, {"actie": "wissen"}]
)
def test_a_bad_reschedule_request_gets_a_message(client, geboekt, data):
    response = client.post(beheren(geboekt), data, follow=True)
    assert response.status_code == 200
    assert "Kies" in text(response)
    assert Boeking.objects.get().status == Boeking.Status.GEBOEKT


def test_rescheduling_to_another_regions_slot_is_refused(client, geboekt, adviseur_elders):
    elders = make_slot(adviseur_elders, days=5)
    response = client.post(beheren(geboekt), {"actie": "verzetten", "slot": elders.pk}, follow=True)
    assert "Kies een moment bij hetzelfde loket." in text(response)
    assert not elders.boekingen.exists()


def test_a_candidate_with_an_erased_booking_link_gets_a_message(client, geboekt):
    token = boeking_token(geboekt)
    Boeking.objects.all().delete()
    response = client.get(reverse("advies_beheren", kwargs={"token": token}))
    assert response.status_code == 400
    assert "Deze afspraak bestaat niet (meer)." in text(response)
