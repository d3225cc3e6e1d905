"""URLs of the candidates app, one module per area so each stays small."""

from django.urls import include, path

app_name = "kandidaten"

urlpatterns = [
    path("", include("kandidaten.urls_traject")),
    path("", include("kandidaten.urls_documenten")),
    path("", include("kandidaten.urls_opvolging")),
    path("", include("kandidaten.urls_matching")),
]
