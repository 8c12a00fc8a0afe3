from __future__ import annotations

from django.urls import path

from hearthside.calm import views

urlpatterns = [
    path("calm/", views.index, name="calm"),
]
