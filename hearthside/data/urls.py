from __future__ import annotations

from django.urls import path

from hearthside.data import views

urlpatterns = [
    path("settings/data/", views.index, name="data"),
]
