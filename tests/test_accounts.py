"""Accounts through allauth: sign-up with verification, login by e-mail code, password reset,
and the second factor that staff must give at login."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from regio.models import Role, User

from .factories import PASSWORD, TOTP_SECRET


def totp_now() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def test_signing_up_makes_a_candidate_who_must_verify_their_email(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "nieuw@example.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.nl")
    assert user.role == Role.KANDIDAAT
    assert len(mail.outbox) == 1
    assert "nieuw@example.nl" in mail.outbox[0].to
    assert not user.emailaddress_set.get().verified


def test_a_candidate_logs_in_with_a_code_sent_by_email(client, kandidaat):
    client.post(reverse("account_request_login_code"), {"email": kandidaat.email})
    assert len(mail.outbox) == 1
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[0].body, re.MULTILINE).group(1)

    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)

    assert response.wsgi_request.user == kandidaat
    assert response.redirect_chain[-1][0] == reverse("kandidaat_dashboard")


def test_a_wrong_login_code_is_refused_in_dutch(client, kandidaat):
    client.post(reverse("account_request_login_code"), {"email": kandidaat.email})
    response = client.post(reverse("account_confirm_login_code"), {"code": "XXXXXX"})
    assert not response.wsgi_request.user.is_authenticated
    assert "Ongeldige code." in response.content.decode()


def test_password_reset_sends_a_link(client, kandidaat):
    client.post(reverse("account_reset_password"), {"email": kandidaat.email})
    assert len(mail.outbox) == 1
    assert "/account/password/reset/key/" in mail.outbox[0].body


def test_staff_give_their_authenticator_code_after_the_password(client, projectleider):
    response = client.post(
        reverse("account_login"), {"login": projectleider.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert not client.get(reverse("dashboard")).wsgi_request.user.is_authenticated

    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("projectleider_dashboard")
    assert "Onderwijsregio Twente" in response.content.decode()


def test_a_wrong_password_changes_nothing_and_says_why_in_dutch(client, kandidaat):
    response = client.post(reverse("account_login"), {"login": kandidaat.email, "password": "x"})
    assert response.status_code == 200
    assert "e-mailadres en/of wachtwoord is niet correct" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
