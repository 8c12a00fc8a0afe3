from __future__ import annotations

from django.urls import path

from hearthside.stress import signal_views, views

urlpatterns = [
    path("stress/", views.index, name="stress"),
    path("stress/<int:circle>/", views.plan, name="stress_plan"),
    path("stress/<int:circle>/heavy/", views.heavy_new, name="stress_heavy_new"),
    path("stress/heavy/<int:pk>/", views.heavy_act, name="stress_heavy_act"),
    path("stress/heavy/<int:pk>/edit/", views.heavy_edit, name="stress_heavy_edit"),
    path("stress/<int:circle>/routine/", views.routine_set, name="stress_routine"),
    path("stress/<int:circle>/tasks/", views.task_new, name="stress_task_new"),
    path("stress/<int:circle>/tasks/copy/", views.task_copy, name="stress_task_copy"),
    path("stress/tasks/<int:pk>/", views.task_act, name="stress_task_act"),
    path("stress/tasks/<int:pk>/edit/", views.task_edit, name="stress_task_edit"),
    path("stress/<int:circle>/support/", views.support_new, name="stress_support_new"),
    path("stress/support/<int:pk>/edit/", views.support_edit, name="stress_support_edit"),
    path("stress/support/<int:pk>/remove/", views.support_remove, name="stress_support_remove"),
    path("stress/signal/", signal_views.signal_new, name="stress_signal_new"),
    path("stress/signals/<int:pk>/", signal_views.signal_detail, name="stress_signal"),
    path("stress/signals/<int:pk>/offer/", signal_views.offer_new, name="stress_offer_new"),
    path("stress/signals/<int:pk>/close/", signal_views.signal_close, name="stress_signal_close"),
    path("stress/offers/<int:pk>/accept/", signal_views.offer_accept, name="stress_offer_accept"),
]
