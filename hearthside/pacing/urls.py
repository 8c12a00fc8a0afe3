from __future__ import annotations

from django.urls import path

from hearthside.pacing import views

urlpatterns = [
    path("pacing/", views.index, name="pacing"),
]
