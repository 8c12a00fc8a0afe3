from __future__ import annotations

from django.urls import path

from hearthside.calm import views

urlpatterns = [
    path("calm/", views.index, name="calm"),
    # Without a pattern: box breathing, the steadiest place to start (one tap from anywhere).
    path("calm/breathe/", views.breathe, name="calm_breathe"),
    path("calm/breathe/<slug:pattern>/", views.breathe, name="calm_breathe"),
    path("calm/ground/", views.ground, name="calm_ground"),
    path("calm/kindness/", views.kindness, name="calm_kindness"),
    path("calm/sessions/<int:pk>/", views.session_detail, name="calm_session"),
    path("calm/sessions/<int:pk>/finish/", views.finish, name="calm_finish"),
    path("calm/sessions/<int:pk>/forget/", views.forget, name="calm_forget"),
]
