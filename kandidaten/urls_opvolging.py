"""Following up candidates who stall: the adviser's list and recording a follow-up."""

urlpatterns = []
