from django.urls import path

from . import views

S = "modelisation/etude/"

urlpatterns = [
    path(S, views.opportunity_study, name="opportunity_study"),
    path(f"{S}detail/", views.opportunity_study_detail, name="opportunity_study_detail"),
    path(
        f"{S}sensibilite/",
        views.opportunity_study_sensitivity,
        name="opportunity_study_sensitivity",
    ),
    path(f"{S}modifier/", views.opportunity_study_edit, name="opportunity_study_edit"),
    path(
        f"{S}seul/<int:organisation_id>/",
        views.opportunity_study_alone,
        name="opportunity_study_alone",
    ),
    path(f"{S}effets/", views.opportunity_study_effects, name="opportunity_study_effects"),
    path(f"{S}valider/", views.opportunity_study_validate, name="opportunity_study_validate"),
    path(f"{S}etude.xlsx", views.opportunity_study_xlsx, name="opportunity_study_xlsx"),
    path(
        f"{S}note-ca/<int:organisation_id>.pdf",
        views.opportunity_study_note,
        name="opportunity_study_note",
    ),
]
