from django.urls import path

from . import views

urlpatterns = [
    path("rapports/dossier.pdf", views.report_dossier, name="report_dossier"),
    path(
        "rapports/portrait/<int:organisation_id>.pdf",
        views.report_portrait,
        name="report_portrait",
    ),
    path("rapports/grille.pdf", views.report_grille, name="report_grille"),
    path("rapports/couts/<int:resource_id>.pdf", views.report_couts, name="report_couts"),
    path("rapports/plan-action.pdf", views.report_plan, name="report_plan"),
    path("rapports/entente.pdf", views.report_entente, name="report_entente"),
    path("rapports/evaluation.pdf", views.report_evaluation, name="report_evaluation"),
]
