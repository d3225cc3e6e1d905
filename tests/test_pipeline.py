"""The adviser's pipeline board: the region's candidates per stage with counts, filters,
search and pages, and one-click moves (htmx: the row and the counts; without: a redirect)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kandidaten.models import Fase, Kandidaat, RouteSoort
from kandidaten.services import kandidaat_move
from regio.models import Role, Sector

from .factories import KandidaatFactory, UserFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
PIPELINE = reverse("kandidaten:pipeline")


def text(response) -> str:
    return response.content.decode()


def stap_url(kandidaat, query: str = "") -> str:
    return reverse("kandidaten:pipeline_stap", args=[kandidaat.pk]) + query


def counts(html: str) -> dict[str, int]:
    """The number on each stage tab, by stage ("alle" for all)."""
    return {
        fase: int(aantal)
        for fase, aantal in re.findall(
            r'data-fase="(\w+)">[^<]*<span class="aantal">(\d+)</span>', html
        )
    }


def names(html: str) -> list[str]:
    """The candidates' names in the table, in order."""
    return re.findall(
        r'<tr id="kandidaat-\d+">\s*<th scope="row">\s*<a href="[^"]+">([^<]+)</a>', html
    )


def kandidaat_in(regio, naam, **fields):
    return KandidaatFactory(regio=regio, user=UserFactory(naam=naam), **fields)


@pytest.fixture
def bord(regio, adviseur, traject, ander_traject, traject_elders):
    """Kim (orientation) and Bo (advice) of `adviseur`; Cas paused from route & toelating with
    another adviser; Dana stalled in matching, without an adviser; and one elsewhere."""
    collega = UserFactory(role=Role.LOKETADVISEUR, regio=regio, naam="Cor Collega")
    kandidaat_move(kandidaat=ander_traject, naar=Fase.ADVIES, door=adviseur)
    cas = kandidaat_in(
        regio,
        "Cas de Vries",
        adviseur=collega,
        route=RouteSoort.DEELTIJD_PABO,
        sectoren=[Sector.PO],
        vak="Groep 7/8",
    )
    kandidaat_move(kandidaat=cas, naar=Fase.ADVIES, door=collega)
    kandidaat_move(kandidaat=cas, naar=Fase.ROUTE_TOELATING, door=collega)
    kandidaat_move(kandidaat=cas, naar=Fase.GEPAUZEERD, door=collega)
    dana = kandidaat_in(
        regio,
        "Dana Wiskunde",
        fase=Fase.MATCHING,
        stil_sinds=timezone.now(),
        route=RouteSoort.ZIJ_INSTROOM,
        sectoren=[Sector.VO],
        vak="Wiskunde",
    )
    return {"collega": collega, "cas": cas, "dana": dana}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("adviseur", 200),
        ("kandidaat", 404),
        ("hr", 404),
        ("opleider", 404),
        ("projectleider", 404),
        ("beheerder", 404),
    ],
    indirect=["persona"],
)
def test_only_advisers_open_the_board(client, traject, persona, status):
    client.force_login(persona)
    assert client.get(PIPELINE).status_code == status
    response = client.post(stap_url(traject), {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES})
    assert response.status_code == (302 if status == 200 else 404)
    traject.refresh_from_db()
    assert traject.fase == (Fase.ADVIES if status == 200 else Fase.ORIENTATIE)


def test_the_board_shows_the_regions_candidates_with_counts_per_stage(client, bord, adviseur):
    client.force_login(adviseur)
    html = text(client.get(PIPELINE))

    assert sorted(names(html)) == ["Bo Bakker", "Cas de Vries", "Dana Wiskunde", "Kim Kandidaat"]
    assert counts(html) == {
        "alle": 4,
        "orientatie": 1,
        "advies": 1,
        "route_toelating": 0,
        "matching": 1,
        "aanstelling": 0,
        "opleiding_inductie": 0,
        "gepauzeerd": 1,
        "uitgevallen": 0,
        "doorverwezen": 0,
    }
    assert "4 kandidaten gevonden" in html
    row = html[html.index("Dana Wiskunde") :]
    row = row[: row.index("</tr>")]
    assert "Stilgevallen" in row
    assert "Zij-instroom" in row
    assert "Matching" in row


