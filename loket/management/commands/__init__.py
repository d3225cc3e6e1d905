"""The loket app's manage.py commands."""
