"""The main menu marks exactly one item as the current page."""

from django.contrib.auth.models import AnonymousUser

from loket.navigation import navigation_for


def current(user, path):
    return [item["label"] for item in navigation_for(user, path) if item["current"]]


def test_a_deeper_page_marks_its_own_item_not_its_parent(adviseur):
    assert current(adviseur, "/adviseur/kandidaten/") == ["Kandidaten"]
    assert current(adviseur, "/adviseur/stilgevallen/") == ["Stilgevallen"]
    assert current(adviseur, "/adviseur/") == ["Adviesgesprekken"]


def test_a_visitor_sees_the_public_desk_and_home_is_current_only_on_home(db):
    visitor = AnonymousUser()
    labels = [item["label"] for item in navigation_for(visitor, "/kennisbank/zij-instroom/")]
    assert labels == [
        "Startpagina",
        "Routes",
        "Kennisbank",
        "Bijeenkomsten",
        "Adviesgesprek",
        "Vacatures",
    ]
    assert current(visitor, "/kennisbank/zij-instroom/") == ["Kennisbank"]
    assert current(visitor, "/") == ["Startpagina"]
