"""The shared journey page: who opens it, what each of them sees of the timeline, the reads
logged, and the adviser's moves on it (with and without htmx, stale and bad input)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import (
    EventSoort,
    Fase,
    Introductie,
    Inzage,
    Kandidaat,
    RouteSoort,
    Toelating,
    TrajectEvent,
    Uitvalreden,
)
from kandidaten.services import (
    introductie_answer,
    introductie_propose,
    kandidaat_move,
    kandidaat_refer,
    toelating_record,
)
from regio.models import Role

from .factories import OrganisatieFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def traject_url(kandidaat) -> str:
    return reverse("kandidaten:traject", args=[kandidaat.pk])


def stap_url(kandidaat) -> str:
    return reverse("kandidaten:traject_stap", args=[kandidaat.pk])


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def tweede_bestuur(regio):
    return OrganisatieFactory(bestuur=True, regio=regio, naam="Stichting Ander Bestuur")


@pytest.fixture
def scene(traject, kandidaat, adviseur, opleiding, bestuur):
    """Candidate A referred to the region's pabo and introduced to `bestuur`, which they
    accepted (so they are in matching now): the candidate, their adviser, the institute and
    the board all see them."""
    kandidaat_refer(
        kandidaat=traject, route=RouteSoort.ZIJ_INSTROOM, opleiding=opleiding, door=adviseur
    )
    introductie = introductie_propose(kandidaat=traject, bestuur=bestuur, door=adviseur)
    introductie_answer(introductie=introductie, door=kandidaat, accepteren=True)
    traject.refresh_from_db()
    return traject


# --- who opens the page -------------------------------------------------------------------------

PAGE_TABLE = [
    ("kandidaat", "traject", 200),
    ("kandidaat", "ander_traject", 404),
    ("kandidaat_b", "traject", 404),
    ("adviseur", "traject", 200),
    ("adviseur", "ander_traject", 200),
    ("adviseur", "traject_elders", 404),
    ("adviseur_elders", "traject", 404),
    ("opleider", "traject", 200),
    ("opleider", "ander_traject", 404),
    ("opleider_elders", "traject", 404),
    ("hr", "traject", 200),
    ("hr", "ander_traject", 404),
    ("hr_elders", "traject", 404),
    ("projectleider", "traject", 404),
    ("projectleider_elders", "traject_elders", 404),
    ("beheerder", "traject", 200),
    ("beheerder", "traject_elders", 200),
]


@pytest.mark.parametrize(("persona", "target", "status"), PAGE_TABLE, indirect=["persona"])
def test_each_role_opens_only_the_journeys_it_may_see(
    client, request, scene, ander_traject, traject_elders, persona, target, status
):
    kandidaat = request.getfixturevalue(target)
    client.force_login(persona)
    response = client.get(traject_url(kandidaat))
    assert response.status_code == status
    if status == 200:
        assert "Tijdlijn" in text(response)


def test_an_anonymous_visitor_is_sent_to_log_in(client, traject):
    response = client.get(traject_url(traject))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# Each action of the page, the one persona allowed to do it, and valid data for it.
ACTIONS = {
    "traject_stap": ("adviseur", lambda s: {"van": Fase.MATCHING, "naar": Fase.AANSTELLING}),
    "traject_overnemen": ("adviseur", lambda s: {}),
    "traject_verwijzen": (
        "adviseur",
        lambda s: {"route": RouteSoort.DEELTIJD_PABO, "opleiding": s["opleiding"].pk},
    ),
    "traject_introductie": (
        "adviseur",
        lambda s: {"bestuur": OrganisatieFactory(bestuur=True, regio=s["opleiding"].regio).pk},
    ),
    "introductie_antwoord": ("kandidaat", lambda s: {"antwoord": "accepteren"}),
    "traject_toelating": ("opleider", lambda s: {"toelating": Toelating.MET_BAAN}),
}
PERSONAS = [
    "kandidaat",
    "kandidaat_b",
    "adviseur",
    "adviseur_elders",
    "opleider",
    "opleider_elders",
    "hr",
    "hr_elders",
    "projectleider",
    "beheerder",
]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_each_action_is_open_only_to_its_own_role_for_its_own_candidate(
    client, request, scene, ander_traject, adviseur, opleiding, tweede_bestuur, persona, action
):
    allowed, data = ACTIONS[action]
    voorstel = introductie_propose(kandidaat=scene, bestuur=tweede_bestuur, door=adviseur)
    args = [scene.pk, voorstel.pk] if action == "introductie_antwoord" else [scene.pk]
    before = TrajectEvent.objects.count()
    client.force_login(persona)

    response = client.post(
        reverse(f"kandidaten:{action}", args=args),
        data({"opleiding": opleiding, "tweede_bestuur": tweede_bestuur}),
    )

    if persona == request.getfixturevalue(allowed):
        assert response.status_code == 302, text(response)
        assert response.url == traject_url(scene)
    else:
        assert response.status_code == 404
        assert TrajectEvent.objects.count() == before


def test_an_adviser_of_the_region_a_candidate_was_referred_to_reads_along_but_cannot_act(
    client, traject, adviseur, adviseur_elders, andere_regio
):
    kandidaat_move(
        kandidaat=traject, naar=Fase.DOORVERWEZEN, door=adviseur, naar_regio=andere_regio
    )
    client.force_login(adviseur_elders)

    page = client.get(traject_url(traject))
    assert page.status_code == 200
    assert "Naar regio: Onderwijsregio Rotterdam" in text(page)
    assert "Traject bijwerken" not in text(page)
    response = client.post(
        reverse("kandidaten:traject_stap", args=[traject.pk]),
        {"van": Fase.DOORVERWEZEN, "naar": Fase.ORIENTATIE},
    )
    assert response.status_code == 404


# --- what each of them sees ---------------------------------------------------------------------


@pytest.fixture
def full_journey(scene, kandidaat, adviseur, opleider, tweede_bestuur):
    """Notes and reasons of every kind on candidate A's timeline."""
    kandidaat_move(
        kandidaat=scene,
        naar=Fase.ROUTE_TOELATING,
        door=adviseur,
        toelichting="Adviesnotitie over salaris",
    )
    toelating_record(
        kandidaat=scene,
        toelating=Toelating.MET_BAAN,
        door=opleider,
        toelichting="Opleidernotitie: sterke motivatie",
    )
    afgewezen = introductie_propose(kandidaat=scene, bestuur=tweede_bestuur, door=adviseur)
    introductie_answer(introductie=afgewezen, door=kandidaat, accepteren=False)
    kandidaat_move(
        kandidaat=scene,
        naar=Fase.UITGEVALLEN,
        door=adviseur,
        reden=Uitvalreden.objects.get(naam="Financiële redenen"),
        toelichting="Uitvalnotitie: kan de opleiding niet betalen",
    )
    return scene