def test_each_row_offers_only_the_allowed_next_steps(client, bord, adviseur):
    client.force_login(adviseur)
    html = text(client.get(PIPELINE))

    def buttons(naam):
        row = html[html.index(f">{naam}</a>") :]
        return re.findall(r'name="naar" value="(\w+)"', row[: row.index("</tr>")])

    assert buttons("Kim Kandidaat") == [Fase.ADVIES, Fase.GEPAUZEERD]
    assert buttons("Bo Bakker") == [Fase.ORIENTATIE, Fase.ROUTE_TOELATING, Fase.GEPAUZEERD]
    # Paused from route & toelating: resumes there (dropping out needs a reason: not here).
    assert buttons("Cas de Vries") == [Fase.ROUTE_TOELATING]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fase=advies", ["Bo Bakker"]),
        ("route=zij_instroom", ["Dana Wiskunde"]),
        ("sector=po", ["Cas de Vries"]),
        ("vak=wisk", ["Dana Wiskunde"]),
        ("vak=GROEP 7", ["Cas de Vries"]),
        ("stil=on", ["Dana Wiskunde"]),
        ("q=bakker", ["Bo Bakker"]),
        ("q=KANDIDAAT%40example", ["Kim Kandidaat"]),
        ("q=niemand", []),
        ("fase=matching&stil=on&route=zij_instroom", ["Dana Wiskunde"]),
    ],
)
def test_filters_and_search_narrow_the_board(client, bord, adviseur, query, expected):
    client.force_login(adviseur)
    assert sorted(names(text(client.get(f"{PIPELINE}?{query}")))) == expected


def test_the_adviser_filter_lists_the_regions_advisers(client, bord, adviseur, adviseur_elders):
    client.force_login(adviseur)
    collega = bord["collega"]
    html = text(client.get(f"{PIPELINE}?adviseur={collega.pk}"))
    assert names(html) == ["Cas de Vries"]
    assert f'<option value="{collega.pk}" selected>Cor Collega</option>' in html
    assert f'value="{adviseur_elders.pk}"' not in html

    html = text(client.get(f"{PIPELINE}?adviseur={adviseur_elders.pk}"))
    assert "Kies een adviseur uit de lijst." in html
    assert len(names(html)) == 4


def test_the_stage_counts_follow_the_other_filters(client, bord, adviseur):
    client.force_login(adviseur)
    html = text(client.get(f"{PIPELINE}?adviseur={adviseur.pk}&fase=advies"))
    assert counts(html)["alle"] == 2
    assert counts(html)["advies"] == 1
    assert counts(html)["matching"] == 0
    assert 'aria-current="page" data-fase="advies"' in html


def test_an_unknown_stage_filter_gets_a_dutch_message_and_is_ignored(client, bord, adviseur):
    client.force_login(adviseur)
    html = text(client.get(f"{PIPELINE}?fase=<script>"))
    assert "Kies een fase uit de lijst." in html
    assert "<script>" not in html
    assert len(names(html)) == 4


def test_the_board_pages_by_25_and_htmx_gets_only_the_results(client, regio, adviseur):
    for i in range(30):
        kandidaat_in(regio, f"Kandidaat {i:02d}")
    client.force_login(adviseur)

    first = text(client.get(PIPELINE))
    second = text(client.get(f"{PIPELINE}?page=2", **HTMX))

    assert len(names(first)) == 25
    assert "Pagina 1 van 2" in first
    assert len(names(second)) == 5
    assert second.lstrip().startswith('<div id="resultaten"')
    assert "<html" not in second


def test_a_move_with_htmx_returns_the_row_and_the_new_counts(client, bord, adviseur, traject):
    client.force_login(adviseur)
    response = client.post(
        stap_url(traject, "?stil=&route="), {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES}, **HTMX
    )

    html = text(response)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="kandidaat-{traject.pk}">')
    assert "Kim Kandidaat staat nu in de fase Advies." in html
    assert '<nav id="fasetabs" class="fasetabs" aria-label="Fasen" hx-swap-oob="true">' in html
    assert counts(html)["orientatie"] == 0
    assert counts(html)["advies"] == 2
    # The row's next buttons keep the board's filters in their address.
    assert f'hx-post="{stap_url(traject, "?stil=&amp;route=")}"' in html
    traject.refresh_from_db()
    assert traject.fase == Fase.ADVIES
    assert traject.events.last().door == adviseur


