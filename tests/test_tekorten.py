"""Hidden-shortage returns: HR files and corrects its board's quarterly return, the project
leader follows the region and reports the quarter, after which the returns are final."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio import tekorten
from regio.models import (
    KwartaalAfsluiting,
    Sector,
    TekortOpgave,
    TekortRegel,
)

from .factories import OrganisatieFactory
from .factories_vacatures import TekortOpgaveFactory, TekortRegelFactory, vak

HTMX = {"HTTP_HX_REQUEST": "true"}

# The quarter before the current one: open for filing, and already over so it can be reported.
JAAR, KWARTAAL = tekorten.vorig_kwartaal(*tekorten.huidig_kwartaal())
LABEL = f"K{KWARTAAL} {JAAR}"


def text(response) -> str:
    return response.content.decode()


def regel(**velden) -> dict:
    """One line as HR types it: a vo maths teacher line, with Dutch decimal commas."""
    data = {
        "sector": Sector.VO,
        "functie": "leraar",
        "vak": "Wiskunde",  # by name; formset_post posts its pk
        "werkgelegenheid_fte": "40",
        "onbevoegd_fte": "1,5",
        "anders_bevoegd_fte": "",
        "samengevoegd_fte": "0,5",
        "lesuitval_fte": "",
        "overig_fte": "",
        "ingevuld_bevoegd_fte": "",
        "ingevuld_onbevoegd_fte": "1,5",
    }
    data.update(velden)
    return data


def formset_post(*regels, initial=0, **extra) -> dict:
    data = {
        "regels-TOTAL_FORMS": str(len(regels)),
        "regels-INITIAL_FORMS": str(initial),
        "regels-MIN_NUM_FORMS": "0",
        "regels-MAX_NUM_FORMS": "100",
    }
    for index, velden in enumerate(regels):
        for naam, waarde in velden.items():
            if naam == "vak" and waarde:
                waarde = str(vak(waarde).pk)
            data[f"regels-{index}-{naam}"] = waarde
    data.update(extra)
    return data


def twee_regels():
    return (
        regel(),
        regel(
            functie="onderwijsassistent",
            vak="",
            werkgelegenheid_fte="12.5",
            onbevoegd_fte="",
            samengevoegd_fte="",
            overig_fte="2",
            ingevuld_bevoegd_fte="0.5",
            ingevuld_onbevoegd_fte="1",
        ),
    )


def opgave_url(jaar=JAAR, kwartaal=KWARTAAL):
    return reverse("regio:hr_tekortopgave", args=[jaar, kwartaal])


@pytest.fixture
def hr_client(client, hr):
    client.force_login(hr)
    return client


@pytest.fixture
def pl_client(client, projectleider):
    client.force_login(projectleider)
    return client


@pytest.fixture
def opgave(bestuur, hr):
    """The board's return for the previous quarter: one maths line."""
    opgave = TekortOpgaveFactory(bestuur=bestuur, jaar=JAAR, kwartaal=KWARTAAL, ingediend_door=hr)
    TekortRegelFactory(opgave=opgave)
    return opgave


@pytest.fixture
def opgave_elders(ander_bestuur):
    opgave = TekortOpgaveFactory(bestuur=ander_bestuur, jaar=JAAR, kwartaal=KWARTAAL)
    TekortRegelFactory(opgave=opgave, werkgelegenheid_fte=Decimal("77"))
    return opgave


def snapshot():
    """Everything a refused POST must leave as it was."""
    return (
        list(TekortOpgave.objects.values_list("pk", "gewijzigd_op").order_by("pk")),
        list(
            TekortRegel.objects.order_by("pk").values_list(
                "opgave_id", "functie", "vak_id", "werkgelegenheid_fte", "onbevoegd_fte"
            )
        ),
    )


# HR files and corrects -----------------------------------------------------------------------


