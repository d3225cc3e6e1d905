"""Candidates who come in through a public form get an account by e-mail, without a password,
and log in with a code sent to that address."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from kandidaten.models import Fase, Kandidaat
from kandidaten.services import kandidaat_for_email
from regio.models import Role, User


def test_a_new_email_gets_a_candidate_at_orientation_in_that_region(regio):
    kandidaat = kandidaat_for_email(
        email="Nieuw.Iemand@Example.NL", naam="Nina Nieuw", regio=regio, telefoon="0612345678"
    )

    user = User.objects.get(email="nieuw.iemand@example.nl")
    assert kandidaat.user == user
    assert user.role == Role.KANDIDAAT and user.naam == "Nina Nieuw"
    assert not user.has_usable_password()
    assert (kandidaat.regio, kandidaat.fase, kandidaat.telefoon) == (
        regio,
        Fase.ORIENTATIE,
        "0612345678",
    )
    assert list(kandidaat.events.values_list("naar", flat=True)) == [Fase.ORIENTATIE]


def test_a_known_email_links_to_the_same_candidate(traject, andere_regio):
    again = kandidaat_for_email(
        email=traject.user.email.upper(), naam="Iemand Anders", regio=andere_regio
    )

    assert again.pk == traject.pk
    assert again.regio == traject.regio  # the desk that follows them stays the same
    assert again.user.naam == "Kim Kandidaat"  # a form does not rename an existing account
    assert Kandidaat.objects.count() == 1


def test_a_staff_address_is_never_turned_into_a_candidate(adviseur, regio):
    with pytest.raises(ValidationError, match="hoort bij een medewerker"):
        kandidaat_for_email(email=adviseur.email, naam="X", regio=regio)
    assert not Kandidaat.objects.exists()
    adviseur.refresh_from_db()
    assert adviseur.role == Role.LOKETADVISEUR


def test_a_candidate_made_by_a_form_logs_in_with_an_emailed_code(client, regio):
    kandidaat = kandidaat_for_email(email="code@example.nl", naam="Cor Code", regio=regio)

    client.post(reverse("account_request_login_code"), {"email": "code@example.nl"})
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)

    assert response.wsgi_request.user == kandidaat.user
    assert response.redirect_chain[-1][0] == reverse("kandidaat_dashboard")
    # Receiving the code proved the address is theirs.
    assert kandidaat.user.emailaddress_set.get().verified