STEPS = [
    "Aangemeld: Oriëntatie",
    "Van Oriëntatie naar Matching",  # the accepted introduction
    "Van Matching naar Route &amp; toelating",
    "Van Route &amp; toelating naar Uitgevallen",
]
DESK_DETAILS = [
    "Adviesnotitie over salaris",
    "Uitvalnotitie: kan de opleiding niet betalen",
    "Reden: Financiële redenen",
]
TOELATING = ["Verwezen naar Pabo Twente (Zij-instroom)", "Toelating: Toelaatbaar, met baan"]
INTRODUCTIES = [
    "Voorgesteld aan Stichting Tweede Kans",
    "Introductie bij Stichting Tweede Kans geaccepteerd",
]
ANDERE_INTRODUCTIES = [
    "Voorgesteld aan Stichting Ander Bestuur",
    "Introductie bij Stichting Ander Bestuur afgewezen",
]


def timeline(response) -> str:
    html = text(response)
    return html[html.index('id="tijdlijn-kop"') :]


@pytest.mark.parametrize("persona", ["kandidaat", "adviseur", "beheerder"], indirect=True)
def test_the_candidate_and_the_desk_see_the_whole_timeline(client, full_journey, persona):
    client.force_login(persona)
    shown = timeline(client.get(traject_url(full_journey)))
    for line in [*STEPS, *DESK_DETAILS, *TOELATING, *INTRODUCTIES, *ANDERE_INTRODUCTIES]:
        assert line in shown
    assert "Opleidernotitie: sterke motivatie" in shown
    assert "Opleiding: Pabo Twente" in shown


