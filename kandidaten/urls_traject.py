"""The shared journey view, the adviser's pipeline board and admissibility outcomes."""

urlpatterns = []
