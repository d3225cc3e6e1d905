"""The candidate's own pages: dashboard, consent, data export and erasure."""

from django.urls import path

from .views import mijn as views

urlpatterns = [
    path("mijn/", views.kandidaat_dashboard, name="kandidaat_dashboard"),
    path("mijn/toestemming/", views.mijn_toestemming, name="mijn_toestemming"),
    path("mijn/gegevens.json", views.mijn_export, name="mijn_export"),
    path("mijn/wissen/", views.mijn_wissen, name="mijn_wissen"),
    path("tot-ziens/", views.mijn_gewist, name="mijn_gewist"),
]
