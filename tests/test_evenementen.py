"""Information events: signing up with a capacity, cancelling by e-mailed link, staff pages."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import EventSoort, Inzage, Kandidaat, TrajectEvent
from loket.models import Aanmelding, Evenement
from loket.services.evenementen import aanmelding_create, aanmelding_token
from regio.models import Role, User

from .factories import RegioFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def maak_evenement(regio, **fields):
    start = fields.pop("start", timezone.now() + timedelta(days=7))
    defaults = {
        "titel": "Informatieavond zij-instroom",
        "beschrijving": "Hoor hoe je leraar wordt.",
        "eind": start + timedelta(hours=2),
        "locatie": "Stadhuis Enschede",
        "capaciteit": 20,
    }
    return Evenement.objects.create(regio=regio, start=start, **{**defaults, **fields})


@pytest.fixture
def evenement(regio):
    return maak_evenement(regio)


def aanmelden(evenement, email="nieuw@example.nl", naam="Noor Nieuw", telefoon=""):
    return aanmelding_create(
        evenement=evenement,
        naam=naam,
        email=email,
        telefoon=telefoon,
    )


def formulier(**fields):
    return {
        "naam": "Noor Nieuw",
        "email": "noor@example.nl",
        "telefoon": "",
        "toestemming": "on",
        **fields,
    }


# --- the service --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.LOKET_BASE_URL = "https://loket.example"


def test_signing_up_creates_the_candidate_in_the_events_region_and_records_it(
    evenement, regio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = aanmelden(evenement, email="Noor@Example.nl", telefoon="06 12345678")

    kandidaat = aanmelding.kandidaat
    assert kandidaat.user.email == "noor@example.nl"
    assert kandidaat.user.role == Role.KANDIDAAT
    assert kandidaat.user.naam == "Noor Nieuw"
    assert kandidaat.regio == regio
    assert kandidaat.telefoon == "06 12345678"
    event = TrajectEvent.objects.get(kandidaat=kandidaat, soort=EventSoort.EVENEMENT)
    assert event.toelichting.startswith("Aangemeld voor Informatieavond zij-instroom (")


def test_the_confirmation_email_is_dutch_with_a_signed_cancel_link(
    evenement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        aanmelding = aanmelden(evenement)

    [bericht] = mail.outbox
    assert bericht.to == ["nieuw@example.nl"]
    assert bericht.subject == "[Onderwijsloket] Je bent aangemeld: Informatieavond zij-instroom"
    link = "https://loket.example" + reverse(
        "aanmelding_annuleren", args=[aanmelding_token(aanmelding)]
    )
    assert "Beste Noor Nieuw," in bericht.body
    assert "Stadhuis Enschede" in bericht.body
    assert link in bericht.body
    html, mimetype = bericht.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html


def test_no_email_is_sent_before_the_sign_up_is_committed(evenement):
    aanmelden(evenement)  # the test's transaction never commits
    assert mail.outbox == []


def test_an_existing_candidate_is_linked_by_email_not_created_again(evenement, traject):
    aanmelding = aanmelden(evenement, email="KANDIDAAT@example.nl")
    assert aanmelding.kandidaat == traject
    assert User.objects.filter(email="kandidaat@example.nl").count() == 1


def assert_nothing_written(before_users):
    assert not Aanmelding.objects.filter(kandidaat__user__email="nieuw@example.nl").exists()
    assert User.objects.count() == before_users
    assert not User.objects.filter(email="nieuw@example.nl").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param(
            {"start": timezone.now() - timedelta(hours=3)},
            "Deze bijeenkomst is al begonnen of voorbij.",
            id="past",
        ),
        pytest.param(
            {"geannuleerd": True},
            "Deze bijeenkomst gaat niet door; aanmelden kan niet meer.",
            id="cancelled",
        ),
        pytest.param(
            {"gepubliceerd": False},
            "Voor deze bijeenkomst kun je je (nog) niet aanmelden.",
            id="unpublished",
        ),
    ],
)
def test_closed_events_refuse_in_dutch_and_write_nothing(regio, fields, message):
    evenement = maak_evenement(regio, **fields)
    users = User.objects.count()
    with pytest.raises(ValidationError) as error:
        aanmelden(evenement)
    assert error.value.messages == [message]
    assert_nothing_written(users)


def test_a_full_event_refuses_and_does_not_even_create_the_account(regio):
    evenement = maak_evenement(regio, capaciteit=1)
    aanmelden(evenement, email="eerste@example.nl")
    users = User.objects.count()
    with pytest.raises(ValidationError) as error:
        aanmelden(evenement)
    assert error.value.messages == ["Deze bijeenkomst is vol."]
    assert_nothing_written(users)


def test_signing_up_twice_is_refused(evenement):
    aanmelden(evenement)
    with pytest.raises(ValidationError) as error:
        aanmelden(evenement, email="nieuw@EXAMPLE.nl")
    assert error.value.messages == ["Je bent al aangemeld voor deze bijeenkomst."]
    assert evenement.aanmeldingen.count() == 1


def test_a_staff_address_cannot_sign_up(evenement, adviseur):
    with pytest.raises(ValidationError, match="hoort bij een medewerker"):
        aanmelden(evenement, email=adviseur.email)
    assert not evenement.aanmeldingen.exists()


def test_a_cancelled_sign_up_frees_the_place(regio):
    evenement = maak_evenement(regio, capaciteit=1)
    eerste = aanmelden(evenement, email="eerste@example.nl")
    Aanmelding.objects.filter(pk=eerste.pk).update(status=Aanmelding.Status.AFGEMELD)
    tweede = aanmelden(evenement)
    assert tweede.status == Aanmelding.Status.AANGEMELD


@pytest.mark.django_db(transaction=True)
def test_many_people_racing_for_three_places_leave_exactly_three_sign_ups():
    regio = RegioFactory()
    evenement = maak_evenement(regio, capaciteit=3)
    mensen = [f"racer{i}@example.nl" for i in range(10)]
    barrier = threading.Barrier(len(mensen))
    outcomes = []

    def sign_up(email):
        barrier.wait()
        try:
            aanmelden(evenement, email=email)
            outcomes.append("aangemeld")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=[email]) for email in mensen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("aangemeld") == 3
    assert outcomes.count("Deze bijeenkomst is vol.") == 7
    assert Aanmelding.objects.filter(evenement=evenement).count() == 3
    # The refused ones left no account behind.
    assert Kandidaat.objects.count() == 3


# --- the public list ----------------------------------------------------------------------------


def test_the_list_shows_upcoming_events_with_places_left(client, regio, andere_regio):
    open_ = maak_evenement(regio, titel="Open avond", capaciteit=5)
    aanmelden(open_)
    maak_evenement(andere_regio, titel="Avond in Rotterdam")
    maak_evenement(regio, titel="Voorbij", start=timezone.now() - timedelta(days=1))
    maak_evenement(regio, titel="Afgelast", geannuleerd=True)
    maak_evenement(regio, titel="Concept", gepubliceerd=False)

    html = client.get(reverse("evenementen")).content.decode()
    assert "2 bijeenkomsten gepland" in html
    assert "Open avond" in html
    assert "Nog 4 plaatsen vrij" in html
    assert "Avond in Rotterdam" in html
    for hidden in ("Voorbij", "Afgelast", "Concept"):
        assert hidden not in html


def test_the_list_filters_by_region_and_htmx_gets_only_the_results(client, regio, andere_regio):
    maak_evenement(regio, titel="Avond in Twente")
    maak_evenement(andere_regio, titel="Avond in Rotterdam")
    response = client.get(reverse("evenementen"), {"regio": "rotterdam"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="resultaten"')
    assert "Avond in Rotterdam" in html
    assert "Avond in Twente" not in html


def test_a_full_event_says_so_in_the_list(client, regio):
    evenement = maak_evenement(regio, capaciteit=1)
    aanmelden(evenement)
    assert "<strong>Vol</strong>" in client.get(reverse("evenementen")).content.decode()


def test_the_list_is_paginated(client, regio):
    for i in range(12):
        maak_evenement(regio, titel=f"Avond {i:02d}", start=timezone.now() + timedelta(days=i + 1))
    first = client.get(reverse("evenementen")).content.decode()
    second = client.get(reverse("evenementen"), {"page": 2}).content.decode()
    assert "Avond 09" in first and "Avond 10" not in first
    assert "Avond 10" in second and "Pagina 2 van 2" in second


def test_the_list_costs_the_same_queries_however_many_events(
    client, regio, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            e = maak_evenement(regio)
            aanmelden(e, email=f"{e.pk}@example.nl")

    make(3)
    with django_assert_max_num_queries(4):
        client.get(reverse("evenementen"))
    make(30)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("evenementen"))
    assert "33 bijeenkomsten gepland" in response.content.decode()


# --- one event and its sign-up form -------------------------------------------------------------


def test_the_event_page_shows_places_left_and_the_form(client, regio):
    evenement = maak_evenement(regio, capaciteit=3)
    aanmelden(evenement)
    html = client.get(reverse("evenement_detail", args=[evenement.pk])).content.decode()
    assert "Nog 2 plaatsen vrij van de 3" in html
    assert "Stadhuis Enschede" in html
    assert 'name="toestemming"' in html


def test_signing_up_on_the_page_redirects_with_a_message_and_an_email(
    client, evenement, django_capture_on_commit_callbacks
):
    url = reverse("evenement_detail", args=[evenement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, formulier(telefoon="+31 6 1234 5678"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "Je bent aangemeld. We hebben een bevestiging gestuurd naar noor@example.nl" in html
    assert "Nog 19 plaatsen vrij" in html
    assert len(mail.outbox) == 1
    assert "https://loket.example/bijeenkomsten/afmelden/" in mail.outbox[0].body


def test_a_logged_in_candidate_finds_name_and_email_filled_in(client, evenement, kandidaat):
    client.force_login(kandidaat)
    html = client.get(reverse("evenement_detail", args=[evenement.pk])).content.decode()
    assert 'value="kandidaat@example.nl"' in html
    assert 'value="Kim Kandidaat"' in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param(
            {"email": "geen-adres"},
            "Vul een geldig e-mailadres in, bijv. naam@voorbeeld.nl.",
            id="invalid-email",
        ),
        pytest.param({"email": ""}, "Vul je e-mailadres in.", id="no-email"),
        pytest.param({"naam": ""}, "Vul je naam in.", id="no-name"),
        pytest.param(
            {"naam": "<script>alert(1)</script>"},
            "Vul alleen je naam in, zonder tekens als &lt; &gt; of een webadres.",
            id="html-in-name",
        ),
        pytest.param(
            {"naam": "Klik https://spam.example"},
            "Vul alleen je naam in, zonder tekens als &lt; &gt; of een webadres.",
            id="link-in-name",
        ),
        pytest.param(
            {"telefoon": "bel me"},
            "Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678.",
            id="invalid-phone",
        ),
        pytest.param(
            {"toestemming": ""},
            "Geef toestemming voor het gebruik van je gegevens",
            id="no-consent",
        ),
    ],
)
def test_bad_input_gets_a_dutch_message_and_nothing_is_written(client, evenement, fields, message):
    users = User.objects.count()
    response = client.post(reverse("evenement_detail", args=[evenement.pk]), formulier(**fields))
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert not evenement.aanmeldingen.exists()
    assert User.objects.count() == users


def test_a_full_event_refuses_on_the_page(client, regio):
    evenement = maak_evenement(regio, capaciteit=1)
    aanmelden(evenement, email="eerste@example.nl")
    url = reverse("evenement_detail", args=[evenement.pk])
    assert "Deze bijeenkomst is vol." in client.get(url).content.decode()
    response = client.post(url, formulier())
    assert response.status_code == 422
    assert "Deze bijeenkomst is vol." in response.content.decode()
    assert evenement.aanmeldingen.count() == 1


def test_signing_up_twice_on_the_page_is_refused(client, evenement):
    url = reverse("evenement_detail", args=[evenement.pk])
    client.post(url, formulier())
    response = client.post(url, formulier(email="NOOR@example.nl"))
    assert response.status_code == 422
    assert "Je bent al aangemeld voor deze bijeenkomst." in response.content.decode()
    assert evenement.aanmeldingen.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": timezone.now() - timedelta(days=2)}, "Deze bijeenkomst is al geweest."),
        ({"geannuleerd": True}, "Deze bijeenkomst gaat niet door."),
    ],
    ids=["past", "cancelled"],
)
def test_past_and_cancelled_events_show_no_form_and_refuse_a_post(client, regio, fields, message):
    evenement = maak_evenement(regio, **fields)
    url = reverse("evenement_detail", args=[evenement.pk])
    html = client.get(url).content.decode()
    assert message in html
    assert 'name="toestemming"' not in html
    response = client.post(url, formulier())
    assert response.status_code == 422
    assert not evenement.aanmeldingen.exists()


def test_an_unpublished_event_is_not_found(client, regio):
    evenement = maak_evenement(regio, gepubliceerd=False)
    assert client.get(reverse("evenement_detail", args=[evenement.pk])).status_code == 404


# --- cancelling by the e-mailed link ------------------------------------------------------------


def test_the_link_asks_first_and_cancels_on_confirmation(client, evenement):
    aanmelding = aanmelden(evenement)
    url = reverse("aanmelding_annuleren", args=[aanmelding_token(aanmelding)])

    html = client.get(url).content.decode()
    assert "Ja, meld mij af" in html
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmelding.Status.AANGEMELD  # a mail scanner's GET changes nothing

    response = client.post(url, follow=True)
    assert "Je bent afgemeld. Je plaats is vrijgegeven." in response.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmelding.Status.AFGEMELD
    assert TrajectEvent.objects.filter(toelichting__startswith="Afgemeld voor").count() == 1

    again = client.post(url, follow=True)
    assert "Je was al afgemeld voor deze bijeenkomst." in again.content.decode()
    assert TrajectEvent.objects.filter(toelichting__startswith="Afgemeld voor").count() == 1


@pytest.mark.parametrize(
    "token",
    ["vals", "eyJhIjoxfQ:1abcde:verkeerdehandtekening", "a" * 300],
    ids=["garbage", "forged", "long"],
)
def test_a_forged_link_gets_a_dutch_message_and_400(client, evenement, token):
    aanmelding = aanmelden(evenement)
    for method in (client.get, client.post):
        response = method(reverse("aanmelding_annuleren", args=[token]))
        assert response.status_code == 400
        assert "Deze afmeldlink klopt niet." in response.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == Aanmelding.Status.AANGEMELD


def test_a_link_signed_for_something_else_is_refused(client, evenement):
    from django.core import signing

    aanmelding = aanmelden(evenement)
    token = signing.dumps({"a": aanmelding.pk}, salt="loket.boeking")  # another salt
    response = client.post(reverse("aanmelding_annuleren", args=[token]))
    assert response.status_code == 400


# --- staff of the region ------------------------------------------------------------------------


@pytest.fixture
def staff(client, adviseur):
    client.force_login(adviseur)
    return client


def test_staff_see_their_regions_events_with_sign_up_counts(staff, regio, andere_regio):
    eigen = maak_evenement(regio, titel="Eigen avond", capaciteit=4)
    aanmelden(eigen)
    maak_evenement(andere_regio, titel="Andermans avond")
    html = staff.get(reverse("evenementen_beheer")).content.decode()
    assert "Bijeenkomsten van Onderwijsregio Twente" in html
    assert "Eigen avond" in html
    assert '<td class="num">1</td>' in html
    assert "Andermans avond" not in html


def test_the_staff_list_costs_the_same_queries_however_many_events(
    staff, regio, django_assert_max_num_queries
):
    for _ in range(3):
        maak_evenement(regio)
    with django_assert_max_num_queries(8):
        staff.get(reverse("evenementen_beheer"))
    for _ in range(30):
        maak_evenement(regio)
    with django_assert_max_num_queries(8):
        staff.get(reverse("evenementen_beheer"))


@pytest.mark.parametrize("persona", ["adviseur_elders", "projectleider_elders"], indirect=True)
def test_another_regions_events_are_not_found_for_staff(client, persona, evenement):
    client.force_login(persona)
    assert client.get(reverse("evenement_bewerken", args=[evenement.pk])).status_code == 404
    assert client.post(reverse("evenement_bewerken", args=[evenement.pk]), {}).status_code == 404
    assert client.post(reverse("evenement_annuleren", args=[evenement.pk])).status_code == 404
    evenement.refresh_from_db()
    assert not evenement.geannuleerd


@pytest.mark.parametrize("persona", ["kandidaat", "hr", "opleider", "beheerder"], indirect=True)
def test_other_roles_do_not_reach_the_staff_pages(client, persona, evenement):
    client.force_login(persona)
    for url in (
        reverse("evenementen_beheer"),
        reverse("evenement_nieuw"),
        reverse("evenement_bewerken", args=[evenement.pk]),
    ):
        assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, evenement):
    response = client.get(reverse("evenementen_beheer"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_without_mfa_set_it_up_first(client, regio):
    client.force_login(UserFactory(role=Role.LOKETADVISEUR, regio=regio, mfa=False))
    response = client.get(reverse("evenementen_beheer"))
    assert response.url == reverse("mfa_activate_totp")


def event_form(**fields):
    return {
        "titel": "Nieuwe avond",
        "beschrijving": "Kom langs.",
        "start": "2031-03-12T19:30",
        "eind": "2031-03-12T21:30",
        "locatie": "Online",
        "capaciteit": "25",
        "gepubliceerd": "on",
        **fields,
    }


def test_a_project_leader_adds_an_event_to_their_own_region(client, projectleider, regio):
    client.force_login(projectleider)
    response = client.post(reverse("evenement_nieuw"), event_form(), follow=True)
    evenement = Evenement.objects.get(titel="Nieuwe avond")
    assert evenement.regio == regio
    assert timezone.localtime(evenement.start).hour == 19
    assert "De bijeenkomst is aangemaakt." in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"eind": "2031-03-12T18:00"}, "Een bijeenkomst eindigt na het begin."),
        ({"capaciteit": "0"}, "Een bijeenkomst heeft minstens één plaats."),
        ({"capaciteit": "veel"}, "Vul het aantal plaatsen in als heel getal."),
        ({"start": "morgen"}, "Vul een datum en tijd in, bijv. 12-3-2026 19:30."),
        ({"titel": ""}, "Geef de bijeenkomst een titel."),
    ],
)
def test_a_bad_event_gets_a_dutch_message_and_is_not_saved(staff, fields, message):
    response = staff.post(reverse("evenement_nieuw"), event_form(**fields))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Evenement.objects.exists()


def test_staff_edit_an_event_but_not_below_its_sign_ups(staff, regio):
    evenement = maak_evenement(regio, capaciteit=5)
    aanmelden(evenement, email="a@example.nl")
    aanmelden(evenement, email="b@example.nl")
    url = reverse("evenement_bewerken", args=[evenement.pk])

    response = staff.post(url, event_form(capaciteit="1"))
    assert response.status_code == 422
    assert "Er zijn al 2 aanmeldingen; kies minstens zoveel plaatsen." in response.content.decode()

    response = staff.post(url, event_form(titel="Andere titel", capaciteit="2"), follow=True)
    assert "De bijeenkomst is opgeslagen." in response.content.decode()
    evenement.refresh_from_db()
    assert (evenement.titel, evenement.capaciteit, evenement.regio) == ("Andere titel", 2, regio)


def test_the_attendee_list_shows_who_signed_up_and_logs_the_read(staff, adviseur, regio):
    evenement = maak_evenement(regio)
    aanmelden(evenement, email="a@example.nl", naam="Anna Aanmelder", telefoon="0612345678")
    afgemeld = aanmelden(evenement, email="b@example.nl", naam="Bart Afgemeld")
    Aanmelding.objects.filter(pk=afgemeld.pk).update(status=Aanmelding.Status.AFGEMELD)

    html = staff.get(reverse("evenement_bewerken", args=[evenement.pk])).content.decode()
    assert "Anna Aanmelder" in html
    assert "0612345678" in html
    assert "Bart Afgemeld" not in html
    assert "1 aanmelding voor 20 plaatsen." in html
    inzage = Inzage.objects.get()
    assert inzage.door == adviseur
    assert inzage.kandidaat.user.email == "a@example.nl"
    assert inzage.wat == "deelnemerslijst van Informatieavond zij-instroom"


def test_the_attendee_page_costs_the_same_queries_however_many_attendees(
    staff, regio, django_assert_max_num_queries
):
    evenement = maak_evenement(regio, capaciteit=100)
    url = reverse("evenement_bewerken", args=[evenement.pk])
    for i in range(3):
        aanmelden(evenement, email=f"x{i}@example.nl")
    with django_assert_max_num_queries(10):
        staff.get(url)
    for i in range(3, 33):
        aanmelden(evenement, email=f"x{i}@example.nl")
    with django_assert_max_num_queries(10):
        response = staff.get(url)
    assert "33 aanmeldingen voor 100 plaatsen." in response.content.decode()


def test_cancelling_an_event_tells_everyone_signed_up_once(
    staff, regio, django_capture_on_commit_callbacks
):
    evenement = maak_evenement(regio)
    aanmelden(evenement, email="a@example.nl")
    aanmelden(evenement, email="b@example.nl")
    url = reverse("evenement_annuleren", args=[evenement.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, follow=True)
    assert "De bijeenkomst is geannuleerd. 2 aangemelde mensen krijgen een e-mail." in (
        response.content.decode()
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nl", "b@example.nl"]
    assert mail.outbox[0].subject == "[Onderwijsloket] Gaat niet door: Informatieavond zij-instroom"

    with django_capture_on_commit_callbacks(execute=True):
        again = staff.post(url, follow=True)
    assert "Deze bijeenkomst was al geannuleerd." in again.content.decode()
    assert len(mail.outbox) == 2


def test_a_cancelled_event_can_no_longer_be_edited(staff, regio):
    evenement = maak_evenement(regio, geannuleerd=True)
    response = staff.post(
        reverse("evenement_bewerken", args=[evenement.pk]), event_form(), follow=True
    )
    assert "Een geannuleerde bijeenkomst kun je niet meer wijzigen." in response.content.decode()
    evenement.refresh_from_db()
    assert evenement.titel == "Informatieavond zij-instroom"


def test_the_public_list_links_staff_to_their_event_pages(staff, client):
    html = staff.get(reverse("evenementen")).content.decode()
    assert reverse("evenementen_beheer") in html


# --- the operator's admin -----------------------------------------------------------------------


def test_the_operator_manages_routes_articles_and_events_in_the_admin(client, beheerder, regio):
    evenement = maak_evenement(regio)
    aanmelden(evenement, naam="Anna Aanmelder")
    client.force_login(beheerder)
    for url in (
        reverse("admin:loket_route_changelist"),
        reverse("admin:loket_faqartikel_changelist"),
        reverse("admin:loket_evenement_changelist"),
    ):
        assert client.get(url).status_code == 200
    html = client.get(reverse("admin:loket_evenement_change", args=[evenement.pk])).content.decode()
    assert "Anna Aanmelder" in html
    assert 'name="aanmeldingen-0-kandidaat"' not in html  # read-only


def test_a_candidate_of_another_region_keeps_their_region_when_signing_up_here(
    evenement, traject_elders, andere_regio
):
    aanmelding = aanmelden(evenement, email="kandidaat.elders@example.nl")
    assert aanmelding.kandidaat == traject_elders
    assert aanmelding.kandidaat.regio == andere_regio
    assert Kandidaat.objects.count() == 1
