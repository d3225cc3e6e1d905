"""URLs of the hidden-shortage returns: HR files its board's, the project leader follows the
region's and reports the quarter."""

from django.urls import path

from .views import tekorten

# Included by regio/urls.py, which sets the "regio" namespace.
urlpatterns = [
    path("hr/tekorten/", tekorten.hr_tekorten, name="hr_tekorten"),
    path(
        "hr/tekorten/<int:jaar>/<int:kwartaal>/",
        tekorten.hr_tekortopgave,
        name="hr_tekortopgave",
    ),
    path("projectleider/tekorten/", tekorten.tekorten_overzicht, name="tekorten_overzicht"),
    path(
        "projectleider/tekorten/<int:jaar>/<int:kwartaal>/afsluiten/",
        tekorten.tekorten_afsluiten,
        name="tekorten_afsluiten",
    ),
    path(
        "projectleider/tekorten/opgave/<int:pk>/",
        tekorten.tekortopgave_detail,
        name="tekortopgave_detail",
    ),
]
