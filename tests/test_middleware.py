"""Every page refuses NUL characters in its input with a Dutch 400 page, never a 500."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("advies_boeken", {"route": "\x00"}),
        ("routes", {"regio": "twente\x00"}),
        ("kennisbank", {"q": "zij\x00instroom"}),
        ("regio:partners", {"\x00": "x"}),
    ],
)
def test_a_nul_character_in_a_query_is_refused_in_dutch(client, regio, name, params):
    args = [regio.slug] if name == "regio:partners" else []
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


def test_a_nul_character_in_a_form_is_refused_and_nothing_happens(client, db):
    response = client.post(reverse("account_login"), {"login": "a\x00@example.nl", "password": "x"})
    assert response.status_code == 400
