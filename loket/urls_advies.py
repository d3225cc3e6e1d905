"""Advice conversations: booking by candidates, the adviser's availability and calendar."""

urlpatterns = []
