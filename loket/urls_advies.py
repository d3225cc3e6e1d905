"""Advice conversations: booking by candidates, the adviser's availability and calendar."""

from django.urls import path
from django.views.generic import TemplateView

# Placeholders until the booking pages land; the names are what other pages link to.
urlpatterns = [
    path("advies/", TemplateView.as_view(template_name="404.html"), name="advies_boeken"),
    path(
        "advies/beheren/<str:token>/",
        TemplateView.as_view(template_name="404.html"),
        name="advies_beheren",
    ),
]
