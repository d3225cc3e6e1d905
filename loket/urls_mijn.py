"""The candidate's own pages: dashboard, consent, data export and erasure."""

urlpatterns = []
