"""Word files and blank questionnaires (issue 17): written by the documents work."""

from django.urls import path

from . import documents_views as views

urlpatterns = [
    path("documents/entente.docx", views.agreement_docx, name="agreement_docx"),
    path(
        "documents/vierge/<step:step_code>.<str:fmt>",
        views.blank_questionnaire,
        name="blank_questionnaire",
    ),
    path(
        "documents/vierge/portrait/<int:organisation_id>.<str:fmt>",
        views.blank_portrait,
        name="blank_portrait",
    ),
    path(
        "documents/reponses/<step:step_code>/<int:organisation_id>.docx",
        views.answers_docx,
        name="answers_docx",
    ),
]
