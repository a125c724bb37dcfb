"""Pages of the réalisation tools: the strategic plan, the action plan and the
communication plan.

Everyone in the project reads them; the coordination writes them; a partner updates the
status and progress of the actions its organisation is responsible for.
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.db.models import Max
from django.http import HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_date
from mutualisation.params import int_param
from projects.access import Access, get_project_object, project_view, require_edit
from projects.pages import object_delete_page, object_form_page, step_context
from steps.listing import Options, url_of_each
from steps.models import Action, Axis, CommunicationItem, Orientation, Strategy

from . import services
from . import timeline as timeline_geometry
from .forms import (
    ActionFilterForm,
    ActionForm,
    ActionStatusForm,
    AxisForm,
    CommunicationItemForm,
    OrientationForm,
    StrategicVisionForm,
    StrategyForm,
)
from .selectors import (
    action_page,
    action_position,
    actions_for,
    strategic_plan,
    timeline_for,
)

STEP_CODE = "realisation"
# The timeline's zoom, as the page's links name it (?echelle=…).
TIMELINE_ZOOMS = {"mois": timeline_geometry.MONTHS, "trimestres": timeline_geometry.QUARTERS}


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


# Strategic plan -----------------------------------------------------------------------


def _plan_url(membership) -> str:
    return reverse("steps:strategic_plan", args=[membership.project.slug])


def _plan_form(request, membership, **kwargs):
    """A simple form of the strategic plan, back to the plan once saved."""
    plan_url = _plan_url(membership)
    return object_form_page(
        request,
        membership,
        step_code=STEP_CODE,
        success_url=plan_url,
        parent_title=_("Plan stratégique"),
        parent_url=plan_url,
        **kwargs,
    )


def _plan_delete(request, membership, instance, message: str):
    return object_delete_page(
        request, membership, instance=instance, message=message, success_url=_plan_url(membership)
    )


@project_view(Access.READ)
def strategic_plan_view(request, membership):
    plan = strategic_plan(membership.project)
    return render(
        request,
        "steps/planning/strategic_plan.html",
        step_context(membership, STEP_CODE, plan=plan),
    )


@project_view(Access.COORDINATE)
def strategic_vision_edit(request, membership):
    vision = services.vision_for_edit(project=membership.project)
    return _plan_form(
        request,
        membership,
        form=StrategicVisionForm(request.POST or None, instance=vision),
        message=_("Vision et valeurs enregistrées."),
        page_title=_("Vision et valeurs du « nous »"),
    )


@project_view(Access.COORDINATE)
def axis_create(request, membership):
    project = membership.project
    return _plan_form(
        request,
        membership,
        form=AxisForm(
            request.POST or None,
            initial={"order": _next_order(Axis.objects.filter(project=project))},
        ),
        attributes={"project": project},
        message=_("Axe d'intervention ajouté."),
        page_title=_("Nouvel axe d'intervention"),
    )


@project_view(Access.COORDINATE)
def axis_edit(request, membership, axis_id):
    axis = get_project_object(membership, Axis, pk=axis_id)
    return _plan_form(
        request,
        membership,
        form=AxisForm(request.POST or None, instance=axis),
        message=_("Axe d'intervention enregistré."),
        page_title=_("Modifier l'axe d'intervention"),
        delete_url=reverse("steps:axis_delete", args=[membership.project.slug, axis.pk]),
        delete_warning=_("Ses orientations et stratégies seront aussi supprimées."),
    )


@project_view(Access.COORDINATE)
@require_POST
def axis_delete(request, membership, axis_id):
    axis = get_project_object(membership, Axis, pk=axis_id)
    return _plan_delete(request, membership, axis, _("Axe d'intervention supprimé."))


def _get_orientation(membership, orientation_id) -> Orientation:
    return get_object_or_404(
        Orientation.objects.select_related("axis"),
        axis__project=membership.project,
        pk=orientation_id,
    )


@project_view(Access.COORDINATE)
def orientation_create(request, membership, axis_id):
    axis = get_project_object(membership, Axis, pk=axis_id)
    return _plan_form(
        request,
        membership,
        form=OrientationForm(
            request.POST or None, initial={"order": _next_order(axis.orientations.all())}
        ),
        attributes={"axis": axis},
        message=_("Orientation ajoutée."),
        page_title=_("Nouvelle orientation de l'axe « %(axis)s »") % {"axis": axis.title},
    )


@project_view(Access.COORDINATE)
def orientation_edit(request, membership, orientation_id):
    orientation = _get_orientation(membership, orientation_id)
    return _plan_form(
        request,
        membership,
        form=OrientationForm(request.POST or None, instance=orientation),
        message=_("Orientation enregistrée."),
        page_title=_("Modifier l'orientation"),
        delete_url=reverse(
            "steps:orientation_delete", args=[membership.project.slug, orientation.pk]
        ),
        delete_warning=_("Ses stratégies seront aussi supprimées."),
    )


@project_view(Access.COORDINATE)
@require_POST
def orientation_delete(request, membership, orientation_id):
    orientation = _get_orientation(membership, orientation_id)
    return _plan_delete(request, membership, orientation, _("Orientation supprimée."))


def _get_strategy(membership, strategy_id) -> Strategy:
    return get_object_or_404(
        Strategy.objects.select_related("orientation__axis"),
        orientation__axis__project=membership.project,
        pk=strategy_id,
    )


@project_view(Access.COORDINATE)
def strategy_create(request, membership, orientation_id):
    orientation = _get_orientation(membership, orientation_id)
    return _plan_form(
        request,
        membership,
        form=StrategyForm(
            request.POST or None, initial={"order": _next_order(orientation.strategies.all())}
        ),
        attributes={"orientation": orientation},
        message=_("Stratégie ajoutée."),
        page_title=_("Nouvelle stratégie de l'orientation « %(orientation)s »")
        % {"orientation": orientation.title},
    )


@project_view(Access.COORDINATE)
def strategy_edit(request, membership, strategy_id):
    strategy = _get_strategy(membership, strategy_id)
    return _plan_form(
        request,
        membership,
        form=StrategyForm(request.POST or None, instance=strategy),
        message=_("Stratégie enregistrée."),
        page_title=_("Modifier la stratégie"),
        delete_url=reverse("steps:strategy_delete", args=[membership.project.slug, strategy.pk]),
    )


@project_view(Access.COORDINATE)
@require_POST
def strategy_delete(request, membership, strategy_id):
    strategy = _get_strategy(membership, strategy_id)
    return _plan_delete(request, membership, strategy, _("Stratégie supprimée."))


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


ACTIONS_PER_PAGE = 25
# What a row of the list shows: the other columns are not loaded.
LIST_FIELDS = (
    "title",
    "description",
    "axis",
    "axis__title",
    "organisation",
    "organisation__name",
    "responsible_person",
    "start_date",
    "due_date",
    "target",
    "means",
    "status",
    "progress",
)


class _DateWords(dict):
    """date → « 22 novembre 2026 » (or « — »), each date written once per page."""

    def __call__(self, value) -> str:
        if value not in self:
            self[value] = format_date(value) or "—"
        return self[value]


def _list_url(membership, value: str = "") -> str:
    """The action list with the query of `value` when it is this list (no open redirect)."""
    base = _actions_url(membership)
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path != base or not parts.query:
        return base
    return f"{base}?{parts.query}"


def _page_query(request) -> str:
    """The filters of the list, without the page asked for."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("action", None)
    return query.urlencode()