def test_hr_sees_the_steps_and_its_own_introduction_but_no_reasons_notes_or_admissibility(
    client, full_journey, hr
):
    client.force_login(hr)
    page = text(client.get(traject_url(full_journey)))
    shown = timeline(client.get(traject_url(full_journey)))

    for line in [*STEPS, *INTRODUCTIES]:
        assert line in shown
    for line in [*DESK_DETAILS, *TOELATING, *ANDERE_INTRODUCTIES, "Opleidernotitie"]:
        assert line not in page
    assert "Financiële redenen" not in page
    # Accepting the introduction gave the board the candidate's contact details.
    assert "kandidaat@example.nl" in page
    assert "Toelaatbaar, met baan" not in page


def test_the_institute_sees_its_referral_its_outcome_and_its_own_note_only(
    client, full_journey, opleider
):
    client.force_login(opleider)
    page = text(client.get(traject_url(full_journey)))
    shown = timeline(client.get(traject_url(full_journey)))

    for line in [*STEPS, *TOELATING, "Opleidernotitie: sterke motivatie"]:
        assert line in shown
    for line in [*DESK_DETAILS, *INTRODUCTIES, *ANDERE_INTRODUCTIES]:
        assert line not in page
    assert "kandidaat@example.nl" not in page
    assert "Kim Kandidaat" in page
    # The header's admissibility is the institute's own outcome.
    assert re.search(r"<dt>Toelating</dt><dd>Toelaatbaar, met baan</dd>", page)


def test_an_institute_does_not_see_the_outcome_of_an_earlier_institute(
    client, full_journey, adviseur, regio
):
    tweede = OrganisatieFactory(opleiding=True, regio=regio, naam="Universiteit Twente ELAN")
    opleider_twee = UserFactory(role=Role.OPLEIDER, organisatie=tweede)
    kandidaat_move(kandidaat=full_journey, naar=Fase.ORIENTATIE, door=adviseur)
    kandidaat_refer(
        kandidaat=full_journey,
        route=RouteSoort.UNIVERSITAIR,
        opleiding=tweede,
        door=adviseur,
    )
    client.force_login(opleider_twee)
    page = text(client.get(traject_url(full_journey)))

    assert "Verwezen naar Universiteit Twente ELAN" in page
    assert "Toelating: Toelaatbaar, met baan" not in page
    assert "Opleidernotitie" not in page
    assert "Pabo Twente" not in page
    assert "<dt>Toelating</dt><dd>Nog geen uitkomst</dd>" in page


def test_an_erased_candidate_shows_as_a_number_without_contact_details_or_actions(
    client, traject, adviseur
):
    traject.user = None
    traject.telefoon = ""
    traject.gewist_op = timezone.now()
    traject.save()
    client.force_login(adviseur)

    page = text(client.get(traject_url(traject)))

    assert f"Kandidaat {traject.pk} (gewist)" in page
    assert "E-mailadres" not in page
    assert "Traject bijwerken" not in page
    response = client.post(stap_url(traject), {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES})
    assert response.status_code == 404


