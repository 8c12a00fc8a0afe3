"""Real browser journeys: Playwright driving Debian's Chromium against pytest-django's live
server. Marked `browser`; see conftest.py for the fixtures."""
