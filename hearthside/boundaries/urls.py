from __future__ import annotations

from django.urls import path

from hearthside.boundaries import views

urlpatterns = [
    path("boundaries/", views.index, name="boundaries"),
    path("boundaries/new/", views.new, name="boundary_new"),
    path("boundaries/<int:pk>/", views.detail, name="boundary"),
    path("boundaries/<int:pk>/edit/", views.edit, name="boundary_edit"),
    path("boundaries/<int:pk>/review/", views.review, name="boundary_review"),
    path("boundaries/<int:pk>/acknowledge/", views.acknowledge, name="boundary_acknowledge"),
]
