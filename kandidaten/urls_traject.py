"""The shared journey view, the adviser's pipeline board and admissibility outcomes."""

from django.urls import path

from .views import pipeline, traject

urlpatterns = [
    path("kandidaten/<int:pk>/", traject.traject, name="traject"),
    path("kandidaten/<int:pk>/stap/", traject.traject_stap, name="traject_stap"),
    path("kandidaten/<int:pk>/overnemen/", traject.traject_overnemen, name="traject_overnemen"),
    path("kandidaten/<int:pk>/verwijzen/", traject.traject_verwijzen, name="traject_verwijzen"),
    path(
        "kandidaten/<int:pk>/introducties/",
        traject.traject_introductie,
        name="traject_introductie",
    ),
    path(
        "kandidaten/<int:pk>/introducties/<int:introductie_pk>/antwoord/",
        traject.introductie_antwoord,
        name="introductie_antwoord",
    ),
    path("kandidaten/<int:pk>/toelating/", traject.traject_toelating, name="traject_toelating"),
    path("adviseur/kandidaten/", pipeline.pipeline, name="pipeline"),
    path("adviseur/kandidaten/<int:pk>/stap/", pipeline.pipeline_stap, name="pipeline_stap"),
]
