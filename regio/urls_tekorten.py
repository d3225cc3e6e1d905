"""URLs of the tekorten: filled in by regio/views/tekorten.py."""

urlpatterns = []
