"""URLs of the registry: public lists and exports, project leaders' editing, the DUO import."""

from django.urls import include, path

app_name = "regio"

urlpatterns = [
    path("", include("regio.urls_registry")),
    path("", include("regio.urls_beheer")),
    path("", include("regio.urls_duo")),
]
