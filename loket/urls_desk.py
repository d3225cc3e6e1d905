"""Public pages of the desk: career routes, the route finder, the knowledge base, events."""

urlpatterns = []
