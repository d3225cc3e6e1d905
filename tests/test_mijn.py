"""The candidate's dashboard: journey, appointments, documents, consent, export and erasure."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import Document, Fase, Kandidaat, RouteSoort, Toelating
from loket.models import Aanmelding, Adviesslot, Boeking, Evenement, Gespreksvorm
from loket.services.advies import boeking_from_token
from regio.models import User


def slot(adviseur, *, dagen: int, uur: int = 10) -> Adviesslot:
    start = timezone.now().replace(hour=uur, minute=0, second=0, microsecond=0)
    return Adviesslot.objects.create(
        adviseur=adviseur,
        regio=adviseur.regio,
        start=start + timedelta(days=dagen),
        vorm=Gespreksvorm.VIDEO,
    )


def evenement(regio, *, dagen: int, titel: str) -> Evenement:
    start = timezone.now() + timedelta(days=dagen)
    return Evenement.objects.create(
        regio=regio,
        titel=titel,
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Enschede",
        capaciteit=50,
    )


@pytest.fixture
def afspraken(traject, adviseur):
    komend = Boeking.objects.create(
        slot=slot(adviseur, dagen=3), kandidaat=traject, vraag="Kan ik naast mijn baan studeren?"
    )
    voorbij = Boeking.objects.create(
        slot=slot(adviseur, dagen=-20), kandidaat=traject, status=Boeking.Status.AFGEROND
    )
    Aanmelding.objects.create(
        evenement=evenement(traject.regio, dagen=10, titel="Informatieavond zij-instroom"),
        kandidaat=traject,
    )
    Aanmelding.objects.create(
        evenement=evenement(traject.regio, dagen=-30, titel="Open dag pabo"), kandidaat=traject
    )
    return komend, voorbij


def test_the_dashboard_shows_the_journey(client, traject, opleiding):
    Kandidaat.objects.filter(pk=traject.pk).update(
        fase=Fase.ROUTE_TOELATING,
        route=RouteSoort.ZIJ_INSTROOM,
        opleiding=opleiding,
        toelating=Toelating.MET_BAAN,
    )
    client.force_login(traject.user)

    page = client.get(reverse("kandidaat_dashboard")).content.decode()

    assert "Welkom, Kim." in page
    assert "Route &amp; toelating" in page
    assert "Ada Adviseur" in page
    assert "Zij-instroom" in page
    assert "Pabo Twente" in page
    assert "Toelaatbaar, met baan" in page


def test_the_dashboard_links_to_the_whole_journey_once_that_page_exists(client, traject):
    client.force_login(traject.user)
    page = client.get(reverse("kandidaat_dashboard")).content.decode()
    try:
        url = reverse("kandidaten:traject", args=[traject.pk])
    except Exception:  # the journey page is built separately; without it, no dead link
        assert "Bekijk mijn hele traject" not in page
    else:
        assert f'<a href="{url}">Bekijk mijn hele traject</a>' in page


def test_the_dashboard_lists_appointments_with_a_link_to_change_them(client, traject, afspraken):
    komend, _voorbij = afspraken
    client.force_login(traject.user)

    page = client.get(reverse("kandidaat_dashboard")).content.decode()

    # The link carries a signed, timestamped token: compare what it opens, not its text
    # (the second may tick between rendering and this check).
    prefix = reverse("advies_beheren", args=["TOKEN"]).split("TOKEN")[0]
    tokens = re.findall(re.escape(prefix) + r"([^/\"]+)/", page)
    assert [boeking_from_token(token) for token in tokens] == [komend]
    assert "Wijzigen of annuleren" in page
    assert page.count("Wijzigen of annuleren") == 1  # not for the past conversation
    assert "Eerdere gesprekken" in page and "Gesprek afgerond" in page
    assert "Informatieavond zij-instroom" in page
    assert "Eerdere bijeenkomsten" in page and "Open dag pabo" in page


def test_an_account_without_a_journey_gets_a_friendly_start(client, kandidaat):
    client.force_login(kandidaat)

    page = client.get(reverse("kandidaat_dashboard")).content.decode()

    assert "Welkom, Kim. Fijn dat je interesse hebt in werken in het onderwijs!" in page
    assert reverse("advies_boeken") in page
    assert "Boek een gratis adviesgesprek" in page
    assert "Mijn toestemming" not in page


@pytest.mark.parametrize(
    "persona", ["adviseur", "hr", "opleider", "projectleider", "beheerder"], indirect=True
)
@pytest.mark.parametrize(
    "url_name", ["kandidaat_dashboard", "mijn_export", "mijn_wissen", "kandidaten:documenten"]
)
def test_only_candidates_reach_their_own_pages(client, persona, url_name):
    client.force_login(persona)
    assert client.get(reverse(url_name)).status_code == 404


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    client, traject, adviseur, django_assert_max_num_queries
):
    client.force_login(traject.user)

    def add(aantal: int) -> None:
        for nummer in range(aantal):
            Boeking.objects.create(
                slot=slot(adviseur, dagen=nummer - aantal // 2, uur=8), kandidaat=traject
            )
            Aanmelding.objects.create(
                evenement=evenement(traject.regio, dagen=nummer - aantal // 2, titel="Avond"),
                kandidaat=traject,
            )
            Document.objects.create(
                kandidaat=traject,
                soort="cv",
                bestand=f"documenten/{traject.pk}/x{nummer}",
                naam=f"cv-{nummer}.pdf",
                content_type="application/pdf",
                grootte=10,
            )

    add(3)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("kandidaat_dashboard")).status_code == 200
    add(27)
    with django_assert_max_num_queries(7):
        page = client.get(reverse("kandidaat_dashboard")).content.decode()
    assert page.count(" download>cv-") == 30


# --- Consent ---------------------------------------------------------------------------------


def test_consent_is_saved_and_dated(client, traject):
    client.force_login(traject.user)

    response = client.post(
        reverse("mijn_toestemming"),
        {"deel_met_regio": "on", "bewaren_na_afloop": "on", "herinneringen": "on"},
        follow=True,
    )

    assert "Je keuzes zijn opgeslagen en gelden meteen." in response.content.decode()
    traject.refresh_from_db()
    assert traject.deel_met_regio and traject.bewaren_na_afloop and traject.herinneringen
    assert not traject.deel_met_buurregios
    assert timezone.now() - traject.toestemming_gewijzigd_op < timedelta(minutes=1)


def test_withdrawing_consent_takes_effect_at_once(client, traject, hr, bestuur):
    Kandidaat.objects.filter(pk=traject.pk).update(
        deel_met_regio=True, deel_met_buurregios=True, herinneringen=True
    )
    client.force_login(traject.user)

    client.post(reverse("mijn_toestemming"), {})

    traject.refresh_from_db()
    assert not (traject.deel_met_regio or traject.deel_met_buurregios or traject.herinneringen)
    assert not Kandidaat.objects.filter(deel_met_regio=True).exists()
    page = client.get(reverse("kandidaat_dashboard")).content.decode()
    assert 'id="id_deel_met_regio"' in page
    assert 'id="id_deel_met_regio" checked' not in page


def test_neighbouring_regions_only_together_with_the_own_region(client, traject):
    client.force_login(traject.user)

    response = client.post(reverse("mijn_toestemming"), {"deel_met_buurregios": "on"})

    assert response.status_code == 200
    assert "kan alleen als je het ook met scholen in je eigen regio deelt" in (
        response.content.decode()
    )
    traject.refresh_from_db()
    assert not traject.deel_met_buurregios and traject.toestemming_gewijzigd_op is None


def test_consent_with_htmx_returns_only_its_section(client, traject):
    client.force_login(traject.user)

    response = client.post(
        reverse("mijn_toestemming"), {"herinneringen": "on"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<section id="toestemming"')
    assert "Je keuzes zijn opgeslagen en gelden meteen." in page
    assert 'id="id_herinneringen" checked' in page
    assert 'id="id_deel_met_regio" checked' not in page


# --- Export and erasure ----------------------------------------------------------------------


def test_the_export_downloads_as_json(client, traject, afspraken):
    client.force_login(traject.user)

    response = client.get(reverse("mijn_export"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    data = json.loads(response.content)
    assert data["account"]["e-mailadres"] == "kandidaat@example.nl"
    assert data["adviesgesprekken"][1]["vraag"] == "Kan ik naast mijn baan studeren?"


def test_an_account_without_a_journey_can_export_it_too(client, kandidaat):
    client.force_login(kandidaat)
    data = json.loads(client.get(reverse("mijn_export")).content)
    assert data["account"]["naam"] == "Kim Kandidaat"


def test_erasing_needs_the_confirm_box(client, traject):
    client.force_login(traject.user)

    page = client.get(reverse("mijn_wissen")).content.decode()
    assert "Wissen kan niet ongedaan worden gemaakt." in page
    response = client.post(reverse("mijn_wissen"), {})

    assert "Vink aan dat je je account echt wilt wissen." in response.content.decode()
    assert User.objects.filter(pk=traject.user_id).exists()


def test_erasing_logs_out_and_says_goodbye(client, traject, afspraken):
    user_pk = traject.user_id
    client.force_login(traject.user)

    response = client.post(reverse("mijn_wissen"), {"bevestig": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("mijn_gewist")
    assert "Je account is gewist" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(pk=user_pk).exists()
    traject.refresh_from_db()
    assert traject.gewist_op is not None
    assert client.get(reverse("kandidaat_dashboard")).status_code == 302  # to the login


def test_an_account_without_a_journey_can_be_erased(client, kandidaat):
    client.force_login(kandidaat)
    client.post(reverse("mijn_wissen"), {"bevestig": "on"})
    assert not User.objects.filter(pk=kandidaat.pk).exists()


def test_a_second_candidate_is_left_alone_by_an_erasure(client, traject, ander_traject):
    client.force_login(traject.user)
    client.post(reverse("mijn_wissen"), {"bevestig": "on"})
    ander_traject.refresh_from_db()
    assert ander_traject.gewist_op is None and ander_traject.user is not None
