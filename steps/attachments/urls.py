from django.urls import path

from . import views

D = "documents-partages/<int:attachment_id>/"

urlpatterns = [
    path("documents-partages/", views.attachment_list, name="attachment_list"),
    path("documents-partages/ajouter/", views.attachment_upload, name="attachment_upload"),
    path(f"{D}telecharger/", views.attachment_download, name="attachment_download"),
    path(f"{D}supprimer/", views.attachment_delete, name="attachment_delete"),
]
