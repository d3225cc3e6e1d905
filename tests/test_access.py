"""Who reaches which page: roles, the MFA gate for staff, and the operator's admin."""

import pytest
from django.urls import reverse

from .factories import UserFactory

DASHBOARDS = {
    "kandidaat": "kandidaat_dashboard",
    "adviseur": "adviseur_dashboard",
    "hr": "hr_dashboard",
    "opleider": "opleider_dashboard",
    "projectleider": "projectleider_dashboard",
}
ALL_PERSONAS = [*DASHBOARDS, "beheerder"]


@pytest.mark.parametrize("persona", ALL_PERSONAS, indirect=True)
def test_login_lands_on_the_page_of_the_users_role(client, persona):
    client.force_login(persona)
    response = client.get(reverse("dashboard"))
    expected = DASHBOARDS.get(persona.role.replace("loketadviseur", "adviseur"), "admin:index")
    assert response.url == reverse(expected)


@pytest.mark.parametrize("persona", ALL_PERSONAS, indirect=True)
@pytest.mark.parametrize("page", DASHBOARDS.values())
def test_each_role_reaches_only_its_own_dashboard(client, persona, page):
    client.force_login(persona)
    response = client.get(reverse(page))
    own = DASHBOARDS.get(persona.role.replace("loketadviseur", "adviseur"))
    assert response.status_code == (200 if page == own else 404)


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("hr_dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["loketadviseur", "hr", "opleider", "projectleider"])
def test_staff_without_mfa_must_set_it_up_first(client, role, regio, bestuur, opleiding):
    membership = {
        "loketadviseur": {"regio": regio},
        "projectleider": {"regio": regio},
        "hr": {"organisatie": bestuur},
        "opleider": {"organisatie": opleiding},
    }[role]
    user = UserFactory(role=role, mfa=False, **membership)
    client.force_login(user)
    page = DASHBOARDS[role.replace("loketadviseur", "adviseur")]
    response = client.get(reverse(page), follow=True)
    assert response.redirect_chain[0][0] == reverse("mfa_activate_totp")
    assert "tweestapsverificatie" in response.content.decode()


def test_candidate_needs_no_mfa(client, kandidaat):
    client.force_login(kandidaat)
    response = client.get(reverse("kandidaat_dashboard"))
    assert response.status_code == 200
    assert "Kim" in response.content.decode()


def test_mfa_gate_can_be_switched_off_for_the_quickstart(client, settings, projectleider):
    settings.LOKET_MFA_REQUIRED = False
    projectleider.authenticator_set.all().delete()
    client.force_login(projectleider)
    assert client.get(reverse("projectleider_dashboard")).status_code == 200


def test_operator_reaches_the_admin_after_mfa(client, beheerder):
    client.force_login(beheerder)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Onderwijsloket – beheer" in response.content.decode()


def test_operator_without_mfa_is_kept_out_of_the_admin(client, db):
    beheerder = UserFactory(role="beheerder", mfa=False)
    client.force_login(beheerder)
    response = client.get(reverse("admin:index"), follow=True)
    assert (reverse("mfa_activate_totp"), 302) in response.redirect_chain


@pytest.mark.parametrize("persona", ["projectleider", "hr", "kandidaat"], indirect=True)
def test_other_roles_never_see_the_admin(client, persona):
    client.force_login(persona)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 404


def test_admin_sends_anonymous_visitors_to_the_portal_login(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("persona", "visible", "hidden"),
    [
        ("kandidaat", "Mijn traject", "Regio"),
        ("adviseur", "Adviesgesprekken", "Mijn traject"),
        ("hr", "Tekortopgave", "Toelating"),
        ("opleider", "Toelating", "Tekortopgave"),
        ("projectleider", "Regio", "Beheer"),
    ],
    indirect=["persona"],
)
def test_navigation_shows_what_the_role_works_on(client, persona, visible, hidden):
    client.force_login(persona)
    page = client.get(reverse("dashboard"), follow=True).content.decode()
    nav = page[page.index('aria-label="Hoofdmenu"') :]
    nav = nav[: nav.index("</nav>")]
    assert f">{visible}</a>" in nav
    assert f">{hidden}</a>" not in nav


def test_hr_sees_the_schools_of_its_own_board(client, hr, ander_bestuur):
    client.force_login(hr)
    page = client.get(reverse("hr_dashboard")).content.decode()
    assert "Stichting Tweede Kans" in page
    assert "Basisschool De Esch" in page
    assert "Stichting Elders" not in page
