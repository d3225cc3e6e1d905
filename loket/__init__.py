"""The project package and the desk itself (routes, FAQ, advice, dashboards, reports)."""

from .celery import app as celery_app

__all__ = ("celery_app",)
