from django.urls import path

from . import duplicate_views, views

urlpatterns = [
    path("dupliquer/", duplicate_views.project_duplicate, name="project_duplicate"),
    path("sauvegarde/", views.project_transfer, name="project_transfer"),
    path("sauvegarde/projet.json", views.project_export, name="project_export"),
]

# Outside any project (included at /projets/restaurer/ by mutualisation/urls.py).
restore_urlpatterns = (
    [
        path("", views.project_restore, name="upload"),
        path("<str:upload_token>/", views.project_restore_preview, name="preview"),
        path("<str:upload_token>/confirmer/", views.project_restore_confirm, name="confirm"),
    ],
    "restore",
)