def test_hr_files_a_return_with_two_lines_and_sees_it(hr_client, hr, bestuur):
    response = hr_client.post(opgave_url(), formset_post(*twee_regels()))

    assert response.status_code == 302
    opgave = TekortOpgave.objects.get(bestuur=bestuur, jaar=JAAR, kwartaal=KWARTAAL)
    assert opgave.ingediend_door == hr
    regels = {r.functie: r for r in opgave.regels.all()}
    assert regels["leraar"].onbevoegd_fte == Decimal("1.5")
    assert regels["leraar"].vak == vak("Wiskunde")
    assert regels["onderwijsassistent"].werkgelegenheid_fte == Decimal("12.5")
    assert regels["onderwijsassistent"].ingevuld_bevoegd_fte == Decimal("0.5")

    overzicht = text(hr_client.get(response.url))
    assert f"De opgave voor {LABEL} is ingediend." in overzicht
    assert "Ingediend" in overzicht
    assert "52,50" in overzicht  # employment 40 + 12.5
    assert "4,00" in overzicht  # hidden 1.5 + 0.5 + 2

    pagina = text(hr_client.get(opgave_url()))
    assert 'value="1,50"' in pagina
    assert 'value="12,50"' in pagina


def test_hr_page_lists_the_last_five_quarters_with_what_is_not_filed(hr_client, opgave):
    page = text(hr_client.get(reverse("regio:hr_tekorten")))

    for jaar, kwartaal in tekorten.recente_kwartalen(5):
        assert f"K{kwartaal} {jaar}" in page
    assert page.count("Niet ingediend") == 4
    assert page.count("Opgave indienen") == 4
    assert "Corrigeren" in page


def test_hr_corrects_the_return_and_its_lines_are_replaced(hr_client, hr, opgave):
    eerst_ingediend = opgave.ingediend_op
    correctie = regel(functie="leraar", werkgelegenheid_fte="41", onbevoegd_fte="3")
    correctie["ingevuld_onbevoegd_fte"] = "3"

    response = hr_client.post(opgave_url(), formset_post(correctie, initial=1))

    assert response.status_code == 302
    opgave.refresh_from_db()
    [enige] = opgave.regels.all()
    assert enige.werkgelegenheid_fte == Decimal("41")
    assert enige.onbevoegd_fte == Decimal("3")
    assert opgave.ingediend_op == eerst_ingediend
    assert opgave.gewijzigd_op > eerst_ingediend
    assert opgave.ingediend_door == hr
    assert f"De opgave voor {LABEL} is gecorrigeerd." in text(hr_client.get(response.url))


def test_hr_removes_a_line_with_the_delete_box(hr_client, opgave, bestuur):
    weg = regel(DELETE="on")
    blijft = twee_regels()[1]

    response = hr_client.post(opgave_url(), formset_post(weg, blijft, initial=1))

    assert response.status_code == 302
    assert list(opgave.regels.values_list("functie", flat=True)) == ["onderwijsassistent"]


def test_a_decimal_point_and_a_decimal_comma_both_work(hr_client, bestuur):
    regels = (
        regel(onbevoegd_fte="1.5"),
        regel(functie="schoolleider", vak="", onbevoegd_fte="1,5"),
    )

    response = hr_client.post(opgave_url(), formset_post(*regels))

    assert response.status_code == 302
    assert set(TekortRegel.objects.values_list("onbevoegd_fte", flat=True)) == {Decimal("1.5")}


def test_empty_extra_lines_are_ignored_and_an_empty_return_is_refused(hr_client, bestuur):
    leeg = {"sector": "po", "functie": "", "vak": ""}

    response = hr_client.post(opgave_url(), formset_post(leeg, leeg))

    assert response.status_code == 422
    assert "Vul ten minste één regel in." in text(response)
    assert not TekortOpgave.objects.exists()


# Bad input -----------------------------------------------------------------------------------


