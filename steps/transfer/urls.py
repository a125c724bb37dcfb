from django.urls import path

from . import views

urlpatterns = [
    path("sauvegarde/", views.project_transfer, name="project_transfer"),
    path("sauvegarde/projet.json", views.project_export, name="project_export"),
]
