from __future__ import annotations

from django.urls import path

from hearthside.values import views

urlpatterns = [
    path("values/", views.index, name="values"),
    path("values/intentions/new/", views.intention_new, name="values_intention_new"),
    path("values/intentions/<int:pk>/", views.intention_edit, name="values_intention_edit"),
    path(
        "values/intentions/<int:pk>/withdraw/",
        views.intention_withdraw,
        name="values_intention_withdraw",
    ),
    path(
        "values/intentions/<int:pk>/delete/", views.intention_delete, name="values_intention_delete"
    ),
    path("values/circles/<int:pk>/", views.circle_page, name="values_circle"),
    path("values/circles/<int:pk>/cadence/", views.cadence, name="values_cadence"),
    path("values/circles/<int:pk>/revisit/", views.revisit_start, name="values_revisit_start"),
    path("values/items/<int:pk>/change/", views.item_change, name="values_item_change"),
    path("values/revisits/<int:pk>/", views.revisit_page, name="values_revisit"),
    path("values/honesty/", views.honesty_mark, name="values_honesty_mark"),
    path("values/honesty/<int:pk>/", views.honesty_moment, name="values_honesty"),
    path("values/honesty/<int:pk>/unmark/", views.honesty_unmark, name="values_honesty_unmark"),
]
