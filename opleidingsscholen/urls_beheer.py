"""URLs with which project leaders keep their region's opleidingsscholen."""

from django.urls import path

from .views import beheer

# Included by opleidingsscholen/urls.py, which sets the "opleidingsscholen" namespace.
urlpatterns = [
    path("projectleider/opleidingsscholen/", beheer.beheer, name="beheer"),
    path("projectleider/opleidingsscholen/nieuw/", beheer.nieuw, name="nieuw"),
    path("projectleider/opleidingsscholen/<int:pk>/", beheer.bewerken, name="bewerken"),
    path(
        "projectleider/opleidingsscholen/<int:pk>/opleidingsplaatsen/nieuw/",
        beheer.opleidingsplaatsen_nieuw,
        name="opleidingsplaatsen_nieuw",
    ),
    path(
        "projectleider/opleidingsscholen/<int:pk>/opleidingsplaatsen/<int:rij_pk>/",
        beheer.opleidingsplaatsen_rij,
        name="opleidingsplaatsen_rij",
    ),
    path(
        "projectleider/opleidingsscholen/<int:pk>/plaatsingen/nieuw/",
        beheer.plaatsingen_nieuw,
        name="plaatsingen_nieuw",
    ),
    path(
        "projectleider/opleidingsscholen/<int:pk>/plaatsingen/<int:rij_pk>/",
        beheer.plaatsingen_rij,
        name="plaatsingen_rij",
    ),
]
