"""URLs of the region's plan: its lines of work, activities and their progress per quarter."""

from django.urls import path

from .views import plan

# Included by regio/urls.py, which sets the "regio" namespace.
urlpatterns = [
    path("projectleider/plan/", plan.plan_overzicht, name="plan"),
    path(
        "projectleider/plan/ontwikkellijnen/nieuw/",
        plan.ontwikkellijn_nieuw,
        name="ontwikkellijn_nieuw",
    ),
    path(
        "projectleider/plan/ontwikkellijnen/<int:pk>/",
        plan.ontwikkellijn_bewerken,
        name="ontwikkellijn_bewerken",
    ),
    path(
        "projectleider/plan/ontwikkellijnen/<int:pk>/verwijderen/",
        plan.ontwikkellijn_verwijderen,
        name="ontwikkellijn_verwijderen",
    ),
    path("projectleider/plan/activiteiten/nieuw/", plan.activiteit_nieuw, name="activiteit_nieuw"),
    path(
        "projectleider/plan/activiteiten/<int:pk>/",
        plan.activiteit_bewerken,
        name="activiteit_bewerken",
    ),
    path(
        "projectleider/plan/activiteiten/<int:pk>/verwijderen/",
        plan.activiteit_verwijderen,
        name="activiteit_verwijderen",
    ),
    path(
        "projectleider/plan/activiteiten/<int:pk>/voortgang/<int:jaar>/<int:kwartaal>/",
        plan.voortgang_rij,
        name="voortgang_rij",
    ),
]
