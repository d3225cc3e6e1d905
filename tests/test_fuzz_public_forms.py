"""Property tests over the public forms: whatever a visitor types, the answer is a page with a
message (never a server error), and a refused submission writes nothing at all.

The CI profile runs a few dozen examples per form; HYPOTHESIS_PROFILE=nightly runs 1,000.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from kandidaten.models import Kandidaat, TrajectEvent
from loket.models import Aanmelding, Adviesslot, Boeking, Evenement, Gespreksvorm
from regio.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

# Free text as people (and attackers) type it: any Unicode, markup, NUL bytes, long runs.
free_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "Robert'); DROP TABLE kandidaten_kandidaat;--",
            "\x00",
            "a" * 5000,
            '=HYPERLINK("http://x")',
        ]
    ),
)
emails = st.one_of(st.emails(), free_text)
phones = st.one_of(st.from_regex(r"\+?[0-9 ()-]{0,24}", fullmatch=True), free_text)
checkbox = st.sampled_from(["on", "", "true", "0", None])
# 422: the form was understood but refused (what the event pages answer with).
ALLOWED_STATUS = {200, 302, 400, 404, 409, 422}


def _post(client, url, data):
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def _counts():
    return (
        User.objects.count(),
        Kandidaat.objects.count(),
        TrajectEvent.objects.count(),
        Boeking.objects.count(),
        Aanmelding.objects.count(),
    )


@pytest.fixture
def adviseur_twente(regio):
    return UserFactory(role="loketadviseur", regio=regio, mfa=False)


@given(naam=free_text, email=emails, telefoon=phones, vraag=free_text, toestemming=checkbox)
@example(  # always try one valid booking, so the success branch is exercised too
    naam="Sam de Vries",
    email="sam@example.nl",
    telefoon="06 12345678",
    vraag="<script>alert(1)</script>",
    toestemming="on",
)
def test_booking_form_never_fails_and_a_refusal_writes_nothing(
    client, adviseur_twente, naam, email, telefoon, vraag, toestemming
):
    slot = Adviesslot.objects.create(
        adviseur=adviseur_twente,
        regio=adviseur_twente.regio,
        start=timezone.now() + timedelta(days=3),
        vorm=Gespreksvorm.TELEFOON,
    )
    before = _counts()
    data = {
        "naam": naam,
        "email": email,
        "telefoon": telefoon,
        "vraag": vraag,
        "toestemming": toestemming,
    }

    response = _post(client, reverse("advies_moment", args=[slot.pk]), data)

    assert response.status_code in ALLOWED_STATUS
    booked = slot.boekingen.count()
    if response.status_code == 302:
        assert booked == 1
    else:
        assert booked == 0
        assert _counts() == before
        assert "<script>alert(1)</script>" not in response.content.decode()


@given(naam=free_text, email=emails, telefoon=phones, toestemming=checkbox)
@example(naam="Sam de Vries", email="sam@example.nl", telefoon="", toestemming="on")
def test_event_sign_up_never_fails_and_a_refusal_writes_nothing(
    client, regio, naam, email, telefoon, toestemming
):
    start = timezone.now() + timedelta(days=10)
    evenement = Evenement.objects.create(
        regio=regio,
        titel="Informatieavond zij-instroom",
        start=start,
        eind=start + timedelta(hours=2),
        locatie="Enschede",
        capaciteit=50,
    )
    before = _counts()
    data = {"naam": naam, "email": email, "telefoon": telefoon, "toestemming": toestemming}

    response = _post(client, reverse("evenement_detail", args=[evenement.pk]), data)

    assert response.status_code in ALLOWED_STATUS
    signed_up = evenement.aanmeldingen.count()
    if response.status_code == 302:
        assert signed_up == 1
    else:
        assert signed_up == 0
        assert _counts() == before
        assert "<script>alert(1)</script>" not in response.content.decode()


@given(
    params=st.dictionaries(
        st.sampled_from(
            ["niveau", "vakverwant", "sector", "vak", "werkt_in_onderwijs", "naast_baan", "stap"]
        ),
        free_text,
        max_size=7,
    )
)
def test_route_finder_answers_any_query_string(client, params):
    response = client.get(reverse("routewijzer"), params)
    assert response.status_code in {200, 400, 422}


@given(q=free_text)
def test_knowledge_base_search_answers_any_query(client, q):
    response = client.get(reverse("kennisbank"), {"q": q})
    assert response.status_code in {200, 400, 422}
    assert "<script>alert(1)</script>" not in response.content.decode()


@given(
    params=st.dictionaries(st.sampled_from(["regio", "vorm", "weken", "route", "page"]), free_text)
)
def test_slot_list_answers_any_filter(client, params):
    response = client.get(reverse("advies_boeken"), params)
    assert response.status_code in {200, 400, 422}


@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "regio", "sector", "functie", "vak", "gemeente", "zij_instroom", "page"]
        ),
        free_text,
    )
)
def test_vacancy_search_answers_any_filter(client, params):
    response = client.get(reverse("regio:vacatures"), params)
    assert response.status_code in {200, 400}


@given(
    token=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/"),
        min_size=1,
        max_size=200,
    )
)
def test_forged_links_get_a_message_not_an_error(client, token):
    before = _counts()
    for name in ["advies_beheren", "aanmelding_annuleren"]:
        try:
            url = reverse(name, args=[token])
        except Exception:  # a token the URL pattern itself cannot carry
            continue
        assert client.get(url).status_code in {400, 404}
        assert client.post(url, {"actie": "annuleren"}).status_code in {400, 404}
    assert _counts() == before
