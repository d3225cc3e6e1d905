"""End-to-end tests that drive real Chromium through Playwright against the live server."""
