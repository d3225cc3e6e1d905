"""URLs of matching: HR's ranked candidates and accepted introductions, the candidate's
ranked vacancies and matching profile."""

from django.urls import path

from .views import matching as views

urlpatterns = [
    path("hr/vacatures/<int:pk>/kandidaten/", views.hr_matches, name="hr_matches"),
    path(
        "hr/vacatures/<int:pk>/kandidaten/shortlist/",
        views.hr_matches_shortlist,
        name="hr_matches_shortlist",
    ),
    path(
        "hr/vacatures/<int:pk>/kandidaten/uitnodigen/",
        views.hr_matches_uitnodigen,
        name="hr_matches_uitnodigen",
    ),
    path("hr/introducties/<int:pk>/", views.hr_introductie, name="hr_introductie"),
    path("mijn/vacatures/", views.mijn_vacatures, name="mijn_vacatures"),
    path(
        "mijn/vacatures/<int:pk>/introductie/",
        views.mijn_vacature_introductie,
        name="mijn_vacature_introductie",
    ),
    path("mijn/profiel/", views.mijn_profiel, name="mijn_profiel"),
]
