"""Management commands of the loket app."""
