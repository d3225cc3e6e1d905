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

NAVIGATION = [
    NavItem(_("Startpagina"), "home", EVERYONE),
    NavItem(_("Mijn traject"), "kandidaat_dashboard", frozenset({Role.KANDIDAAT})),
    NavItem(_("Adviesgesprekken"), "adviseur_dashboard", frozenset({Role.LOKETADVISEUR})),
    NavItem(_("Vacatures en tekorten"), "hr_dashboard", frozenset({Role.HR})),
    NavItem(_("Toelating"), "opleider_dashboard", frozenset({Role.OPLEIDER})),
    NavItem(_("Regio"), "projectleider_dashboard", frozenset({Role.PROJECTLEIDER})),
    NavItem(_("Beheer"), "admin:index", frozenset({Role.BEHEERDER})),
]


def navigation_for(user, current_path: str) -> list[dict]:
    role = user.role if user.is_authenticated else None
    items = []
    for item in NAVIGATION:
        if item.roles and role not in item.roles:
            continue
        url = reverse(item.url_name)
        current = current_path == url or (url != "/" and current_path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current})
    return items
