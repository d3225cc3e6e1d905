"""URLs of the vacancies: HR's own pages and import, and the public search and vacancy page."""

from django.urls import path

from .views import vacatures

# Included by regio/urls.py, which sets the "regio" namespace.
urlpatterns = [
    path("hr/vacatures/", vacatures.hr_vacatures, name="hr_vacatures"),
    path("hr/vacatures/nieuw/", vacatures.hr_vacature_nieuw, name="hr_vacature_nieuw"),
    path("hr/vacatures/import/", vacatures.hr_vacatures_import, name="hr_vacatures_import"),
    path(
        "hr/vacatures/import/voorbeeld.csv",
        vacatures.hr_vacatures_voorbeeld,
        name="hr_vacatures_voorbeeld",
    ),
    path("hr/vacatures/<int:pk>/", vacatures.hr_vacature, name="hr_vacature"),
    path("hr/vacatures/<int:pk>/status/", vacatures.hr_vacature_status, name="hr_vacature_status"),
    path("vacatures/", vacatures.vacatures, name="vacatures"),
    path("vacatures/<int:pk>/", vacatures.vacature, name="vacature"),
]