BAD_LINES = {
    "negative fte": (
        (regel(lesuitval_fte="-1"),),
        "Een aantal fte kan niet negatief zijn.",
    ),
    "filled more than the hidden total": (
        (regel(ingevuld_bevoegd_fte="1", ingevuld_onbevoegd_fte="1,5"),),
        "Bevoegd en onbevoegd ingevuld samen zijn niet meer dan het verborgen tekort.",
    ),
    "text in a number": (
        (regel(werkgelegenheid_fte="veertig"),),
        "Vul een getal in, bijv. 1,5.",
    ),
    "a subject for primary education": (
        (regel(sector=Sector.PO),),
        "Een vak hoort bij het vo of mbo.",
    ),
    "the same function and subject twice": (
        (regel(), regel(werkgelegenheid_fte="3")),
        "Voortgezet onderwijs (VO), Leraar, Wiskunde staat meer dan één keer in de opgave.",
    ),
    "no employment": (
        (regel(werkgelegenheid_fte=""),),
        "Vul het aantal fte in (0 als er geen is).",
    ),
    "no function": (
        (regel(functie=""),),
        "Kies een functie.",
    ),
    "too many decimals": (
        (regel(overig_fte="0,125"),),
        "Vul hoogstens twee cijfers na de komma in.",
    ),
}


