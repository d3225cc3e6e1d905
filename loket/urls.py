"""URLs of the whole portal."""

from django.contrib import admin
from django.urls import include, path

from .views import adviseur, rapportages
from .views import core as views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("adviseur/", adviseur.adviseur_dashboard, name="adviseur_dashboard"),
    path("hr/", views.hr_dashboard, name="hr_dashboard"),
    path("opleider/", views.opleider_dashboard, name="opleider_dashboard"),
    path("projectleider/", views.projectleider_dashboard, name="projectleider_dashboard"),
    path("projectleider/rapporten/nieuw/", views.rapport_create, name="rapport_create"),
    path("projectleider/rapporten/<int:pk>/", views.rapport_status, name="rapport_status"),
    path(
        "projectleider/rapporten/<int:pk>/download/",
        views.rapport_download,
        name="rapport_download",
    ),
    path("rapportages/", rapportages.kwartaalrapportages_lijst, name="kwartaalrapportages"),
    path(
        "rapportages/aanvragen/",
        rapportages.kwartaalrapportage_aanvragen,
        name="kwartaalrapportage_aanvragen",
    ),
    path(
        "rapportages/<int:pk>/",
        rapportages.kwartaalrapportage_status,
        name="kwartaalrapportage_status",
    ),
    path(
        "rapportages/<int:pk>/<slug:formaat>/",
        rapportages.kwartaalrapportage_download,
        name="kwartaalrapportage_download",
    ),
    path("regio/<slug:slug>/", views.regio_detail, name="regio_detail"),
    path("", include("loket.urls_desk")),
    path("", include("loket.urls_advies")),
    path("", include("loket.urls_mijn")),
    path("", include("kandidaten.urls")),
    path("", include("regio.urls")),
    path("", include("opleidingsscholen.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("allauth.urls")),
    path("beheer/login/", views.admin_login),
    path("beheer/", admin.site.urls),
]