def _pagination(page, query: str) -> dict | None:
    """Links to the first, last and nearby pages (None where pages are skipped)."""
    if page.pages <= 1:
        return None
    prefix = f"?{query}&page=" if query else "?page="
    numbers = sorted(
        {1, page.pages, *range(page.number - 2, page.number + 3)} & set(range(1, page.pages + 1))
    )
    links, previous = [], 0
    for number in numbers:
        if number > previous + 1:
            links.append(None)
        links.append(
            {"number": number, "url": f"{prefix}{number}", "current": number == page.number}
        )
        previous = number
    return {
        "links": links,
        "previous": f"{prefix}{page.number - 1}" if page.number > 1 else "",
        "next": f"{prefix}{page.number + 1}" if page.number < page.pages else "",
    }


class _StatusForms:
    """What the status form of a row shows (drawn in templates/steps/planning/actions.html).

    Plain values rather than a Form object per row, which cost more than all the rest of
    the row; the field names and ids are those of ActionStatusForm, so a refused form is
    re-shown with its errors in the same place.
    """

    def __init__(self, *, csrf_token: str, next_url: str, options: Options):
        self.options = options
        self.common = {
            "csrf_token": csrf_token,
            "next": next_url,
            "progress_title": _("Avancement (%)"),
            "update": _("Mettre à jour"),
        }
        self.status_of = _("Statut de « %(title)s »")
        self.progress_of = _("Avancement de « %(title)s », en %%")

    def __call__(self, action, url: str, form: ActionStatusForm | None = None) -> dict:
        status, progress = action.status, action.progress
        errors = {"status": (), "progress": (), "form": ()}
        if form is not None:
            status, progress = form["status"].value(), form["progress"].value()
            errors = {
                "status": form["status"].errors,
                "progress": form["progress"].errors,
                "form": form.non_field_errors(),
            }
        return {
            **self.common,
            "url": url,
            "prefix": ActionStatusForm.prefix_for(action),
            "title": action.title,
            "status_label": self.status_of % {"title": action.title},
            "progress_label": self.progress_of % {"title": action.title},
            "options": self.options(status),
            # Text: the template would localise a number.
            "progress": "" if progress is None else str(progress),
            "errors": errors,
        }


