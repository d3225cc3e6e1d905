"""URLs of the vacatures: filled in by regio/views/vacatures.py."""

urlpatterns = []
