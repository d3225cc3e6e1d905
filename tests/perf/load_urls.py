"""URLs of the load benchmark's server: the portal's, plus the floor the pages are compared
with. Kept out of loket.urls so that production never serves a benchmark route."""

from django.http import HttpResponse
from django.urls import include, path

from regio.models import Regio

FLOOR_PATH = "bench/floor/<slug:slug>/"


def floor(request, slug):
    """The least a page can do: pass the middleware and read one row by an indexed column."""
    naam = Regio.objects.filter(slug=slug).values_list("naam", flat=True).first()
    return HttpResponse(naam or "", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path(FLOOR_PATH, floor, name="bench_floor"),
    path("", include("loket.urls")),
]
