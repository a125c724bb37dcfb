from django.urls import path

from . import views

urlpatterns = [
    path("modele-logique/", views.logic_model_view, name="logic_model"),
    path(
        "modele-logique/nouveau/",
        views.logic_element_create,
        name="logic_element_create",
    ),
    path(
        "modele-logique/<int:logic_element_id>/",
        views.logic_element_edit,
        name="logic_element_edit",
    ),
    path(
        "modele-logique/<int:logic_element_id>/supprimer/",
        views.logic_element_delete,
        name="logic_element_delete",
    ),
    path("indicateurs/", views.indicator_list, name="indicators"),
    path("indicateurs/nouveau/", views.indicator_create, name="indicator_create"),
    path("indicateurs/<int:indicator_id>/", views.indicator_edit, name="indicator_edit"),
    path(
        "indicateurs/<int:indicator_id>/supprimer/",
        views.indicator_delete,
        name="indicator_delete",
    ),
    path(
        "indicateurs/<int:indicator_id>/mesures/",
        views.measurement_add,
        name="measurement_add",
    ),
    path(
        "mesures/<int:measurement_id>/supprimer/",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path("bilans/", views.evaluation_round_list, name="evaluation_rounds"),
    path("bilans/nouveau/", views.evaluation_round_create, name="evaluation_round_create"),
    path(
        "bilans/<int:evaluation_round_id>/",
        views.evaluation_round_edit,
        name="evaluation_round_edit",
    ),
    path(
        "bilans/<int:evaluation_round_id>/supprimer/",
        views.evaluation_round_delete,
        name="evaluation_round_delete",
    ),
    path(
        "ameliorations/<int:improvement_id>/en-action/",
        views.improvement_to_action,
        name="improvement_to_action",
    ),
]
