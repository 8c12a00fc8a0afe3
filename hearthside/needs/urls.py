from __future__ import annotations

from django.urls import path

from hearthside.needs import views

urlpatterns = [
    path("needs/", views.index, name="needs"),
    path("needs/<int:pk>/", views.detail, name="need"),
    path("needs/<int:pk>/answer/", views.answer, name="need_answer"),
    path("needs/<int:pk>/met/", views.met, name="need_met"),
    path("needs/<int:pk>/withdraw/", views.withdraw, name="need_withdraw"),
]
