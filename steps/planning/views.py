"""Pages of the réalisation tools: the strategic plan and the action plan.

Everyone in the project reads them; the coordination writes them; a partner updates the
status and progress of the actions its organisation is responsible for.
"""

from django.contrib import messages
from django.db.models import Max
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.access import Access, get_project_object, project_view, require_edit
from steps.history import snapshot
from steps.method import STEPS_BY_CODE
from steps.models import Action, Axis, Orientation, Strategy

from . import services
from .forms import (
    ActionFilterForm,
    ActionForm,
    ActionStatusForm,
    AxisForm,
    OrientationForm,
    StrategicVisionForm,
    StrategyForm,
)
from .selectors import actions_for, history_rows, strategic_plan, timeline_for

STEP = STEPS_BY_CODE["realisation"]


def _context(membership, **extra) -> dict:
    return {
        "project": membership.project,
        "membership": membership,
        "step": STEP,
        **extra,
    }


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


def _object_form(request, membership, *, form, title, parent_title, parent_url, **extra):
    """The page of a simple form of the strategic plan (create or edit)."""
    return render(
        request,
        "steps/planning/object_form.html",
        _context(
            membership,
            form=form,
            title=title,
            parent_title=parent_title,
            parent_url=parent_url,
            **extra,
        ),
    )


# Strategic plan -----------------------------------------------------------------------


def _plan_url(membership) -> str:
    return reverse("steps:strategic_plan", args=[membership.project.slug])


@project_view(Access.READ)
def strategic_plan_view(request, membership):
    plan = strategic_plan(membership.project)
    return render(request, "steps/planning/strategic_plan.html", _context(membership, plan=plan))


@project_view(Access.COORDINATE)
def strategic_vision_edit(request, membership):
    vision = services.vision_for_edit(project=membership.project)
    before = snapshot(vision) if vision.pk else None
    form = StrategicVisionForm(request.POST or None, instance=vision)
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=before, user=request.user)
        messages.success(request, _("Vision et valeurs enregistrées."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Vision et valeurs du « nous »"),
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
    )


@project_view(Access.COORDINATE)
def axis_create(request, membership):
    project = membership.project
    form = AxisForm(
        request.POST or None,
        initial={"order": _next_order(Axis.objects.filter(project=project))},
    )
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=None, user=request.user, project=project)
        messages.success(request, _("Axe d'intervention ajouté."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Nouvel axe d'intervention"),
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
    )


@project_view(Access.COORDINATE)
def axis_edit(request, membership, axis_id):
    axis = get_project_object(membership, Axis, pk=axis_id)
    before = snapshot(axis)
    form = AxisForm(request.POST or None, instance=axis)
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=before, user=request.user)
        messages.success(request, _("Axe d'intervention enregistré."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Modifier l'axe d'intervention"),
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
        delete_url=reverse("steps:axis_delete", args=[membership.project.slug, axis.pk]),
        delete_warning=_("Ses orientations et stratégies seront aussi supprimées."),
    )


@project_view(Access.COORDINATE)
@require_POST
def axis_delete(request, membership, axis_id):
    axis = get_project_object(membership, Axis, pk=axis_id)
    services.object_delete(instance=axis, user=request.user)
    messages.success(request, _("Axe d'intervention supprimé."))
    return redirect(_plan_url(membership))


def _get_orientation(membership, orientation_id) -> Orientation:
    return get_object_or_404(
        Orientation.objects.select_related("axis"),
        axis__project=membership.project,
        pk=orientation_id,
    )


@project_view(Access.COORDINATE)
def orientation_create(request, membership, axis_id):
    axis = get_project_object(membership, Axis, pk=axis_id)
    form = OrientationForm(
        request.POST or None, initial={"order": _next_order(axis.orientations.all())}
    )
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=None, user=request.user, axis=axis)
        messages.success(request, _("Orientation ajoutée."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Nouvelle orientation de l'axe « %(axis)s »") % {"axis": axis.title},
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
    )


@project_view(Access.COORDINATE)
def orientation_edit(request, membership, orientation_id):
    orientation = _get_orientation(membership, orientation_id)
    before = snapshot(orientation)
    form = OrientationForm(request.POST or None, instance=orientation)
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=before, user=request.user)
        messages.success(request, _("Orientation enregistrée."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Modifier l'orientation"),
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
        delete_url=reverse(
            "steps:orientation_delete", args=[membership.project.slug, orientation.pk]
        ),
        delete_warning=_("Ses stratégies seront aussi supprimées."),
    )


@project_view(Access.COORDINATE)
@require_POST
def orientation_delete(request, membership, orientation_id):
    orientation = _get_orientation(membership, orientation_id)
    services.object_delete(instance=orientation, user=request.user)
    messages.success(request, _("Orientation supprimée."))
    return redirect(_plan_url(membership))


def _get_strategy(membership, strategy_id) -> Strategy:
    return get_object_or_404(
        Strategy.objects.select_related("orientation__axis"),
        orientation__axis__project=membership.project,
        pk=strategy_id,
    )


@project_view(Access.COORDINATE)
def strategy_create(request, membership, orientation_id):
    orientation = _get_orientation(membership, orientation_id)
    form = StrategyForm(
        request.POST or None, initial={"order": _next_order(orientation.strategies.all())}
    )
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=None, user=request.user, orientation=orientation)
        messages.success(request, _("Stratégie ajoutée."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Nouvelle stratégie de l'orientation « %(orientation)s »")
        % {"orientation": orientation.title},
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
    )


@project_view(Access.COORDINATE)
def strategy_edit(request, membership, strategy_id):
    strategy = _get_strategy(membership, strategy_id)
    before = snapshot(strategy)
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=before, user=request.user)
        messages.success(request, _("Stratégie enregistrée."))
        return redirect(_plan_url(membership))
    return _object_form(
        request,
        membership,
        form=form,
        title=_("Modifier la stratégie"),
        parent_title=_("Plan stratégique"),
        parent_url=_plan_url(membership),
        delete_url=reverse("steps:strategy_delete", args=[membership.project.slug, strategy.pk]),
    )


