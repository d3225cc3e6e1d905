"""URLs of the opleidingsscholen: the public list and exports, project leaders' editing."""

from django.urls import include, path

app_name = "opleidingsscholen"

urlpatterns = [
    path("", include("opleidingsscholen.urls_public")),
    path("", include("opleidingsscholen.urls_beheer")),
]
