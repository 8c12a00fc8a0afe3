"""Ritual URLs. views.py: rituals, occurrences, reminders; feed.py: the calendar feed."""

from __future__ import annotations

from django.urls import path

from hearthside.rituals import feed, views

urlpatterns = [
    path("rituals/", views.ritual_list, name="rituals"),
    path("rituals/new/", views.ritual_new, name="ritual_new"),
    path("rituals/<int:pk>/", views.ritual_detail, name="ritual"),
    path("rituals/<int:pk>/edit/", views.ritual_edit, name="ritual_edit"),
    path("rituals/<int:pk>/reminders/", views.reminders, name="ritual_reminders"),
    path("rituals/<int:pk>/at/<str:when>/", views.occurrence, name="occurrence"),
    path("calendar/", feed.calendar_settings, name="calendar"),
    path("calendar/feed.ics", feed.feed, name="calendar_feed"),
]
