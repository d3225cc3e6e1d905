"""Candidates' documents: upload and permission-checked download."""

urlpatterns = []
