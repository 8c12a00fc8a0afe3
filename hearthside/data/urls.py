from __future__ import annotations

from django.urls import path

from hearthside.data import views

urlpatterns = [
    path("settings/data/", views.index, name="data"),
    path("settings/data/export.json", views.export_json, name="data_export_json"),
    path("settings/data/export.zip", views.export_zip, name="data_export_zip"),
    path("settings/data/import/", views.import_preview, name="data_import"),
    path("settings/data/import/<int:pk>/", views.import_confirm, name="data_import_confirm"),
    path("settings/data/import/<int:pk>/cancel/", views.import_cancel, name="data_import_cancel"),
    path("settings/data/delete/", views.delete_account, name="data_delete"),
]
