"""Public pages of the desk: career routes, the route finder, the knowledge base, events."""

from django.urls import path

from .views import evenementen, kennisbank, routes

urlpatterns = [
    path("routes/", routes.routes, name="routes"),
    path("routes/<slug:slug>/", routes.route_detail, name="route_detail"),
    path("routewijzer/", routes.routewijzer, name="routewijzer"),
    path("kennisbank/", kennisbank.kennisbank_lijst, name="kennisbank"),
    path("kennisbank/<slug:slug>/", kennisbank.kennisbank_artikel, name="kennisbank_artikel"),
    path("bijeenkomsten/", evenementen.evenementen, name="evenementen"),
    path("bijeenkomsten/<int:pk>/", evenementen.evenement_detail, name="evenement_detail"),
    path(
        "bijeenkomsten/afmelden/<str:token>/",
        evenementen.aanmelding_annuleren,
        name="aanmelding_annuleren",
    ),
    path("bijeenkomsten/beheer/", evenementen.evenementen_beheer, name="evenementen_beheer"),
    path("bijeenkomsten/beheer/nieuw/", evenementen.evenement_nieuw, name="evenement_nieuw"),
    path(
        "bijeenkomsten/beheer/<int:pk>/",
        evenementen.evenement_bewerken,
        name="evenement_bewerken",
    ),
    path(
        "bijeenkomsten/beheer/<int:pk>/annuleren/",
        evenementen.evenement_annuleren,
        name="evenement_annuleren",
    ),
]
