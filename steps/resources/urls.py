from django.urls import path

from . import views

R = "modelisation/ressources/<int:resource_id>/"

urlpatterns = [
    path("modelisation/ressources/", views.resources, name="resources"),
    path("modelisation/ressources/nouvelle/", views.resource_create, name="resource_create"),
    path("modelisation/ressources/apercu/", views.resource_preview, name="resource_preview"),
    path(R, views.resource_detail, name="resource_detail"),
    path(f"{R}modifier/", views.resource_edit, name="resource_edit"),
    path(f"{R}supprimer/", views.resource_delete, name="resource_delete"),
    path(f"{R}engagements/", views.commitments, name="commitments"),
    path(f"{R}utilisations/", views.usage, name="usage"),
    path(f"{R}utilisations/ajouter/", views.usage_add, name="usage_add"),
    path(
        "modelisation/ressources/utilisations/<int:usage_id>/supprimer/",
        views.usage_delete,
        name="usage_delete",
    ),
]
