"""URLs of the registry app: public lists and exports, project leaders' editing, the DUO
import, vacancies and hidden-shortage returns."""

from django.urls import include, path

app_name = "regio"

urlpatterns = [
    path("", include("regio.urls_registry")),
    path("", include("regio.urls_beheer")),
    path("", include("regio.urls_duo")),
    path("", include("regio.urls_vacatures")),
    path("", include("regio.urls_tekorten")),
]
