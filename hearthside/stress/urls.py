from __future__ import annotations

from django.urls import path

from hearthside.stress import views

urlpatterns = [
    path("stress/", views.index, name="stress"),
]
