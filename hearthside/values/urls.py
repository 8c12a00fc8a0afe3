from __future__ import annotations

from django.urls import path

from hearthside.values import views

urlpatterns = [
    path("values/", views.index, name="values"),
]
