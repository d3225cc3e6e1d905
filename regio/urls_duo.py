"""URL of the DUO open-data import for project leaders."""

from django.urls import path

from .views import duo

urlpatterns = [
    path("projectleider/duo-import/", duo.duo_import, name="duo_import"),
]
