from __future__ import annotations

from django.urls import path

from hearthside.boundaries import views

urlpatterns = [
    path("boundaries/", views.index, name="boundaries"),
]
