"""DUO open-data import: DUO's own layouts and encodings, one region, rejected rows, the page."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio import duo
from regio.management.commands.import_duo import Command
from regio.models import Organisatie, OrganisatieSoort, Sector, Vestiging

from .factories import OrganisatieFactory, VestigingFactory

DATA = Path(__file__).parent / "data" / "duo"
URL = "/projectleider/duo-import/"

BOARDS = [
    (
        "90101",
        "Stichting Katholiek Onderwijs Enschede",
        "Hengelosestraat 100",
        "7514 AE",
        "Enschede",
    ),
    (
        "90102",
        "Stichting Openbaar Primair Onderwijs Hengelo",
        "Marktstraat 12",
        "7551 DR",
        "Hengelo",
    ),
    (
        "90103",
        "Stichting Christelijk Onderwijs Hellendoorn",
        "Dorpsstraat 5",
        "7447 CA",
        "Hellendoorn",
    ),
    (
        "90104",
        "Coöperatieve Stichting Primair Onderwijs Almelo",
        "Wierdensestraat 20a",
        "7607 GH",
        "Almelo",
    ),
]
VESTIGINGEN = [
    (
        "91TW",
        "00",
        "Daltonschool Café",
        "Enschede",
        "Pijpenstraat 3",
        "7511 GM",
        "Enschede",
        "po",
        "90101",
    ),
    (
        "91TW",
        "01",
        "Basisschool Het Tweespan-Noordoost",
        "Enschede",
        "Noordhoekweg 12",
        "7523 AB",
        "Enschede",
        "po",
        "90101",
    ),
    (
        "92TW",
        "00",
        "Openbare Basisschool De Höve",
        "Hengelo",
        "Deldenerstraat 40",
        "7551 AJ",
        "Hengelo",
        "po",
        "90102",
    ),
    (
        "93TW",
        "00",
        "Cbs De Wegwijzer Hellendoorn",
        "Hellendoorn",
        "Dorpsstraat 20",
        "7447 CB",
        "Hellendoorn",
        "po",
        "90103",
    ),
    (
        "93TW",
        "01",
        "Cbs De Wegwijzer, locatie Nijverdal",
        "Hellendoorn",
        "Grotestraat 7",
        "7443 BA",
        "Nijverdal",
        "po",
        "90103",
    ),
    (
        "94TW",
        "00",
        "Rk Basisschool Sint Joseph-Ariëns",
        "Almelo",
        "Grotestraat 88",
        "7607 CM",
        "Almelo",
        "po",
        "90104",
    ),
]


@pytest.fixture
def twente(regio):
    regio.gemeenten = ["Enschede", "Hengelo", "Almelo", "Hellendoorn", "Borne"]
    regio.save()
    return regio


def read(name):
    return (DATA / name).read_bytes()


def import_file(regio, name, **kwargs):
    return duo.duo_import(regio=regio, content=read(name), **kwargs)


def boards_in(regio):
    return sorted(
        Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.SCHOOLBESTUUR).values_list(
            "bevoegd_gezag_nummer", "naam", "adres", "postcode", "plaats"
        )
    )


def all_vestigingen():
    return sorted(
        Vestiging.objects.values_list(
            "brin",
            "vestigingsnummer",
            "naam",
            "gemeente",
            "adres",
            "postcode",
            "plaats",
            "sector",
            "bestuur__bevoegd_gezag_nummer",
        )
    )


def rejected(result):
    return {row.line: row.reason for row in result.rejected}


# --- DUO's layouts, encodings and delimiters ---------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["besturen.csv", "besturen_cp1252.csv", "besturen_utf8_bom.csv", "besturen_komma.csv"],
)
def test_each_variant_of_the_boards_file_imports_the_same_boards(twente, name):
    result = import_file(twente, name)

    assert result.kind == duo.BESTUREN
    assert (result.created, result.updated, result.unchanged, result.skipped) == (4, 0, 0, 1)
    assert result.rejected == []
    assert boards_in(twente) == BOARDS


@pytest.mark.parametrize(
    "name",
    [
        "vestigingen.csv",
        "vestigingen_cp1252.csv",
        "vestigingen_utf8_bom.csv",
        "vestigingen_komma.csv",
        "vestigingen_instellingscode.csv",
    ],
)
def test_each_variant_of_the_vestigingen_file_imports_the_same_schools(twente, name):
    import_file(twente, "besturen.csv")

    result = import_file(twente, name)

    assert result.kind == duo.VESTIGINGEN
    assert (result.created, result.updated, result.unchanged, result.skipped) == (6, 0, 0, 1)
    assert result.rejected == []
    assert all_vestigingen() == VESTIGINGEN


def test_the_reader_reports_the_encoding_and_delimiter_it_found():
    assert (duo.duo_file_read(read("besturen_cp1252.csv")).encoding) == "cp1252"
    assert (duo.duo_file_read(read("besturen_utf8_bom.csv")).encoding) == "utf-8-sig"
    assert (duo.duo_file_read(read("besturen_komma.csv")).delimiter) == ","
    assert (duo.duo_file_read(read("vestigingen.csv")).delimiter) == ";"


def test_a_six_character_vestigingscode_is_split_into_brin_and_number():
    rows = duo.duo_file_read(read("vestigingen_instellingscode.csv")).rows
    line, values = rows[0]
    assert line == 2
    assert (values["brin"], values["vestiging"]) == ("91TW", "91TW00")


def test_a_short_vestigingsnummer_beside_a_brin_column_is_read_as_two_digits(twente):
    OrganisatieFactory(bestuur=True, regio=twente, bevoegd_gezag_nummer="90101")
    content = (
        b"BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;GEMEENTENAAM\n"
        b"90101;91TW;3;Basisschool Drie;ENSCHEDE\n"
    )

    duo.duo_import(regio=twente, content=content)

    assert Vestiging.objects.get().vestigingsnummer == "03"


# --- idempotence and updates -------------------------------------------------------------------


def test_importing_the_same_files_twice_changes_nothing_the_second_time(twente):
    import_file(twente, "besturen.csv")
    import_file(twente, "vestigingen.csv")

    besturen = import_file(twente, "besturen_cp1252.csv")
    vestigingen = import_file(twente, "vestigingen_komma.csv")

    assert (besturen.created, besturen.updated, besturen.unchanged) == (0, 0, 4)
    assert (vestigingen.created, vestigingen.updated, vestigingen.unchanged) == (0, 0, 6)
    assert boards_in(twente) == BOARDS
    assert all_vestigingen() == VESTIGINGEN


def test_a_name_changed_at_duo_updates_the_registry(twente):
    import_file(twente, "besturen.csv")
    import_file(twente, "vestigingen.csv")
    Vestiging.objects.filter(brin="91TW", vestigingsnummer="00").update(naam="Oude naam")

    result = import_file(twente, "vestigingen.csv")

    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    assert Vestiging.objects.get(brin="91TW", vestigingsnummer="00").naam == "Daltonschool Café"


def test_empty_address_cells_do_not_wipe_the_registry(twente):
    board = OrganisatieFactory(
        bestuur=True,
        regio=twente,
        bevoegd_gezag_nummer="90101",
        naam="Stichting Katholiek Onderwijs Enschede",
        adres="Hengelosestraat 100",
    )
    content = b"BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM;STRAATNAAM;GEMEENTENAAM\n"
    content += b"90101;Stichting Katholiek Onderwijs Enschede;;ENSCHEDE\n"

    result = duo.duo_import(regio=twente, content=content)

    board.refresh_from_db()
    assert board.adres == "Hengelosestraat 100"
    assert result.unchanged == 1


def test_fte_and_pupils_typed_in_the_registry_survive_an_import(twente):
    board = OrganisatieFactory(
        bestuur=True, regio=twente, bevoegd_gezag_nummer="90101", fte=321, leerlingen=4567
    )

    import_file(twente, "besturen.csv")

    board.refresh_from_db()
    assert (board.naam, board.fte, board.leerlingen) == (BOARDS[0][1], 321, 4567)


# --- rejected rows -----------------------------------------------------------------------------


def test_bad_board_rows_are_rejected_with_their_line_and_a_dutch_reason(twente):
    result = import_file(twente, "besturen_fouten.csv")

    assert rejected(result) == {
        3: "Het bevoegd-gezagnummer 9010A bestaat niet uit vijf cijfers.",
        4: "De naam van het bestuur ontbreekt.",
        5: "90101 staat ook al op regel 2 van dit bestand.",
        6: "De postcode 74X is geen Nederlandse postcode (zoals 7511 AB).",
        8: "Deze regel heeft 6 kolommen, de kopregel 16; "
        "staat er ergens een scheidingsteken of aanhalingsteken te veel?",
    }
    assert [row.key for row in result.rejected][:4] == ["9010A", "90102", "90101", "90103"]
    assert (result.created, result.skipped) == (2, 1)
    assert [b[0] for b in boards_in(twente)] == ["90101", "90104"]


def test_bad_vestiging_rows_are_rejected_with_their_line_and_a_dutch_reason(twente):
    import_file(twente, "besturen.csv")

    result = import_file(twente, "vestigingen_fouten.csv")

    assert rejected(result) == {
        3: "De BRIN-code 9XTW bestaat niet uit twee cijfers en twee letters of cijfers.",
        4: "Het vestigingsnummer A1 bestaat niet uit twee cijfers.",
        5: "De naam van de vestiging ontbreekt.",
        6: "91TW00 staat ook al op regel 2 van dit bestand.",
        7: "Het bestuur met bevoegd-gezagnummer 99999 staat niet in het register; "
        "importeer eerst de besturen.",
        8: "De vestigingscode 92TW02 hoort niet bij BRIN-code 91TW.",
        11: "De gemeente (GEMEENTENAAM) ontbreekt.",
    }
    assert (result.created, result.skipped) == (2, 1)
    assert [v[:3] for v in all_vestigingen()] == [
        ("91TW", "00", "Daltonschool Café"),
        ("92TW", "00", "Openbare Basisschool De Höve"),
    ]


def test_a_vestiging_of_an_unknown_board_is_rejected_and_not_created(twente):
    result = import_file(twente, "vestigingen.csv")

    assert result.created == 0
    assert rejected(result)[2] == (
        "Het bestuur met bevoegd-gezagnummer 90101 staat niet in het register; "
        "importeer eerst de besturen."
    )
    assert len(result.rejected) == 6
    assert not Vestiging.objects.exists()


def test_rows_outside_the_region_are_skipped_and_counted_not_rejected(twente):
    besturen = import_file(twente, "besturen.csv")

    assert besturen.skipped == 1
    assert not Organisatie.objects.filter(naam="Stichting Scholen aan Zee").exists()
    assert "1 overgeslagen (buiten de regio)" in besturen.summary


def test_a_region_without_municipalities_takes_every_row(regio):
    import_file(regio, "besturen.csv")
    result = import_file(regio, "vestigingen.csv")

    assert (result.created, result.skipped) == (7, 0)
    duinroos = Vestiging.objects.get(brin="95ZH")
    assert (duinroos.gemeente, duinroos.plaats) == ("'s-Gravenhage", "'s-Gravenhage")


def test_a_board_already_in_the_registry_is_kept_up_to_date_wherever_it_sits(twente):
    OrganisatieFactory(bestuur=True, regio=twente, bevoegd_gezag_nummer="90105", naam="Oud")

    result = import_file(twente, "besturen.csv")

    assert (result.created, result.updated, result.skipped) == (4, 1, 0)
    assert Organisatie.objects.get(bevoegd_gezag_nummer="90105").naam == "Stichting Scholen aan Zee"


def test_a_board_of_another_region_is_not_moved(twente, ander_bestuur):
    Organisatie.objects.filter(pk=ander_bestuur.pk).update(bevoegd_gezag_nummer="90102")

    besturen = import_file(twente, "besturen.csv")
    vestigingen = import_file(twente, "vestigingen.csv")

    moved = (
        "Het bestuur met bevoegd-gezagnummer 90102 staat in het register van "
        "Onderwijsregio Rotterdam; de import verplaatst het niet naar deze regio."
    )
    assert rejected(besturen) == {3: moved}
    assert rejected(vestigingen) == {4: moved}
    ander_bestuur.refresh_from_db()
    assert (ander_bestuur.regio.slug, ander_bestuur.naam) == ("rotterdam", "Stichting Elders")


def test_a_brin_of_another_regions_board_is_not_moved(twente, ander_bestuur):
    elders = VestigingFactory(bestuur=ander_bestuur, brin="91TW", vestigingsnummer="01", naam="X")
    import_file(twente, "besturen.csv")

    result = import_file(twente, "vestigingen.csv")

    assert rejected(result) == {
        3: "Vestiging 91TW01 staat in het register bij Stichting Elders "
        "(Onderwijsregio Rotterdam); de import verplaatst haar niet naar deze regio."
    }
    assert result.created == 5
    elders.refresh_from_db()
    assert (elders.bestuur, elders.naam) == (ander_bestuur, "X")


def test_the_sector_comes_from_duos_columns_and_else_from_the_region(twente):
    OrganisatieFactory(bestuur=True, regio=twente, bevoegd_gezag_nummer="90101")
    VestigingFactory(
        bestuur=Organisatie.objects.get(bevoegd_gezag_nummer="90101"),
        brin="91TW",
        vestigingsnummer="04",
        naam="Al bekend",
        sector=Sector.SO,
    )
    content = (
        b"BEVOEGD GEZAG NUMMER;BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM;GEMEENTENAAM;"
        b"SOORT PRIMAIR ONDERWIJS;ONDERWIJSSTRUCTUUR\n"
        b"90101;91TW;91TW01;Sbo De Brug;ENSCHEDE;SBO;\n"
        b"90101;91TW;91TW02;Het College;ENSCHEDE;;VMBO/HAVO/VWO\n"
        b"90101;91TW;91TW03;Basisschool Drie;ENSCHEDE;BO;\n"
        b"90101;91TW;91TW05;Zonder sector;ENSCHEDE;;\n"
        b"90101;91TW;91TW04;Al bekend;ENSCHEDE;;\n"
    )

    duo.duo_import(regio=twente, content=content)

    sectors = dict(Vestiging.objects.values_list("vestigingsnummer", "sector"))
    assert sectors == {"01": "so", "02": "vo", "03": "po", "05": "po", "04": "so"}


# --- files refused whole -----------------------------------------------------------------------


def test_a_file_that_is_not_from_duo_is_refused_whole_and_nothing_is_written(twente):
    with pytest.raises(duo.DuoFileRefused) as refused:
        import_file(twente, "geen_duo.csv")

    assert refused.value.message.startswith("Dit is geen DUO-bestand met besturen of vestigingen.")
    assert "BEVOEGD GEZAG NUMMER" in refused.value.message
    assert "VESTIGINGSNUMMER (of VESTIGINGSCODE)" in refused.value.message
    assert not Organisatie.objects.exists()


def test_a_boards_file_read_as_vestigingen_names_the_missing_columns(twente):
    with pytest.raises(duo.DuoFileRefused) as refused:
        import_file(twente, "besturen.csv", kind=duo.VESTIGINGEN)

    assert refused.value.message == (
        "Dit is geen DUO-bestand met vestigingen; deze kolommen ontbreken: "
        "VESTIGINGSNUMMER (of VESTIGINGSCODE), VESTIGINGSNAAM (of INSTELLINGSNAAM)."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"\xef\xbb\xbf\r\n\r\n", "Het bestand is leeg."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Dit is geen tekstbestand (CSV)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Dit is een Excel-bestand."),
        (b"BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM\n\x81\x8d\xc3", "zijn niet te lezen"),
        (b'"BEVOEGD GEZAG NUMMER;BEVOEGD GEZAG NAAM', "met besturen of vestigingen"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_dutch_message(twente, content, message):
    with pytest.raises(duo.DuoFileRefused) as refused:
        duo.duo_import(regio=twente, content=content)

    assert message in refused.value.message
    assert not Organisatie.objects.exists()


def test_a_file_over_the_size_limit_is_refused(twente, monkeypatch):
    # The reader checks the limit; regio.duo only re-exports it for the page and the command.
    monkeypatch.setattr(duo.reader, "MAX_BYTES", 100)

    with pytest.raises(duo.DuoFileRefused) as refused:
        import_file(twente, "besturen.csv")

    assert "groter dan" in refused.value.message


def test_a_database_failure_halfway_writes_nothing(twente, monkeypatch):
    def fail(*args, **kwargs):
        from django.db import IntegrityError

        raise IntegrityError("simulated")

    monkeypatch.setattr(Organisatie.objects, "bulk_update", fail)
    OrganisatieFactory(bestuur=True, regio=twente, bevoegd_gezag_nummer="90105", naam="Oud")

    with pytest.raises(duo.DuoFileRefused) as refused:
        import_file(twente, "besturen.csv")

    assert "er is niets opgeslagen" in refused.value.message
    assert [b[0] for b in boards_in(twente)] == ["90105"]


# --- the command -------------------------------------------------------------------------------


def test_the_command_prints_the_summary_and_every_rejected_row(twente, capsys):
    call_command("import_duo", str(DATA / "besturen_fouten.csv"), "--regio", "twente")

    out = capsys.readouterr().out
    assert "Onderwijsregio Twente – Besturen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out
    assert "regel 3 (9010A): Het bevoegd-gezagnummer 9010A bestaat niet uit vijf cijfers." in out
    assert "regel 8: Deze regel heeft 6 kolommen" in out
    assert sum(line.startswith("regel ") for line in out.splitlines()) == 5


def test_the_command_can_be_told_the_kind_of_file(twente, capsys):
    with pytest.raises(CommandError, match="deze kolommen ontbreken: VESTIGINGSNUMMER"):
        call_command(
            "import_duo", str(DATA / "besturen.csv"), "--regio", "twente", "--soort", "vestigingen"
        )


def test_the_command_exits_non_zero_when_the_file_is_refused(twente, capsys, monkeypatch):
    # run_from_argv closes all connections at the end, which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            ["manage.py", "import_duo", str(DATA / "geen_duo.csv"), "--regio", "twente"]
        )

    assert exit_.value.code == 1
    assert "Dit is geen DUO-bestand" in capsys.readouterr().err
    assert not Organisatie.objects.exists()


def test_the_command_refuses_an_unknown_region_or_a_missing_file(twente):
    with pytest.raises(CommandError, match="Er is geen regio met slug nergens"):
        call_command("import_duo", str(DATA / "besturen.csv"), "--regio", "nergens")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_duo", str(DATA / "bestaat-niet.csv"), "--regio", "twente")


# --- the upload page ---------------------------------------------------------------------------


def upload(name, content=None):
    return SimpleUploadedFile(name, read(name) if content is None else content, "text/csv")


def test_the_page_has_its_url_name():
    assert reverse("regio:duo_import") == URL


def test_a_project_leader_sees_the_upload_form(client, projectleider, twente):
    client.force_login(projectleider)

    page = client.get(URL).content.decode()

    assert "DUO-gegevens inlezen" in page
    assert 'enctype="multipart/form-data"' in page
    assert "Enschede, Hengelo, Almelo, Hellendoorn, Borne" in page


def test_a_project_leader_uploads_a_file_and_sees_the_result(client, projectleider, twente):
    client.force_login(projectleider)

    response = client.post(URL, {"bestand": upload("besturen_fouten.csv")})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Besturen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 overgeslagen" in page
    assert "<td>3</td><td>9010A</td>" in page
    assert "Het bevoegd-gezagnummer 9010A bestaat niet uit vijf cijfers." in page
    assert [b[0] for b in boards_in(twente)] == ["90101", "90104"]


def test_a_project_leader_imports_boards_then_schools(client, projectleider, twente):
    client.force_login(projectleider)

    client.post(URL, {"bestand": upload("besturen_cp1252.csv")})
    page = client.post(URL, {"bestand": upload("vestigingen_utf8_bom.csv")}).content.decode()

    assert "Vestigingen: 6 nieuw" in page
    assert all_vestigingen() == VESTIGINGEN


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies een bestand om in te lezen."),
        (
            {"bestand": ("geen_duo.csv", None)},
            "Dit is geen DUO-bestand met besturen of vestigingen",
        ),
        ({"bestand": ("leeg.csv", b"")}, "Het bestand is leeg."),
        ({"bestand": ("besturen.xlsx", b"PK\x03\x04")}, "Kies een CSV-bestand (.csv)"),
        ({"bestand": ("besturen.csv", b"\x00\x01\x02")}, "maar een binair bestand"),
        (
            {"bestand": ("besturen.csv", None), "soort": "vestigingen"},
            "Dit is geen DUO-bestand met vestigingen",
        ),
        ({"bestand": ("besturen.csv", None), "soort": "leerlingen"}, "Selecteer een geldige keuze"),
    ],
)
def test_a_bad_upload_shows_a_dutch_message_and_changes_nothing(
    client, projectleider, twente, data, message
):
    client.force_login(projectleider)
    if "bestand" in data:
        name, content = data["bestand"]
        data = {**data, "bestand": upload(name, content)}

    response = client.post(URL, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisatie.objects.filter(regio=twente).exists()


def test_a_too_big_upload_is_refused(client, projectleider, twente, monkeypatch):
    monkeypatch.setattr(duo, "MAX_BYTES", 100)
    client.force_login(projectleider)

    page = client.post(URL, {"bestand": upload("besturen.csv")}).content.decode()

    assert "Het bestand is groter dan" in page
    assert not Organisatie.objects.exists()


@pytest.mark.parametrize(
    "persona", ["kandidaat", "adviseur", "hr", "opleider", "beheerder"], indirect=True
)
def test_other_roles_get_a_404(client, persona, twente):
    client.force_login(persona)

    assert client.get(URL).status_code == 404
    assert client.post(URL, {"bestand": upload("besturen.csv")}).status_code == 404
    assert not Organisatie.objects.filter(bevoegd_gezag_nummer="90101").exists()


def test_an_anonymous_visitor_is_sent_to_login(client, db):
    response = client.post(URL, {"bestand": upload("besturen.csv")})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Organisatie.objects.exists()


def test_a_project_leader_imports_into_their_own_region_only(
    client, projectleider_elders, twente, andere_regio
):
    client.force_login(projectleider_elders)

    page = client.post(
        URL, {"bestand": upload("besturen.csv"), "regio": "twente", "regio_id": twente.pk}
    ).content.decode()

    assert "Besturen: 5 nieuw" in page
    assert not Organisatie.objects.filter(regio=twente).exists()
    assert len(boards_in(andere_regio)) == 5


def vestigingen_csv(n, letter):
    """n schools of three known boards, and n more of an unknown board (rejected)."""
    brins = [f"{i % 100:02d}{letter}{chr(65 + i // 100)}" for i in range(n)]
    lines = ["BEVOEGD GEZAG NUMMER;BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM;GEMEENTENAAM"]
    lines += [
        f"{90101 + i % 3};{brin};{brin}00;School {i};ENSCHEDE" for i, brin in enumerate(brins)
    ]
    lines += [f"99999;{brin};{brin}01;Zonder bestuur;ENSCHEDE" for brin in brins]
    return "\n".join(lines).encode()


def test_the_import_pages_query_count_does_not_grow_with_the_rows(
    client, projectleider, twente, django_assert_max_num_queries
):
    for nummer in ("90101", "90102", "90103"):
        OrganisatieFactory(bestuur=True, regio=twente, bevoegd_gezag_nummer=nummer)
    client.force_login(projectleider)
    client.get(URL)

    def post(n, letter, expected):
        content = SimpleUploadedFile("v.csv", vestigingen_csv(n, letter), "text/csv")
        with CaptureQueriesContext(connection) as queries:
            page = client.post(URL, {"bestand": content}).content.decode()
        assert expected in page
        return len(queries)

    ten = post(10, "Q", "Vestigingen: 10 nieuw, 0 bijgewerkt, 0 ongewijzigd")
    with django_assert_max_num_queries(ten):
        post(50, "R", "Vestigingen: 50 nieuw, 0 bijgewerkt, 0 ongewijzigd")
    with django_assert_max_num_queries(ten):
        post(50, "R", "Vestigingen: 0 nieuw, 0 bijgewerkt, 50 ongewijzigd")
    Vestiging.objects.update(naam="Anders")
    with django_assert_max_num_queries(ten):
        post(50, "R", "Vestigingen: 0 nieuw, 50 bijgewerkt, 0 ongewijzigd")


def test_the_import_service_uses_a_fixed_number_of_queries(twente, django_assert_num_queries):
    for nummer in ("90101", "90102", "90103"):
        OrganisatieFactory(bestuur=True, regio=twente, bevoegd_gezag_nummer=nummer)

    # A savepoint, the boards named, the schools known, one insert, the savepoint's release.
    with django_assert_num_queries(5):
        result = duo.duo_import(regio=twente, content=vestigingen_csv(10, "Q"))
    assert (result.created, len(result.rejected)) == (10, 10)
    with django_assert_num_queries(5):
        result = duo.duo_import(regio=twente, content=vestigingen_csv(300, "R"))
    assert (result.created, len(result.rejected)) == (300, 300)
