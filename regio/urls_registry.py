"""URLs of a region's public registry: the partner list, its exports and one partner's page."""

from django.urls import path

from .views import registry

# Included by regio/urls.py, which sets the "regio" namespace.
urlpatterns = [
    path("regio/<slug:slug>/partners/", registry.partners, name="partners"),
    path("regio/<slug:slug>/partners.<str:fmt>", registry.partners_export, name="partners_export"),
    path(
        "regio/<slug:slug>/partners/<int:pk>/",
        registry.organisatie_detail,
        name="organisatie_detail",
    ),
]
