"""URLs of the registry app: public lists and exports, project leaders' editing, the DUO
import, vacancies, hidden-shortage returns and the region's plan."""

from django.urls import include, path

app_name = "regio"

urlpatterns = [
    path("", include("regio.urls_registry")),
    path("", include("regio.urls_beheer")),
    path("", include("regio.urls_duo")),
    path("", include("regio.urls_vacatures")),
    path("", include("regio.urls_tekorten")),
    path("", include("regio.urls_plan")),
]
