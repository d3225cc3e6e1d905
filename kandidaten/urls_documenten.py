"""Candidates' documents: upload and permission-checked download."""

from django.urls import path

from .views import documenten as views

urlpatterns = [
    path("mijn/documenten/", views.documenten, name="documenten"),
    path(
        "mijn/documenten/<int:pk>/verwijderen/",
        views.document_verwijderen,
        name="document_verwijderen",
    ),
    path("documenten/<int:pk>/", views.document, name="document"),
]