def test_the_header_shows_stage_adviser_route_institute_and_a_stalled_badge(
    client, scene, adviseur
):
    scene.stil_sinds = timezone.now()
    scene.telefoon = "0612345678"
    scene.save()
    client.force_login(adviseur)

    page = text(client.get(traject_url(scene)))

    assert '<span class="fase-label">Matching</span>' in page
    assert "<dt>Adviseur</dt><dd>Ada Adviseur</dd>" in page
    assert "<dt>Route</dt><dd>Zij-instroom</dd>" in page
    assert "<dt>Lerarenopleiding</dt><dd>Pabo Twente</dd>" in page
    assert "<dt>Toelating</dt><dd>Nog geen uitkomst</dd>" in page
    assert "Stilgevallen sinds" in page
    assert "0612345678" in page


# --- reads are logged ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["adviseur", "opleider", "hr", "beheerder"], indirect=True)
def test_a_staff_read_is_logged(client, scene, persona):
    client.force_login(persona)
    client.get(traject_url(scene))
    inzage = Inzage.objects.get()
    assert (inzage.door, inzage.kandidaat, inzage.wat) == (persona, scene, "traject")


def test_the_candidate_reading_their_own_journey_is_not_logged(client, scene, kandidaat):
    client.force_login(kandidaat)
    assert client.get(traject_url(scene)).status_code == 200
    assert not Inzage.objects.exists()


def test_a_refused_read_is_not_logged(client, traject, adviseur_elders):
    client.force_login(adviseur_elders)
    assert client.get(traject_url(traject)).status_code == 404
    assert not Inzage.objects.exists()


# --- moves on the page --------------------------------------------------------------------------


def test_an_adviser_moves_a_candidate_without_javascript(client, traject, adviseur):
    client.force_login(adviseur)
    response = client.post(
        stap_url(traject),
        {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES, "toelichting": "Gesprek gepland"},
        follow=True,
    )

    assert response.redirect_chain == [(traject_url(traject), 302)]
    assert "Kim Kandidaat staat nu in de fase Advies." in text(response)
    traject.refresh_from_db()
    assert traject.fase == Fase.ADVIES
    event = traject.events.last()
    assert (event.van, event.naar, event.door, event.toelichting) == (
        Fase.ORIENTATIE,
        Fase.ADVIES,
        adviseur,
        "Gesprek gepland",
    )
    assert "Gesprek gepland" in timeline(response)


def test_with_htmx_a_move_returns_only_the_journey_section(client, traject, adviseur):
    client.force_login(adviseur)
    response = client.post(stap_url(traject), {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES}, **HTMX)

    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith('<div id="traject"')
    assert "<html" not in html
    assert "Kim Kandidaat staat nu in de fase Advies." in html
    assert "Van Oriëntatie naar Advies" in html
    # The next form starts from the new stage.
    assert 'name="van" value="advies"' in html


def test_dropping_out_needs_a_reason_from_the_active_list(client, traject, adviseur):
    retired = Uitvalreden.objects.create(naam="Oude reden", actief=False)
    client.force_login(adviseur)

    missing = client.post(stap_url(traject), {"van": Fase.ORIENTATIE, "naar": Fase.UITGEVALLEN})
    old = client.post(
        stap_url(traject),
        {"van": Fase.ORIENTATIE, "naar": Fase.UITGEVALLEN, "reden": retired.pk},
    )

    assert missing.status_code == 422
    assert "Kies een reden voor het uitvallen." in text(missing)
    assert old.status_code == 422
    assert "Kies een reden uit de lijst." in text(old)
    assert "Oude reden" not in text(old)
    traject.refresh_from_db()
    assert traject.fase == Fase.ORIENTATIE
    assert traject.events.count() == 1

    reden = Uitvalreden.objects.get(naam="Financiële redenen")
    client.post(
        stap_url(traject), {"van": Fase.ORIENTATIE, "naar": Fase.UITGEVALLEN, "reden": reden.pk}
    )
    assert traject.events.last().reden == reden


