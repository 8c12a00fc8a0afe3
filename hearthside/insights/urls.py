from __future__ import annotations

from django.urls import path

from hearthside.insights import views

urlpatterns = [
    path("insights/", views.index, name="insights"),
    path("circles/<int:pk>/insights/", views.circle, name="circle_insights"),
]
