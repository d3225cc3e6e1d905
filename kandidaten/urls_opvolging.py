"""Following up candidates who stall: the adviser's list and recording a follow-up."""

from django.urls import path

from .views import opvolging as views

urlpatterns = [
    path("adviseur/stilgevallen/", views.stilgevallen, name="stilgevallen"),
    path(
        "adviseur/stilgevallen/<int:pk>/opvolging/",
        views.opvolging_vastleggen,
        name="opvolging_vastleggen",
    ),
]
