"""Notification URLs: the in-app inbox and the channels a person sets up."""

from __future__ import annotations

from django.urls import path

from hearthside.notify import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.open_notification, name="notification"),
    path("settings/notifications/", views.channels, name="notify_channels"),
    path("settings/notifications/<int:pk>/test/", views.send_test, name="notify_test"),
    path("settings/notifications/<int:pk>/remove/", views.remove_channel, name="notify_remove"),
]