def test_a_referral_to_another_region_records_the_region(
    client, traject, adviseur, andere_regio, adviseur_elders
):
    client.force_login(adviseur)
    client.post(
        stap_url(traject),
        {"van": Fase.ORIENTATIE, "naar": Fase.DOORVERWEZEN, "naar_regio": andere_regio.pk},
    )
    event = traject.events.last()
    assert (event.naar, event.naar_regio) == (Fase.DOORVERWEZEN, andere_regio)
    assert traject in Kandidaat.objects.visible_to(adviseur_elders)


@pytest.mark.parametrize("naar", [Fase.ROUTE_TOELATING, Fase.GEPAUZEERD])
def test_a_stale_form_changes_nothing_even_when_the_move_is_still_allowed(
    client, traject, adviseur, naar
):
    """The adviser opened the page at orientation; a colleague moved the candidate to advice."""
    collega = UserFactory(role=Role.LOKETADVISEUR, regio=traject.regio)
    kandidaat_move(kandidaat=traject, naar=Fase.ADVIES, door=collega)
    client.force_login(adviseur)

    for headers in ({}, HTMX):
        response = client.post(stap_url(traject), {"van": Fase.ORIENTATIE, "naar": naar}, **headers)
        assert response.status_code == (200 if headers else 422)
        assert "Iemand anders heeft deze kandidaat intussen naar Advies gezet." in text(response)

    traject.refresh_from_db()
    assert traject.fase == Fase.ADVIES
    assert traject.events.count() == 2


def test_a_move_that_is_not_allowed_gets_the_dutch_message(client, traject, adviseur):
    client.force_login(adviseur)
    response = client.post(stap_url(traject), {"van": Fase.ORIENTATIE, "naar": Fase.MATCHING})
    assert response.status_code == 422
    assert "Van Oriëntatie naar Matching is geen toegestane stap." in text(response)
    traject.refresh_from_db()
    assert traject.fase == Fase.ORIENTATIE
    assert traject.events.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"van": Fase.ORIENTATIE, "naar": "bestaat_niet"}, "Kies een fase uit de lijst."),
        ({"van": Fase.ORIENTATIE}, "Kies een fase."),
        (
            {"van": "onzin", "naar": Fase.ADVIES},
            "Het formulier is niet volledig; laad de pagina opnieuw.",
        ),
        (
            {"van": Fase.ORIENTATIE, "naar": Fase.DOORVERWEZEN, "naar_regio": "999999"},
            "Kies een regio uit de lijst.",
        ),
    ],
)
def test_bad_move_input_gets_a_dutch_message_and_changes_nothing(
    client, traject, adviseur, data, message
):
    client.force_login(adviseur)
    response = client.post(stap_url(traject), data)
    assert response.status_code == 422
    assert message in text(response)
    assert traject.events.count() == 1


def test_html_in_a_note_is_shown_escaped(client, traject, adviseur, kandidaat):
    client.force_login(adviseur)
    client.post(
        stap_url(traject),
        {
            "van": Fase.ORIENTATIE,
            "naar": Fase.ADVIES,
            "toelichting": '<script>alert("x")</script>\n<b>vet</b>',
        },
    )
    for persona in (adviseur, kandidaat):
        client.force_login(persona)
        page = text(client.get(traject_url(traject)))
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;vet&lt;/b&gt;" in page


def test_an_adviser_takes_over_a_candidate(client, traject, adviseur, regio):
    collega = UserFactory(role=Role.LOKETADVISEUR, regio=regio, naam="Cor Collega")
    client.force_login(collega)
    page = text(client.get(traject_url(traject)))
    assert "Neem over als adviseur" in page

    response = client.post(reverse("kandidaten:traject_overnemen", args=[traject.pk]), follow=True)

    assert "Je bent nu de adviseur van Kim Kandidaat." in text(response)
    assert "<dt>Adviseur</dt><dd>Cor Collega</dd>" in text(response)
    assert "Jij bent de adviseur van deze kandidaat." in text(response)
    traject.refresh_from_db()
    assert traject.adviseur == collega


