from __future__ import annotations

from django.urls import path

from hearthside.summary import views

urlpatterns = [
    path("summary/", views.index, name="summaries"),
]
