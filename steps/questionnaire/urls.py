"""URLs of the step pages and their questionnaires, under /projets/<project_slug>/."""

from django.urls import path, register_converter

from projects.method import STEPS

from . import restore_views, views


class StepConverter:
    """Only the six step codes: `etapes/<step:step_code>/` never shadows other pages."""

    regex = "|".join(step.code for step in STEPS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(StepConverter, "step")

ORG = "etapes/<step:step_code>/organisations/<int:organisation_id>/"

urlpatterns = [
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("etapes/<step:step_code>/", views.step_page, name="step"),
    path("etapes/<step:step_code>/enregistrer/", views.save_project, name="save_project"),
    path("etapes/<step:step_code>/soumettre/", views.submit_project, name="submit_project"),
    path("etapes/<step:step_code>/rouvrir/", views.reopen_project, name="reopen_project"),
    path(ORG, views.org_answers, name="org_answers"),
    path(ORG + "enregistrer/", views.save_org, name="save_org"),
    path(ORG + "soumettre/", views.submit_org, name="submit_org"),
    path(ORG + "rouvrir/", views.reopen_org, name="reopen_org"),
    path("reponses/enregistrement-auto/", views.autosave, name="autosave"),
    path("reponses/<int:answer_id>/historique/", views.history, name="history"),
    path(
        "reponses/<int:answer_id>/historique/<int:revision_id>/restaurer/",
        restore_views.answer_restore,
        name="answer_restore",
    ),
    path("portrait/dimensions/", views.dimensions, name="dimensions"),
    path(
        "portrait/organisations/<int:organisation_id>/elements/ajouter/",
        views.extra_item_add,
        name="extra_item_add",
    ),
    path(
        "portrait/elements/<int:extra_item_id>/retirer/",
        views.extra_item_remove,
        name="extra_item_remove",
    ),
    path("impulsion/synthese/", views.impulsion_synthesis, name="impulsion_synthesis"),
]
