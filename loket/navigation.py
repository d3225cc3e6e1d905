"""The main navigation, per role, defined once for every page."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regio.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset  # empty: everyone, logged in or not


EVERYONE = frozenset()
# The public desk (routes, FAQ, events, booking) is for visitors and candidates; staff menus
# keep to their own work. `None` stands for a visitor who is not logged in.
PUBLIC = frozenset({None, Role.KANDIDAAT})

NAVIGATION = [
    NavItem(_("Startpagina"), "home", EVERYONE),
    NavItem(_("Routes"), "routes", PUBLIC),
    NavItem(_("Kennisbank"), "kennisbank", PUBLIC),
    NavItem(_("Bijeenkomsten"), "evenementen", PUBLIC),
    NavItem(_("Adviesgesprek"), "advies_boeken", PUBLIC),
    NavItem(_("Vacatures"), "regio:vacatures", frozenset({None})),
    NavItem(_("Mijn traject"), "kandidaat_dashboard", frozenset({Role.KANDIDAAT})),
    NavItem(_("Vacatures voor mij"), "kandidaten:mijn_vacatures", frozenset({Role.KANDIDAAT})),
    NavItem(_("Adviesgesprekken"), "adviseur_dashboard", frozenset({Role.LOKETADVISEUR})),
    NavItem(_("Kandidaten"), "kandidaten:pipeline", frozenset({Role.LOKETADVISEUR})),
    NavItem(_("Beschikbaarheid"), "adviseur_beschikbaarheid", frozenset({Role.LOKETADVISEUR})),
    NavItem(_("Stilgevallen"), "kandidaten:stilgevallen", frozenset({Role.LOKETADVISEUR})),
    NavItem(_("Overzicht"), "hr_dashboard", frozenset({Role.HR})),
    NavItem(_("Vacatures"), "regio:hr_vacatures", frozenset({Role.HR})),
    NavItem(_("Tekortopgave"), "regio:hr_tekorten", frozenset({Role.HR})),
    NavItem(_("Toelating"), "opleider_dashboard", frozenset({Role.OPLEIDER})),
    NavItem(_("Regio"), "projectleider_dashboard", frozenset({Role.PROJECTLEIDER})),
    NavItem(_("Tekorten"), "regio:tekorten_overzicht", frozenset({Role.PROJECTLEIDER})),
    NavItem(_("Plan"), "regio:plan", frozenset({Role.PROJECTLEIDER})),
    NavItem(
        _("Rapportages"), "kwartaalrapportages", frozenset({Role.PROJECTLEIDER, Role.BEHEERDER})
    ),
    NavItem(_("Beheer"), "admin:index", frozenset({Role.BEHEERDER})),
]


def navigation_for(user, current_path: str) -> list[dict]:
    role = user.role if user.is_authenticated else None
    items = [
        {"label": item.label, "url": reverse(item.url_name), "current": False}
        for item in NAVIGATION
        if not item.roles or role in item.roles
    ]
    # The current item is the one whose URL is the longest prefix of the path, so that
    # /adviseur/kandidaten/ marks "Kandidaten" and not also "Adviesgesprekken" (/adviseur/).
    matches = [
        item
        for item in items
        if current_path == item["url"]
        or (item["url"] != "/" and current_path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["current"] = True
    return items