def _action_rows(actions, membership, today, status_form=None, bound=(None, None)) -> list:
    """What each row of the list shows; `status_form` makes the status form of the rows
    the member may update (a refused one, `bound` = (action, form), shows the input)."""
    slug = membership.project.slug
    edit_url = url_of_each("steps:action_edit", slug)
    status_url = url_of_each("steps:action_status", slug)
    bar_of = _("Avancement de « %(title)s »")
    # Plain strings, translated once: lazy labels would be translated again in every row.
    statuses = status_form.options if status_form else Options(Action.Status.choices)
    dates = _DateWords()
    bound_action, bound_form = bound
    rows = []
    for action in actions:
        # Numbers as text: the template would localise each one again.
        row = {
            "action": action,
            "id": str(action.pk),
            "progress": str(action.progress),
            "overdue": action.is_overdue(today),
            "status": statuses.labels.get(action.status, action.status),
            "start": dates(action.start_date),
            "due": dates(action.due_date),
            "bar_label": bar_of % {"title": action.title},
            "edit_url": edit_url(action.pk) if membership.is_coordinator else "",
            "status_form": "",
        }
        if status_form is not None and membership.can_edit(action.organisation):
            is_bound = bound_action is not None and action.pk == bound_action.pk
            row["status_form"] = status_form(
                action, status_url(action.pk), bound_form if is_bound else None
            )
        rows.append(row)
    return rows


