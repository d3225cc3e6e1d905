"""URLs of this part of the app (filled in by the module that owns it)."""

urlpatterns = []
