"""URLs of a region's opleidingsscholen for everyone: the list, its exports and one partnership."""

from django.urls import path

from .views import public

# Included by opleidingsscholen/urls.py, which sets the "opleidingsscholen" namespace.
urlpatterns = [
    path("regio/<slug:slug>/opleidingsscholen/", public.lijst, name="lijst"),
    path("regio/<slug:slug>/opleidingsscholen.<str:fmt>", public.export, name="export"),
    path("regio/<slug:slug>/opleidingsscholen/<int:pk>/", public.detail, name="detail"),
]