@project_view(Access.COORDINATE)
@require_POST
def strategy_delete(request, membership, strategy_id):
    strategy = _get_strategy(membership, strategy_id)
    services.object_delete(instance=strategy, user=request.user)
    messages.success(request, _("Stratégie supprimée."))
    return redirect(_plan_url(membership))


# Action plan --------------------------------------------------------------------------


def _actions_url(membership) -> str:
    return reverse("steps:actions", args=[membership.project.slug])


def _filters(request, membership):
    """The filter form of the action pages, and the lists its options come from."""
    project = membership.project
    axes = list(Axis.objects.filter(project=project))
    organisations = list(project.organisations.order_by("name"))
    form = ActionFilterForm(request.GET or None, axes=axes, organisations=organisations)
    return form, axes, organisations


def _actions_page(request, membership, *, bound_form=None, bound_action_id=None, status=200):
    """The action list; after a refused status update, that row shows the user's input."""
    filter_form, axes, organisations = _filters(request, membership)
    actions = list(actions_for(membership.project, **filter_form.filters()))
    today = timezone.localdate()
    rows = []
    for action in actions:
        status_form = None
        if membership.can_edit(action.organisation):
            if action.pk == bound_action_id:
                status_form = bound_form
            else:
                status_form = ActionStatusForm(action=action)
        rows.append(
            {"action": action, "overdue": action.is_overdue(today), "status_form": status_form}
        )
    counts = {
        "total": len(actions),
        "overdue": sum(1 for row in rows if row["overdue"]),
        "done": sum(1 for a in actions if a.status == Action.Status.DONE),
    }
    return render(
        request,
        "steps/planning/actions.html",
        _context(
            membership,
            rows=rows,
            counts=counts,
            filter_form=filter_form,
            has_axes=bool(axes),
            today=today,
        ),
        status=status,
    )


@project_view(Access.READ)
def action_list(request, membership):
    return _actions_page(request, membership)


@project_view(Access.COORDINATE)
def action_create(request, membership):
    project = membership.project
    form = ActionForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        action = services.action_create(project=project, form=form, user=request.user)
        messages.success(request, _("Action « %(title)s » ajoutée au plan.") % {"title": action})
        return redirect(_actions_url(membership))
    return render(
        request,
        "steps/planning/action_form.html",
        _context(membership, form=form, action=None),
    )


@project_view(Access.COORDINATE)
def action_edit(request, membership, action_id):
    action = get_object_or_404(
        Action.objects.select_related("created_from__evaluation_round"),
        project=membership.project,
        pk=action_id,
    )
    before = snapshot(action)
    form = ActionForm(request.POST or None, instance=action, project=membership.project)
    if request.method == "POST" and form.is_valid():
        services.form_save(form=form, before=before, user=request.user)
        messages.success(request, _("Action « %(title)s » enregistrée.") % {"title": action})
        return redirect(_actions_url(membership))
    return render(
        request,
        "steps/planning/action_form.html",
        _context(membership, form=form, action=action, history=history_rows(action)),
    )


@project_view(Access.COORDINATE)
@require_POST
def action_delete(request, membership, action_id):
    action = get_project_object(membership, Action, pk=action_id)
    services.object_delete(instance=action, user=request.user)
    messages.success(request, _("Action « %(title)s » supprimée.") % {"title": action})
    return redirect(_actions_url(membership))


@project_view(Access.CONTRIBUTE)
def action_status(request, membership, action_id):
    """A partner updates the status of its organisation's action; the coordination, any."""
    action = get_object_or_404(
        Action.objects.select_related("organisation"), project=membership.project, pk=action_id
    )
    # The organisation check comes before the method check: a partner of another
    # organisation is refused (403) whatever the method.
    require_edit(membership, action.organisation)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ActionStatusForm(request.POST, action=action)
    if not form.is_valid():
        return _actions_page(
            request, membership, bound_form=form, bound_action_id=action.pk, status=400
        )
    services.action_set_status(
        action=action,
        status=form.cleaned_data["status"],
        progress=form.cleaned_data["progress"],
        user=request.user,
    )
    messages.success(request, _("Statut de « %(title)s » mis à jour.") % {"title": action})
    return redirect(f"{_actions_url(membership)}#action-{action.pk}")


@project_view(Access.READ)
def action_timeline(request, membership):
    filter_form, _axes, _organisations = _filters(request, membership)
    actions = actions_for(membership.project, **filter_form.filters())
    today = timezone.localdate()
    timeline, undated = timeline_for(actions, today)
    return render(
        request,
        "steps/planning/timeline.html",
        _context(
            membership,
            timeline=timeline,
            undated=undated,
            filter_form=filter_form,
            today=today,
        ),
    )
