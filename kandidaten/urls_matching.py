"""URLs of matching: filled in by kandidaten/views/matching.py."""

urlpatterns = []