def test_taking_over_as_adviser_shows_on_the_timeline_of_the_candidate_and_the_desk_only(
    client, scene, kandidaat, hr, opleider, regio
):
    collega = UserFactory(role=Role.LOKETADVISEUR, regio=regio, naam="Cor Collega")
    Kandidaat.objects.filter(pk=scene.pk).update(stil_sinds=timezone.now())
    client.force_login(collega)
    client.post(reverse("kandidaten:traject_overnemen", args=[scene.pk]))
    # Taking over again is no news: nothing more on the timeline.
    client.post(reverse("kandidaten:traject_overnemen", args=[scene.pk]))

    event = scene.events.get(soort=EventSoort.ADVISEUR)
    assert (event.door, event.van, event.naar) == (collega, scene.fase, scene.fase)
    # A handover is no contact with the candidate: a stalled candidate stays stalled.
    scene.refresh_from_db()
    assert scene.stil_sinds is not None
    for persona in (kandidaat, collega):
        client.force_login(persona)
        assert "Cor Collega is nu de adviseur" in timeline(client.get(traject_url(scene)))
    for persona in (hr, opleider):
        client.force_login(persona)
        assert "is nu de adviseur" not in text(client.get(traject_url(scene)))


def test_referring_to_an_institute_sets_route_and_institute_and_writes_an_event(
    client, traject, adviseur, opleiding
):
    client.force_login(adviseur)
    response = client.post(
        reverse("kandidaten:traject_verwijzen", args=[traject.pk]),
        {"route": RouteSoort.DEELTIJD_PABO, "opleiding": opleiding.pk, "toelichting": "Past"},
        follow=True,
    )
    assert "Kim Kandidaat is verwezen naar Pabo Twente." in text(response)
    traject.refresh_from_db()
    assert (traject.route, traject.opleiding) == (RouteSoort.DEELTIJD_PABO, opleiding)
    event = traject.events.last()
    assert (event.soort, event.door, event.organisatie, event.route, event.toelichting) == (
        EventSoort.VERWIJZING,
        adviseur,
        opleiding,
        RouteSoort.DEELTIJD_PABO,
        "Past",
    )
    assert "Verwezen naar Pabo Twente (Deeltijd pabo)" in timeline(response)


@pytest.mark.parametrize(
    ("route", "welke", "message"),
    [
        (RouteSoort.ZIJ_INSTROOM, "geen", "Kies een lerarenopleiding."),
        ("astronaut", "eigen", "Kies een route uit de lijst."),
        (RouteSoort.ZIJ_INSTROOM, "elders", "Kies een lerarenopleiding uit de regio."),
        (RouteSoort.ZIJ_INSTROOM, "bestuur", "Kies een lerarenopleiding uit de regio."),
    ],
)
def test_referring_to_an_institute_outside_the_region_or_no_institute_writes_nothing(
    client, traject, adviseur, opleiding, andere_opleiding, bestuur, route, welke, message
):
    data = {"route": route}
    if welke != "geen":
        data["opleiding"] = {"eigen": opleiding, "elders": andere_opleiding, "bestuur": bestuur}[
            welke
        ].pk
    client.force_login(adviseur)

    response = client.post(reverse("kandidaten:traject_verwijzen", args=[traject.pk]), data)

    assert response.status_code == 422
    assert message in text(response)
    traject.refresh_from_db()
    assert traject.opleiding is None
    assert traject.route == ""
    assert traject.events.count() == 1


# --- query counts -------------------------------------------------------------------------------


def _grow_journey(kandidaat, adviseur, opleider, n):
    """n round trips matching -> route & toelating -> matching, plus milestones of each kind."""
    for _ in range(n):
        kandidaat_move(
            kandidaat=kandidaat, naar=Fase.ROUTE_TOELATING, door=adviseur, toelichting="a"
        )
        kandidaat_move(kandidaat=kandidaat, naar=Fase.MATCHING, door=adviseur)
        toelating_record(kandidaat=kandidaat, toelating=Toelating.REGULIER, door=opleider)


