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
    # A build in the background: its « Préparation… » page, its progress, its file.
    path("rapports/preparation/<int:report_id>/", views.report_progress, name="report_progress"),
    path("rapports/preparation/<int:report_id>/etat", views.report_status, name="report_status"),
    path(
        "rapports/preparation/<int:report_id>/reessayer",
        views.report_retry,
        name="report_retry",
    ),
    path("rapports/preparation/<int:report_id>/fichier", views.report_file, name="report_file"),
]