def test_a_move_without_javascript_redirects_to_the_board_with_its_filters(
    client, bord, adviseur, traject
):
    client.force_login(adviseur)
    response = client.post(
        stap_url(traject, "?fase=orientatie&q=kim"), {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES}
    )
    assert response.status_code == 302
    assert response.url == f"{PIPELINE}?fase=orientatie&q=kim"

    page = text(client.get(response.url))
    assert "Kim Kandidaat staat nu in de fase Advies." in page
    assert counts(page)["advies"] == 1
    traject.refresh_from_db()
    assert traject.fase == Fase.ADVIES


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "zonder-js"])
def test_a_stale_move_on_the_board_changes_nothing(client, bord, adviseur, traject, htmx):
    kandidaat_move(kandidaat=traject, naar=Fase.ADVIES, door=bord["collega"])
    client.force_login(adviseur)

    response = client.post(
        stap_url(traject),
        {"van": Fase.ORIENTATIE, "naar": Fase.GEPAUZEERD},
        follow=not htmx,
        **(HTMX if htmx else {}),
    )

    assert "Iemand anders heeft deze kandidaat intussen naar Advies gezet." in text(response)
    if htmx:
        # The row shows the candidate as they are now, with the buttons that fit that.
        assert "<td>Advies</td>" in text(response)
    traject.refresh_from_db()
    assert traject.fase == Fase.ADVIES
    assert traject.events.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"van": Fase.ORIENTATIE, "naar": Fase.MATCHING}, "geen toegestane stap"),
        ({"van": Fase.ORIENTATIE, "naar": "verzonnen"}, "Kies een fase uit de lijst."),
        ({"van": Fase.ORIENTATIE, "naar": Fase.UITGEVALLEN}, "Kies een reden voor het uitvallen."),
    ],
)
def test_a_bad_move_on_the_board_gets_a_dutch_message(
    client, bord, adviseur, traject, data, message
):
    client.force_login(adviseur)
    response = client.post(stap_url(traject), data, **HTMX)
    assert message in text(response)
    traject.refresh_from_db()
    assert traject.fase == Fase.ORIENTATIE
    assert traject.events.count() == 1


def test_a_candidate_of_another_region_cannot_be_moved_from_the_board(
    client, adviseur, traject_elders
):
    client.force_login(adviseur)
    response = client.post(stap_url(traject_elders), {"van": Fase.ORIENTATIE, "naar": Fase.ADVIES})
    assert response.status_code == 404
    traject_elders.refresh_from_db()
    assert traject_elders.fase == Fase.ORIENTATIE


def test_an_erased_candidate_shows_as_a_number_without_buttons(client, regio, adviseur):
    gewist = KandidaatFactory(regio=regio, fase=Fase.UITGEVALLEN)
    Kandidaat.objects.filter(pk=gewist.pk).update(user=None, gewist_op=timezone.now())
    client.force_login(adviseur)

    html = text(client.get(PIPELINE))

    assert names(html) == [f"Kandidaat {gewist.pk} (gewist)"]
    assert 'name="naar"' not in html
    response = client.post(stap_url(gewist), {"van": Fase.UITGEVALLEN, "naar": Fase.ORIENTATIE})
    assert response.status_code == 302
    gewist.refresh_from_db()
    assert gewist.fase == Fase.UITGEVALLEN


def test_the_board_needs_as_many_queries_for_30_candidates_as_for_3(
    client, regio, adviseur, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            kandidaat = kandidaat_in(
                regio, f"K{i}", adviseur=adviseur, route=RouteSoort.ZIJ_INSTROOM
            )
            kandidaat_move(kandidaat=kandidaat, naar=Fase.GEPAUZEERD, door=adviseur)

    client.force_login(adviseur)
    add(3)
    query = f"?adviseur={adviseur.pk}&route=zij_instroom"
    with django_assert_max_num_queries(10) as few:
        assert len(names(text(client.get(PIPELINE + query)))) == 3
    add(27)
    with django_assert_max_num_queries(10) as many:
        html = text(client.get(PIPELINE + query))
    assert len(names(html)) == 25
    assert html.count('name="naar" value="orientatie"') == 25  # each resumes where it paused
    assert len(many.captured_queries) == len(few.captured_queries)
