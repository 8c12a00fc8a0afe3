from __future__ import annotations

from django.urls import path

from hearthside.needs import views

urlpatterns = [
    path("needs/", views.index, name="needs"),
]
