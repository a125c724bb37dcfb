from django.urls import path

from . import views

urlpatterns = [
    path("plan-strategique/", views.strategic_plan_view, name="strategic_plan"),
    path(
        "plan-strategique/vision/",
        views.strategic_vision_edit,
        name="strategic_vision_edit",
    ),
    path("plan-strategique/axes/nouveau/", views.axis_create, name="axis_create"),
    path("plan-strategique/axes/<int:axis_id>/", views.axis_edit, name="axis_edit"),
    path(
        "plan-strategique/axes/<int:axis_id>/supprimer/",
        views.axis_delete,
        name="axis_delete",
    ),
    path(
        "plan-strategique/axes/<int:axis_id>/orientations/nouvelle/",
        views.orientation_create,
        name="orientation_create",
    ),
    path(
        "plan-strategique/orientations/<int:orientation_id>/",
        views.orientation_edit,
        name="orientation_edit",
    ),
    path(
        "plan-strategique/orientations/<int:orientation_id>/supprimer/",
        views.orientation_delete,
        name="orientation_delete",
    ),
    path(
        "plan-strategique/orientations/<int:orientation_id>/strategies/nouvelle/",
        views.strategy_create,
        name="strategy_create",
    ),
    path(
        "plan-strategique/strategies/<int:strategy_id>/",
        views.strategy_edit,
        name="strategy_edit",
    ),
    path(
        "plan-strategique/strategies/<int:strategy_id>/supprimer/",
        views.strategy_delete,
        name="strategy_delete",
    ),
    path("plan-action/", views.action_list, name="actions"),
    path("plan-action/calendrier/", views.action_timeline, name="action_timeline"),
    path("plan-action/nouvelle/", views.action_create, name="action_create"),
    path("plan-action/<int:action_id>/", views.action_edit, name="action_edit"),
    path(
        "plan-action/<int:action_id>/supprimer/",
        views.action_delete,
        name="action_delete",
    ),
    path("plan-action/<int:action_id>/statut/", views.action_status, name="action_status"),
    path("realisation/communication/", views.communication, name="communication"),
    path(
        "realisation/communication/nouveau/",
        views.communication_item_create,
        name="communication_item_create",
    ),
    path(
        "realisation/communication/<int:communication_item_id>/modifier/",
        views.communication_item_edit,
        name="communication_item_edit",
    ),
    path(
        "realisation/communication/<int:communication_item_id>/supprimer/",
        views.communication_item_delete,
        name="communication_item_delete",
    ),
]
