from __future__ import annotations

from django.urls import path

from hearthside.summary import views

urlpatterns = [
    path("summaries/", views.index, name="summaries"),
    path("summaries/<int:pk>/", views.detail, name="summary"),
    path("summaries/<int:pk>/consent/", views.consent, name="summary_consent"),
    path("summaries/<int:pk>/withdraw/", views.withdraw, name="summary_withdraw"),
    path("summaries/<int:pk>/cancel/", views.cancel, name="summary_cancel"),
    path("summaries/<int:pk>/print/", views.printable, name="summary_print"),
    path("summaries/<int:pk>/summary.md", views.download, name="summary_markdown"),
]