@pytest.mark.parametrize("regels, fout", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_bad_input_gets_a_dutch_message_and_nothing_is_saved(hr_client, opgave, regels, fout):
    voor = snapshot()

    response = hr_client.post(opgave_url(), formset_post(*regels, initial=1))

    assert response.status_code == 422
    assert fout in text(response)
    assert snapshot() == voor


def test_a_broken_management_form_is_a_message_not_a_crash(hr_client, opgave):
    voor = snapshot()

    response = hr_client.post(opgave_url(), {"regels-0-sector": "vo"})

    assert response.status_code == 422
    assert snapshot() == voor


# Reported quarters are final -----------------------------------------------------------------


def test_after_the_quarter_is_reported_hr_can_no_longer_change_the_return(
    hr_client, hr, opgave, regio, projectleider, client
):
    tekorten.kwartaal_afsluiten(regio=regio, jaar=JAAR, kwartaal=KWARTAAL, door=projectleider)
    voor = snapshot()

    response = hr_client.post(opgave_url(), formset_post(regel(werkgelegenheid_fte="99")))

    assert response.status_code == 302
    assert snapshot() == voor
    page = text(hr_client.get(response.url))
    assert "Dit kwartaal is al gerapporteerd" in page
    assert "de opgave is definitief" in page
    assert '<form method="post" action="' + opgave_url() not in page
    assert "40,00" in page  # the return is still shown, read-only
    assert not TekortOpgave.objects.editable_by(hr).filter(pk=opgave.pk).exists()
    assert TekortOpgave.objects.visible_to(hr).filter(pk=opgave.pk).exists()
    with pytest.raises(ValidationError, match="al gerapporteerd"):
        tekorten.tekortopgave_save(
            bestuur=opgave.bestuur, jaar=JAAR, kwartaal=KWARTAAL, regels=[], door=hr
        )


def test_the_hr_overview_marks_a_reported_quarter_final(hr_client, opgave, regio):
    KwartaalAfsluiting.objects.create(regio=regio, jaar=JAAR, kwartaal=KWARTAAL)

    page = text(hr_client.get(reverse("regio:hr_tekorten")))

    assert "Definitief (gerapporteerd)" in page
    assert "Bekijken" in page


def test_project_leader_closes_the_quarter_from_the_overview(pl_client, regio, opgave):
    response = pl_client.post(reverse("regio:tekorten_afsluiten", args=[JAAR, KWARTAAL]))

    assert response.status_code == 302
    assert KwartaalAfsluiting.objects.filter(regio=regio, jaar=JAAR, kwartaal=KWARTAAL).exists()
    page = text(pl_client.get(response.url))
    assert f"{LABEL} is afgesloten" in page
    assert "Gerapporteerd" in page
    assert "Kwartaal afsluiten</button>" not in page


def test_closing_a_quarter_that_has_not_ended_is_refused(pl_client, regio, projectleider):
    jaar, kwartaal = tekorten.huidig_kwartaal()

    response = pl_client.post(reverse("regio:tekorten_afsluiten", args=[jaar, kwartaal]))

    assert not KwartaalAfsluiting.objects.exists()
    assert "Een kwartaal kan pas na de laatste dag worden afgesloten." in text(
        pl_client.get(response.url)
    )
    with pytest.raises(ValidationError, match="pas na de laatste dag"):
        tekorten.kwartaal_afsluiten(regio=regio, jaar=jaar, kwartaal=kwartaal, door=projectleider)


def test_closing_twice_changes_nothing(regio, projectleider, beheerder):
    eerste = tekorten.kwartaal_afsluiten(
        regio=regio, jaar=JAAR, kwartaal=KWARTAAL, door=projectleider
    )
    tweede = tekorten.kwartaal_afsluiten(regio=regio, jaar=JAAR, kwartaal=KWARTAAL, door=beheerder)

    assert tweede == eerste
    assert tweede.door == projectleider
    assert KwartaalAfsluiting.objects.count() == 1


def test_a_quarter_that_has_not_begun_or_is_too_old_cannot_be_filed(bestuur, hr):
    jaar, kwartaal = tekorten.huidig_kwartaal()
    toekomst = (jaar + 1, kwartaal)
    te_oud = (jaar - 2, kwartaal)

    for jaar, kwartaal in (toekomst, te_oud):
        with pytest.raises(ValidationError):
            tekorten.tekortopgave_save(
                bestuur=bestuur,
                jaar=jaar,
                kwartaal=kwartaal,
                regels=[{"sector": Sector.PO, "functie": "leraar", "werkgelegenheid_fte": 1}],
                door=hr,
            )
    assert not TekortOpgave.objects.exists()


@pytest.mark.parametrize("jaar_offset, kwartaal", [(0, 5), (0, 0), (1, 1), (-3, 1)])
def test_a_quarter_out_of_reach_in_the_url_is_not_found(hr_client, bestuur, jaar_offset, kwartaal):
    jaar = tekorten.huidig_kwartaal()[0] + jaar_offset

    assert hr_client.get(opgave_url(jaar, kwartaal)).status_code == 404
    assert hr_client.post(opgave_url(jaar, kwartaal), formset_post(regel())).status_code == 404


# Adding lines --------------------------------------------------------------------------------


def test_regel_toevoegen_with_htmx_appends_one_empty_line(hr_client, bestuur):
    response = hr_client.get(opgave_url(), {"regels-TOTAL_FORMS": "3"}, **HTMX)

    page = text(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<tr id="regels-3"')
    assert 'name="regels-3-werkgelegenheid_fte"' in page
    assert 'id="id_regels-TOTAL_FORMS" hx-swap-oob="true"' in page
    assert 'value="4"' in page


def test_regel_toevoegen_without_javascript_keeps_what_was_typed(hr_client, bestuur):
    data = formset_post(regel(werkgelegenheid_fte="33"), regel_toevoegen="1")

    response = hr_client.post(opgave_url(), data)

    page = text(response)
    assert response.status_code == 200
    assert 'name="regels-1-sector"' in page
    assert 'value="33"' in page
    assert not TekortOpgave.objects.exists()


def test_the_empty_form_offers_a_few_lines_and_only_active_subjects(hr_client, bestuur):
    nederlands = vak("Nederlands")
    nederlands.actief = False
    nederlands.save()

    page = text(hr_client.get(opgave_url()))

    assert 'name="regels-2-functie"' in page
    assert ">Wiskunde</option>" in page
    assert ">Nederlands</option>" not in page
    assert "Regel toevoegen" in page


# Scoping -------------------------------------------------------------------------------------


def test_hr_never_sees_another_boards_return(client, hr_elders, opgave):
    client.force_login(hr_elders)

    assert client.get(reverse("regio:tekortopgave_detail", args=[opgave.pk])).status_code == 404
    page = text(client.get(reverse("regio:hr_tekorten")))
    assert "Niet ingediend" in page
    assert "40,00" not in page
    form = text(client.get(opgave_url()))
    assert "Stichting Tweede Kans" not in form
    assert 'value="40,00"' not in form
    assert not TekortOpgave.objects.visible_to(hr_elders).filter(pk=opgave.pk).exists()


def test_hr_filing_never_touches_another_boards_return(client, hr_elders, opgave):
    client.force_login(hr_elders)
    voor = list(opgave.regels.values_list("werkgelegenheid_fte", flat=True))

    client.post(opgave_url(), formset_post(regel(werkgelegenheid_fte="5")))

    assert list(opgave.regels.values_list("werkgelegenheid_fte", flat=True)) == voor
    assert TekortOpgave.objects.filter(bestuur=hr_elders.organisatie).exists()


@pytest.mark.parametrize(
    "naam",
    ["hr_tekorten", "hr_tekortopgave", "tekorten_overzicht", "tekortopgave_detail"],
)
def test_other_roles_do_not_find_the_pages(client, adviseur, kandidaat, opgave, naam):
    args = {"hr_tekortopgave": [JAAR, KWARTAAL], "tekortopgave_detail": [opgave.pk]}.get(naam, [])
    for user in (adviseur, kandidaat):
        client.force_login(user)
        assert client.get(reverse(f"regio:{naam}", args=args)).status_code == 404


def test_hr_cannot_close_a_quarter(hr_client):
    response = hr_client.post(reverse("regio:tekorten_afsluiten", args=[JAAR, KWARTAAL]))

    assert response.status_code == 404
    assert not KwartaalAfsluiting.objects.exists()


# The project leader's overview ---------------------------------------------------------------


def test_project_leader_sees_a_board_that_did_not_file_marked_first(pl_client, regio, opgave):
    OrganisatieFactory(bestuur=True, regio=regio, naam="Aaa Stichting Laat")

    page = text(
        pl_client.get(reverse("regio:tekorten_overzicht"), {"kwartaal": f"{JAAR}-{KWARTAAL}"})
    )

    assert "Ingediend: 1 van 2 schoolbesturen." in page
    niet = page.index("Aaa Stichting Laat")
    wel = page.index("Stichting Tweede Kans")
    assert niet < wel  # not filed comes first, whatever the name
    assert "Niet ingediend" in page[niet:wel]
    assert reverse("regio:tekortopgave_detail", args=[opgave.pk]) in page
    assert "Kwartaal afsluiten</button>" in page


def test_project_leader_sees_the_region_totals(pl_client, regio, bestuur):
    tweede = OrganisatieFactory(bestuur=True, regio=regio)
    for b, werk, onbevoegd, bevoegd_ingevuld in ((bestuur, 40, 2, 1), (tweede, 60, 3, 0)):
        opgave = TekortOpgaveFactory(bestuur=b, jaar=JAAR, kwartaal=KWARTAAL)
        TekortRegelFactory(
            opgave=opgave,
            werkgelegenheid_fte=Decimal(werk),
            onbevoegd_fte=Decimal(onbevoegd),
            ingevuld_bevoegd_fte=Decimal(bevoegd_ingevuld),
            ingevuld_onbevoegd_fte=Decimal("1"),
        )
    # Another quarter's return of the same board does not count.
    anders = TekortOpgaveFactory(bestuur=bestuur, jaar=JAAR - 1, kwartaal=KWARTAAL)
    TekortRegelFactory(opgave=anders, werkgelegenheid_fte=Decimal("1000"))

    besturen = tekorten.besturen_status(regio=regio, jaar=JAAR, kwartaal=KWARTAAL)
    totalen = tekorten.Totalen.optellen(b.totalen for b in besturen)

    assert totalen.werkgelegenheid == Decimal("100")
    assert totalen.verborgen == Decimal("5")
    assert totalen.verborgen_pct == Decimal("5")
    assert totalen.ingevuld_bevoegd == Decimal("1")
    assert totalen.ingevuld_onbevoegd == Decimal("2")
    page = text(
        pl_client.get(reverse("regio:tekorten_overzicht"), {"kwartaal": f"{JAAR}-{KWARTAAL}"})
    )
    assert "100,00" in page
    assert "5,0% van de werkgelegenheid" in page
    assert "Ingediend: 2 van 2 schoolbesturen." in page


def test_opgave_totalen_sums_one_return_in_one_query(opgave, django_assert_num_queries):
    TekortRegelFactory(opgave=opgave, vak=vak("Nederlands"), overig_fte=Decimal("1"))

    with django_assert_num_queries(1):
        totalen = tekorten.opgave_totalen(opgave)

    assert totalen.werkgelegenheid == Decimal("80")
    assert totalen.soorten["onbevoegd_fte"] == Decimal("3")
    assert totalen.verborgen == Decimal("4")


def test_project_leader_of_another_region_sees_nothing_of_this_region(
    client, projectleider_elders, opgave, opgave_elders, regio
):
    client.force_login(projectleider_elders)

    page = text(client.get(reverse("regio:tekorten_overzicht"), {"kwartaal": f"{JAAR}-{KWARTAAL}"}))
    assert "Stichting Elders" in page
    assert "Stichting Tweede Kans" not in page
    assert "Onderwijsregio Twente" not in page
    assert client.get(reverse("regio:tekortopgave_detail", args=[opgave.pk])).status_code == 404
    assert client.get(reverse("regio:tekorten_overzicht"), {"regio": "twente"}).status_code == 200
    assert "Stichting Tweede Kans" not in text(
        client.get(reverse("regio:tekorten_overzicht"), {"regio": "twente"})
    )

    client.post(reverse("regio:tekorten_afsluiten", args=[JAAR, KWARTAAL]), {"regio": "twente"})
    assert not KwartaalAfsluiting.objects.filter(regio=regio).exists()
    assert KwartaalAfsluiting.objects.filter(regio=projectleider_elders.regio).exists()


def test_project_leader_reads_a_boards_return(pl_client, opgave):
    page = text(pl_client.get(reverse("regio:tekortopgave_detail", args=[opgave.pk])))

    assert "Tekortopgave Stichting Tweede Kans" in page
    assert "Wiskunde" in page
    assert "40,00" in page
    assert "Kan nog worden gecorrigeerd" in page
    assert "<form" not in page.split('id="inhoud"')[1]


def test_an_invalid_quarter_in_the_overview_gets_a_message_and_the_current_one(pl_client, regio):
    jaar, kwartaal = tekorten.huidig_kwartaal()

    for waarde in ("2026-5", "niets", f"{jaar + 1}-1"):
        page = text(pl_client.get(reverse("regio:tekorten_overzicht"), {"kwartaal": waarde}))
        assert "Kies een kwartaal dat al begonnen is" in page
        assert f"Kwartaal K{kwartaal} {jaar}" in page


def test_the_operator_chooses_the_region(client, beheerder, opgave, opgave_elders, regio):
    client.force_login(beheerder)
    url = reverse("regio:tekorten_overzicht")

    page = text(client.get(url, {"regio": "twente", "kwartaal": f"{JAAR}-{KWARTAAL}"}))
    assert "Stichting Tweede Kans" in page
    assert "Stichting Elders" not in page
    assert 'name="regio"' in page

    client.post(reverse("regio:tekorten_afsluiten", args=[JAAR, KWARTAAL]), {"regio": "twente"})
    assert KwartaalAfsluiting.objects.filter(regio=regio).exists()
    assert client.get(reverse("regio:tekortopgave_detail", args=[opgave.pk])).status_code == 200


def test_the_overview_takes_the_same_number_of_queries_for_3_or_15_boards(
    pl_client, regio, django_assert_max_num_queries
):
    url = reverse("regio:tekorten_overzicht")
    query = {"kwartaal": f"{JAAR}-{KWARTAAL}"}

    def maak_besturen(aantal):
        for _ in range(aantal):
            b = OrganisatieFactory(bestuur=True, regio=regio)
            o = TekortOpgaveFactory(bestuur=b, jaar=JAAR, kwartaal=KWARTAAL)
            TekortRegelFactory(opgave=o)
            TekortRegelFactory(opgave=o, vak=vak("Nederlands"))

    maak_besturen(3)
    with CaptureQueriesContext(connection) as weinig:
        assert pl_client.get(url, query).status_code == 200
    maak_besturen(12)
    OrganisatieFactory(bestuur=True, regio=regio)  # and one that did not file
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        page = text(pl_client.get(url, query))
    assert "Ingediend: 15 van 16 schoolbesturen." in page


def test_the_hr_pages_take_a_constant_number_of_queries(
    hr_client, opgave, django_assert_max_num_queries
):
    for naam in ("Nederlands", "Engels", "Duits"):
        TekortRegelFactory(opgave=opgave, vak=vak(naam))

    with django_assert_max_num_queries(10):
        hr_client.get(reverse("regio:hr_tekorten"))
    with django_assert_max_num_queries(10):
        hr_client.get(opgave_url())


def test_adding_a_line_after_the_quarter_was_reported_shows_the_final_return(
    hr_client, opgave, regio
):
    KwartaalAfsluiting.objects.create(regio=regio, jaar=JAAR, kwartaal=KWARTAAL)

    response = hr_client.get(opgave_url(), {"regels-TOTAL_FORMS": "3"}, **HTMX)

    assert response["HX-Redirect"] == opgave_url()


# The operator's admin ------------------------------------------------------------------------


def test_the_operator_corrects_returns_in_the_admin_until_the_quarter_is_reported(
    client, beheerder, opgave, regio
):
    client.force_login(beheerder)
    change = reverse("admin:regio_tekortopgave_change", args=[opgave.pk])

    assert "Stichting Tweede Kans" in text(
        client.get(reverse("admin:regio_tekortopgave_changelist"))
    )
    assert 'name="_save"' in text(client.get(change))

    KwartaalAfsluiting.objects.create(regio=regio, jaar=JAAR, kwartaal=KWARTAAL)
    page = text(client.get(change))
    assert 'name="_save"' not in page
    assert "Wiskunde" in page
    assert client.get(reverse("admin:regio_kwartaalafsluiting_changelist")).status_code == 200


def test_the_service_refuses_the_whole_return_for_one_bad_line(bestuur, hr, opgave):
    voor = snapshot()
    goed = {"sector": Sector.PO, "functie": "leraar", "werkgelegenheid_fte": Decimal("10")}
    regels = [
        goed,
        {**goed, "functie": "schoolleider", "overig_fte": Decimal("-2")},
        {**goed, "werkgelegenheid_fte": Decimal("3")},
    ]

    with pytest.raises(ValidationError) as refused:
        tekorten.tekortopgave_save(
            bestuur=bestuur, jaar=JAAR, kwartaal=KWARTAAL, regels=regels, door=hr
        )

    assert "Regel 2: Een aantal fte kan niet negatief zijn." in refused.value.messages
    assert "Regel 3: Primair onderwijs (PO), Leraar staat al in regel 1." in refused.value.messages
    assert snapshot() == voor