@pytest.mark.parametrize("persona", ["adviseur", "opleider", "hr", "kandidaat"], indirect=True)
def test_the_journey_page_needs_as_many_queries_for_30_events_as_for_3(
    client, scene, adviseur, opleider, persona, django_assert_max_num_queries
):
    client.force_login(persona)
    _grow_journey(scene, adviseur, opleider, 1)
    assert scene.events.count() < 10
    with django_assert_max_num_queries(16) as few:
        assert client.get(traject_url(scene)).status_code == 200

    _grow_journey(scene, adviseur, opleider, 10)
    assert scene.events.count() >= 30
    with django_assert_max_num_queries(16) as many:
        assert client.get(traject_url(scene)).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_introductions_are_listed_for_the_desk_with_their_status(
    client, scene, adviseur, tweede_bestuur
):
    Introductie.objects.create(kandidaat=scene, bestuur=tweede_bestuur, door=adviseur)
    client.force_login(adviseur)
    page = text(client.get(traject_url(scene)))
    assert "Stichting Tweede Kans: Geaccepteerd door de kandidaat" in page
    assert "Stichting Ander Bestuur: Voorgesteld, wacht op de kandidaat" in page


# --- the operator's admin -----------------------------------------------------------------------


def test_the_operator_reads_the_read_log_in_the_admin_but_cannot_change_it(
    client, scene, adviseur, beheerder
):
    client.force_login(adviseur)
    client.get(traject_url(scene))
    inzage = Inzage.objects.get()
    client.force_login(beheerder)

    changelist = client.get(reverse("admin:kandidaten_inzage_changelist"))
    assert changelist.status_code == 200
    assert "Ada Adviseur" in text(changelist)
    assert reverse("admin:kandidaten_inzage_add") not in text(changelist)
    assert client.get(reverse("admin:kandidaten_inzage_add")).status_code == 403
    detail = client.post(
        reverse("admin:kandidaten_inzage_change", args=[inzage.pk]), {"wat": "anders"}
    )
    assert detail.status_code == 403
    assert (
        client.post(
            reverse("admin:kandidaten_inzage_delete", args=[inzage.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    inzage.refresh_from_db()
    assert inzage.wat == "traject"


def test_the_admin_lists_introductions_and_stall_rules_and_shows_event_kinds(
    client, scene, adviseur, andere_regio, beheerder
):
    kandidaat_move(kandidaat=scene, naar=Fase.DOORVERWEZEN, door=adviseur, naar_regio=andere_regio)
    client.force_login(beheerder)

    introducties = text(client.get(reverse("admin:kandidaten_introductie_changelist")))
    assert "Stichting Tweede Kans" in introducties
    assert "Geaccepteerd door de kandidaat" in introducties
    assert client.get(reverse("admin:kandidaten_stilstandregel_changelist")).status_code == 200
    kandidaat = text(client.get(reverse("admin:kandidaten_kandidaat_change", args=[scene.pk])))
    assert re.search(r'class="field-soort">\s*<p>Introductie bij een school</p>', kandidaat)
    assert re.search(
        r'class="field-naar_regio">\s*<p>(<a [^>]*>)?Onderwijsregio Rotterdam<', kandidaat
    )


def test_the_admin_timeline_query_count_does_not_grow_with_events(
    client, scene, adviseur, opleiding, beheerder
):
    client.force_login(beheerder)
    url = reverse("admin:kandidaten_kandidaat_change", args=[scene.pk])

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    before = queries()  # the first request also loads what the session caches
    for _ in range(10):
        kandidaat_refer(
            kandidaat=scene, route=RouteSoort.ZIJ_INSTROOM, opleiding=opleiding, door=adviseur
        )
    assert queries() <= before


def test_the_move_form_proposes_the_next_step_forward(client, scene, adviseur):
    """Regression (matching issue): in matching the form pre-selected the step back."""
    client.force_login(adviseur)
    page = text(client.get(traject_url(scene)))
    assert '<option value="aanstelling" selected>' in page
