"""Pages of the réalisation tools: the strategic plan and the action plan.

Everyone in the project reads them; the coordination writes them; a partner updates the
status and progress of the actions its organisation is responsible for.
"""

from html import escape
from urllib.parse import urlsplit

from django.contrib import messages
from django.db.models import Max
from django.http import HttpResponseNotAllowed
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_date
from projects.access import Access, get_project_object, project_view, require_edit
from projects.history import delete_with_history, history_rows, save_with_history
from projects.method import STEPS_BY_CODE
from steps.listing import Options, url_of_each
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
from .selectors import (
    action_page,
    action_position,
    actions_for,
    strategic_plan,
    timeline_for,
)

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
    form = StrategicVisionForm(request.POST or None, instance=vision)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user)
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
        save_with_history(form=form, user=request.user, project=project)
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
    form = AxisForm(request.POST or None, instance=axis)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user)
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
    delete_with_history(instance=axis, user=request.user)
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
        save_with_history(form=form, user=request.user, axis=axis)
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
    form = OrientationForm(request.POST or None, instance=orientation)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user)
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
    delete_with_history(instance=orientation, user=request.user)
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
        save_with_history(form=form, user=request.user, orientation=orientation)
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
    form = StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user)
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
    delete_with_history(instance=strategy, user=request.user)
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
    """The status form of a row of the list, as HTML made here.

    A form in every row made by template tags cost more than all the rest of the row
    (and a Form object per row, more again). Every value goes through `escape`; the
    field names and ids are those of ActionStatusForm, so a refused form is re-shown
    with its errors in the same place.
    """

    def __init__(self, *, csrf_token: str, next_url: str, options: Options):
        self.hidden = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
            f'<input type="hidden" name="next" value="{escape(next_url)}">'
        )
        self.options = options
        self.status_of = _("Statut de « %(title)s »")
        self.progress_of = _("Avancement de « %(title)s », en %%")
        self.progress_title = escape(_("Avancement (%)"))
        self.update = escape(_("Mettre à jour"))

    def __call__(self, action, url: str, form: ActionStatusForm | None = None) -> str:
        prefix = escape(ActionStatusForm.prefix_for(action))
        status, progress = action.status, action.progress
        errors = {"status": [], "progress": [], "form": []}
        if form is not None:
            status, progress = form["status"].value(), form["progress"].value()
            errors = {
                "status": form["status"].errors,
                "progress": form["progress"].errors,
                "form": form.non_field_errors(),
            }
        title = escape(action.title)
        progress = "" if progress is None else escape(str(progress))
        status_invalid = " is-invalid" if errors["status"] else ""
        progress_invalid, described = "", ""
        if errors["progress"]:
            progress_invalid = " is-invalid"
            described = f' aria-invalid="true" aria-describedby="id_{prefix}-progress-erreur"'
        html = [
            f'<form method="post" action="{escape(url)}" class="status-form mt-2 no-print" '
            f"novalidate>{self.hidden}"
        ]
        if errors["form"]:
            html.append(f'<div class="text-danger small">{escape(" ".join(errors["form"]))}</div>')
        html.append(
            '<div class="d-flex flex-wrap gap-1 align-items-center"><div>'
            f'<label class="visually-hidden" for="id_{prefix}-status">'
            f"{escape(self.status_of % {'title': action.title})}</label>"
            f'<select name="{prefix}-status" id="id_{prefix}-status" '
            f'class="form-select form-select-sm{status_invalid}">{self.options(status)}</select>'
            "</div><div>"
            f'<label class="visually-hidden" for="id_{prefix}-progress">'
            f"{escape(self.progress_of % {'title': action.title})}</label>"
            f'<input type="number" name="{prefix}-progress" id="id_{prefix}-progress" '
            f'value="{progress}" min="0" max="100" step="5" '
            f'class="form-control form-control-sm progress-input{progress_invalid}" '
            f'title="{self.progress_title}"{described}></div>'
            f'<button type="submit" class="btn btn-sm btn-outline-primary">{self.update}'
            f'<span class="visually-hidden"> — {title}</span></button></div>'
        )
        if errors["progress"]:
            html.append(
                f'<div class="text-danger small" id="id_{prefix}-progress-erreur">'
                f"{escape(' '.join(errors['progress']))}</div>"
            )
        if errors["status"]:
            html.append(
                f'<div class="text-danger small">{escape(" ".join(errors["status"]))}</div>'
            )
        html.append("</form>")
        return mark_safe("".join(html))  # noqa: S308 — every value escaped above


def _action_rows(actions, membership, today, status_form=None, bound=(None, None)) -> list:
    """What each row of the list shows; `status_form` makes the status form of the rows
    the member may update (a refused one, `bound` = (action, form), shows the input)."""
    slug = membership.project.slug
    edit_url = url_of_each("steps:action_edit", slug)
    status_url = url_of_each("steps:action_status", slug)
    bar_of = _("Avancement de « %(title)s »")
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
        number, shown = request.GET.get("page", ""), request.GET.get("action", "")
        if number.isdigit():
            number = int(number)
        elif shown.isdigit():
            number = action_position(actions, int(shown)) // ACTIONS_PER_PAGE + 1
        else:
            number = 1
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
        _context(
            membership,
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
    form = ActionForm(request.POST or None, instance=action, project=membership.project)
    if request.method == "POST" and form.is_valid():
        save_with_history(form=form, user=request.user)
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
    delete_with_history(instance=action, user=request.user)
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
        return _actions_page(request, membership, bound_form=form, bound_action=action, status=400)
    services.action_set_status(
        action=action,
        status=form.cleaned_data["status"],
        progress=form.cleaned_data["progress"],
        user=request.user,
    )
    messages.success(request, _("Statut de « %(title)s » mis à jour.") % {"title": action})
    # Back to the page and filters the form was sent from.
    return redirect(f"{_list_url(membership, request.POST.get('next', ''))}#action-{action.pk}")


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
            filter_query=_page_query(request),
            today=today,
        ),
    )
