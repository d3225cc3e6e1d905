"""URLs with which project leaders keep their region's registry."""

from django.urls import path

from .views import beheer

urlpatterns = [
    path("projectleider/register/", beheer.register, name="register"),
    path("projectleider/register/nieuw/", beheer.organisatie_nieuw, name="organisatie_nieuw"),
    path(
        "projectleider/register/<int:pk>/",
        beheer.organisatie_bewerken,
        name="organisatie_bewerken",
    ),
    path("projectleider/register/<int:pk>/rij/", beheer.register_rij, name="register_rij"),
    path(
        "projectleider/register/<int:pk>/deelname/",
        beheer.organisatie_deelname,
        name="organisatie_deelname",
    ),
    path(
        "projectleider/register/<int:pk>/contactpersonen/nieuw/",
        beheer.contactpersoon_nieuw,
        name="contactpersoon_nieuw",
    ),
    path(
        "projectleider/register/<int:pk>/contactpersonen/<int:contact_pk>/verwijderen/",
        beheer.contactpersoon_verwijderen,
        name="contactpersoon_verwijderen",
    ),
    path(
        "projectleider/register/<int:pk>/scholen/nieuw/",
        beheer.vestiging_nieuw,
        name="vestiging_nieuw",
    ),
    path(
        "projectleider/register/<int:pk>/scholen/<int:vestiging_pk>/",
        beheer.vestiging_bewerken,
        name="vestiging_bewerken",
    ),
]