def _actions_page(request, membership, *, bound_form=None, bound_action=None, status=200):
    """One page of the action list; after a refused status update, that row's page with
    the user's input."""
    project = membership.project
    filter_form, axes, organisations = _filters(request, membership)
    actions = actions_for(project, **filter_form.filters()).only(*LIST_FIELDS)
    today = timezone.localdate()
    if bound_action is not None:
        number = action_position(actions, bound_action.pk) // ACTIONS_PER_PAGE + 1
        here = _list_url(membership, request.POST.get("next", ""))
    else:
        # ?page=N, or ?action=<id>: the page where that action is (links from elsewhere).
        number = int_param(request.GET.get("page"), minimum=1)
        shown = int_param(request.GET.get("action"))
        if number is None:
            number = (
                1 if shown is None else action_position(actions, shown) // ACTIONS_PER_PAGE + 1
            )
        here = request.get_full_path()
    page = action_page(actions, number=number, per_page=ACTIONS_PER_PAGE, today=today)

    status_form = None
    if membership.is_coordinator or membership.is_partner:
        status_form = _StatusForms(
            csrf_token=get_token(request), next_url=here, options=Options(Action.Status.choices)
        )
    rows = _action_rows(
        page.actions, membership, today, status_form, bound=(bound_action, bound_form)
    )
    query = _page_query(request)
    return render(
        request,
        "steps/planning/actions.html",
        step_context(
            membership,
            STEP_CODE,
            rows=rows,
            page=page,
            pagination=_pagination(page, query),
            filter_query=query,
            counts={"total": page.total, "overdue": page.overdue, "done": page.done},
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
    return object_form_page(
        request,
        membership,
        form=ActionForm(request.POST or None, project=project),
        step_code=STEP_CODE,
        attributes={"project": project, "created_by": request.user},
        after_save=lambda saved: services.action_saved(
            action=saved, previous_organisation_id=None, user=request.user
        ),
        message=lambda saved: _("Action « %(title)s » ajoutée au plan.") % {"title": saved},
        success_url=_actions_url(membership),
        template="steps/planning/action_form.html",
        action=None,
    )


@project_view(Access.COORDINATE)
def action_edit(request, membership, action_id):
    action = get_object_or_404(
        Action.objects.select_related("created_from__evaluation_round"),
        project=membership.project,
        pk=action_id,
    )
    previous_organisation_id = action.organisation_id
    return object_form_page(
        request,
        membership,
        form=ActionForm(request.POST or None, instance=action, project=membership.project),
        step_code=STEP_CODE,
        after_save=lambda saved: services.action_saved(
            action=saved, previous_organisation_id=previous_organisation_id, user=request.user
        ),
        message=lambda saved: _("Action « %(title)s » enregistrée.") % {"title": saved},
        success_url=_actions_url(membership),
        template="steps/planning/action_form.html",
        history_of=action,
        action=action,
    )


@project_view(Access.COORDINATE)
@require_POST
def action_delete(request, membership, action_id):
    action = get_project_object(membership, Action, pk=action_id)
    return object_delete_page(
        request,
        membership,
        instance=action,
        message=_("Action « %(title)s » supprimée.") % {"title": action},
        success_url=_actions_url(membership),
    )


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
        return _actions_page(request, membership, bound_form=form, bound_action=action, status=400)
    services.action_set_status(
        action=action,
        status=form.cleaned_data["status"],
        progress=form.cleaned_data["progress"],
        user=request.user,
    )
    messages.success(request, _("Statut de « %(title)s » mis à jour.") % {"title": action})
    # Back to the page and filters the form was sent from.
    return redirect(f"{_list_url(membership, request.POST.get('next', ''))}#action-{action.pk}")


@project_view(Access.READ)
def action_timeline(request, membership):
    filter_form, _axes, _organisations = _filters(request, membership)
    actions = actions_for(membership.project, **filter_form.filters())
    today = timezone.localdate()
    # ?echelle=mois|trimestres; without it, months when they fit the page, else quarters.
    chosen_zoom = request.GET.get("echelle", "")
    if chosen_zoom not in TIMELINE_ZOOMS:
        chosen_zoom = ""
    zoom = TIMELINE_ZOOMS.get(chosen_zoom, timeline_geometry.AUTO)
    timeline, undated = timeline_for(actions, today, zoom=zoom)
    query = request.GET.copy()
    query.pop("echelle", None)
    return render(
        request,
        "steps/planning/timeline.html",
        step_context(
            membership,
            STEP_CODE,
            timeline=timeline,
            undated=undated,
            filter_form=filter_form,
            filter_query=_page_query(request),
            zoom_query=query.urlencode(),
            # Kept by the filter form, so filtering does not reset the zoom.
            zoom_param=chosen_zoom,
            today=today,
        ),
    )


# Communication plan -------------------------------------------------------------------


def _communication_url(membership) -> str:
    return reverse("steps:communication", args=[membership.project.slug])


@project_view(Access.READ)
def communication(request, membership):
    items = list(
        CommunicationItem.objects.filter(project=membership.project).select_related(
            "responsible_organisation"
        )
    )
    return render(
        request,
        "steps/planning/communication.html",
        step_context(membership, STEP_CODE, page_title=_("Plan de communication"), items=items),
    )


def _communication_form(request, membership, **kwargs):
    """The form of an element of the communication plan, back to the plan once saved."""
    communication_url = _communication_url(membership)
    return object_form_page(
        request,
        membership,
        step_code=STEP_CODE,
        success_url=communication_url,
        parent_title=_("Plan de communication"),
        parent_url=communication_url,
        **kwargs,
    )


@project_view(Access.COORDINATE)
def communication_item_create(request, membership):
    project = membership.project
    return _communication_form(
        request,
        membership,
        form=CommunicationItemForm(request.POST or None, project=project),
        attributes={"project": project},
        message=_("L'élément est ajouté au plan de communication."),
        page_title=_("Nouvel élément du plan de communication"),
    )


@project_view(Access.COORDINATE)
def communication_item_edit(request, membership, communication_item_id):
    project = membership.project
    item = get_project_object(membership, CommunicationItem, pk=communication_item_id)
    return _communication_form(
        request,
        membership,
        form=CommunicationItemForm(request.POST or None, project=project, instance=item),
        message=_("L'élément du plan de communication est enregistré."),
        page_title=_("Modifier un élément du plan de communication"),
        delete_url=reverse("steps:communication_item_delete", args=[project.slug, item.pk]),
        delete_summary=_("Retirer cet élément du plan…"),
    )


@project_view(Access.COORDINATE)
@require_POST
def communication_item_delete(request, membership, communication_item_id):
    item = get_project_object(membership, CommunicationItem, pk=communication_item_id)
    return object_delete_page(
        request,
        membership,
        instance=item,
        message=_("L'élément est retiré du plan de communication."),
        success_url=_communication_url(membership),
    )
