"""Advice conversations: booking by candidates, the adviser's availability and calendar."""

from django.urls import path

from .views import advies, adviseur

urlpatterns = [
    # Public: free slots, booking one, and the signed link to cancel or reschedule.
    path("advies/", advies.advies_boeken, name="advies_boeken"),
    path("advies/moment/<int:pk>/", advies.advies_moment, name="advies_moment"),
    path("advies/geboekt/", advies.advies_geboekt, name="advies_geboekt"),
    path("advies/beheren/<str:token>/", advies.advies_beheren, name="advies_beheren"),
    # The adviser's own (the calendar itself is `adviseur_dashboard`, in loket/urls.py).
    # Not under /adviseur/: the menu marks an item current by its path prefix.
    path("beschikbaarheid/", adviseur.beschikbaarheid, name="adviseur_beschikbaarheid"),
    path(
        "beschikbaarheid/<int:pk>/intrekken/",
        adviseur.slot_intrekken,
        name="adviseur_slot_intrekken",
    ),
    path("adviseur/gesprekken/<int:pk>/", adviseur.gesprek, name="adviseur_gesprek"),
    path(
        "adviseur/gesprekken/<int:pk>/annuleren/",
        adviseur.gesprek_annuleren,
        name="adviseur_gesprek_annuleren",
    ),
]
