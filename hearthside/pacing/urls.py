from __future__ import annotations

from django.urls import path

from hearthside.pacing import views

urlpatterns = [
    path("pacing/", views.index, name="pacing"),
    path("pacing/comfort/<int:circle_id>/", views.comfort, name="pacing_comfort"),
    path("pacing/ask/", views.ask, name="pacing_ask"),
    path("pacing/knocks/<int:pk>/", views.knock_detail, name="pacing_knock"),
    path("pacing/knocks/<int:pk>/answer/", views.knock_answer, name="pacing_answer"),
    path("pacing/knocks/<int:pk>/share-now/", views.knock_share_now, name="pacing_share_now"),
    path("pacing/knocks/<int:pk>/withdraw/", views.knock_withdraw, name="pacing_withdraw"),
]
