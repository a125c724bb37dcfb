from django.urls import path

from . import views

urlpatterns = [
    path("diagnostic/grille/", views.grid_page, name="grid"),
    path("diagnostic/grille/verdict/", views.verdict_set, name="verdict_set"),
    path("diagnostic/grille/verdict/suggestion/", views.verdict_reset, name="verdict_reset"),
    path("diagnostic/grille/export.csv", views.grid_csv, name="grid_csv"),
    path("diagnostic/grille/export.xlsx", views.grid_xlsx, name="grid_xlsx"),
    path("diagnostic/potentiel/", views.potential_page, name="potential"),
    path("diagnostic/paires/", views.pairs_page, name="pairs"),
    path("diagnostic/opportunites/", views.opportunities_page, name="opportunities"),
    path(
        "diagnostic/opportunites/ressource/",
        views.opportunity_to_resource,
        name="opportunity_to_resource",
    ),
]
