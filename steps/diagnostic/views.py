"""Pages of the diagnostic: the grid, its verdicts, the potential, the opportunities, exports."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.access import Access, project_view
from steps.catalogue.resources import ResourceType
from steps.models import DiagnosticVerdict

from . import exports, grid, selectors, services
from .forms import OpportunityForm, RowForm, VerdictForm
from .labels import LEVEL_LABELS


def _verdict_filters():
    return [*DiagnosticVerdict.VerdictChoice.choices, (selectors.TO_REVIEW_FILTER, _("À revoir"))]


def _grid_url(project, query: str = "") -> str:
    url = reverse("steps:grid", kwargs={"project_slug": project.slug})
    return f"{url}?{query}" if query else url


def _next_url(request, project, value: str, anchor: str = "") -> str:
    """Back to the grid with its filters (only a path of this grid is accepted)."""
    grid_url = _grid_url(project)
    if not (
        value
        and value.startswith(grid_url)
        and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        value = grid_url
    return f"{value}#{anchor}" if anchor else value


def _cell_words() -> dict[str, str]:
    """Words repeated in every cell of the grid, translated once per page."""
    return {
        "empty": _("Non rempli"),
        "force": _("Force"),
        "faiblesse": _("Faiblesse"),
        "neutre": _("Neutre"),
        "none": _("Appréciation non précisée"),
        "offer": _("Offre :"),
        "need": _("Besoin :"),
        "verdict": _("Verdict"),
        "importance": _("Importance"),
        "note": _("Note (pourquoi ce verdict, ce qu'il faudra en discuter)"),
        "confirm": _("Confirmer"),
        "save": _("Enregistrer"),
        "rule": _("La règle qui a produit cette suggestion"),
    }


def _choices(choices) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in choices.choices]


def _errors(form: VerdictForm) -> list[str]:
    return [
        f"{form.fields[name].label} : {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


def _edit_values(data, here: str, errors: list[str]) -> dict:
    """What a row's form shows again after a refused post: the user's own input."""
    return {
        "verdict": data.get("verdict", ""),
        "importance": data.get("importance", ""),
        "note": data.get("note", ""),
        "next": data.get("next") or here,
        "fingerprint": data.get("fingerprint", ""),
        "errors": errors,
    }


def _render_grid(request, membership, *, bound: VerdictForm | None = None, status=200):
    project = membership.project
    data = selectors.build_grid(project)
    codes = {section.code for section in data.sections}
    dimension = request.GET.get("dimension", "")
    dimension = dimension if dimension in codes else ""
    verdict = request.GET.get("verdict", "")
    verdict = verdict if verdict in dict(_verdict_filters()) else ""
    here = request.get_full_path() if request.method == "GET" else _grid_url(project)
    if bound is not None:
        here = bound.data.get("next") or here

    sections = []
    for section in data.filtered(dimension=dimension, verdict=verdict):
        lines = []
        for line in section.lines:
            edit = None
            if membership.is_coordinator:
                if bound is not None and bound.data.get("item_code") == line.code:
                    edit = _edit_values(bound.data, here, _errors(bound))
                else:
                    edit = {
                        "verdict": line.verdict.verdict,
                        "importance": line.verdict.importance,
                        "note": line.verdict.note,
                        "next": here,
                        "fingerprint": grid.fingerprint(line.row),
                    }
            lines.append((line, edit))
        sections.append((section, lines))

    return render(
        request,
        "steps/diagnostic/grid.html",
        {
            "project": project,
            "membership": membership,
            "grid": data,
            "sections": sections,
            "dimension_filter": dimension,
            "verdict_filter": verdict,
            "verdict_filters": _verdict_filters(),
            "filtered": bool(dimension or verdict),
            "query": request.GET.urlencode() if request.method == "GET" else "",
            "here": here,
            "rules": grid.RULES,
            "formula": grid.FORMULA,
            "t": _cell_words(),
            "verdict_choices": _choices(DiagnosticVerdict.VerdictChoice),
            "importance_choices": _choices(DiagnosticVerdict.ImportanceChoice),
            "verdict_set_url": reverse("steps:verdict_set", kwargs={"project_slug": project.slug}),
            "verdict_reset_url": reverse(
                "steps:verdict_reset", kwargs={"project_slug": project.slug}
            ),
        },
        status=status,
    )


@project_view(Access.READ)
def grid_page(request, membership):
    return _render_grid(request, membership)


@project_view(Access.COORDINATE)
@require_POST
def verdict_set(request, membership):
    project = membership.project
    form = VerdictForm(request.POST)
    line = selectors.build_grid(project).line(request.POST.get("item_code", ""))
    if line is None:
        messages.error(request, _("Cet élément ne fait pas partie de la grille."))
        return redirect(_grid_url(project))
    if not form.is_valid():
        messages.error(request, _("Le verdict n'a pas été enregistré : corrigez le formulaire."))
        return _render_grid(request, membership, bound=form)
    services.verdict_set(
        project=project,
        row=line.row,
        verdict=form.cleaned_data["verdict"],
        importance=form.cleaned_data["importance"],
        note=form.cleaned_data["note"],
        user=request.user,
        fingerprint=form.cleaned_data["fingerprint"],
    )
    messages.success(
        request, _("Verdict confirmé pour « %(item)s ».") % {"item": line.row.item.label}
    )
    return redirect(_next_url(request, project, form.cleaned_data["next"], line.anchor))


@project_view(Access.COORDINATE)
@require_POST
def verdict_reset(request, membership):
    project = membership.project
    form = RowForm(request.POST)
    line = None
    if form.is_valid():
        line = selectors.build_grid(project).line(form.cleaned_data["item_code"])
    if line is None:
        messages.error(request, _("Cet élément ne fait pas partie de la grille."))
        return redirect(_grid_url(project))
    services.verdict_reset(project=project, row=line.row, user=request.user)
    messages.success(
        request,
        _("« %(item)s » affiche de nouveau le verdict suggéré.") % {"item": line.row.item.label},
    )
    return redirect(_next_url(request, project, form.cleaned_data["next"], line.anchor))


@project_view(Access.READ)
def potential_page(request, membership):
    project = membership.project
    data = selectors.build_grid(project)
    result = grid.potential(data.rows, data.verdicts, data.dimension_titles)
    matrix = grid.pair_matrix(data.rows, data.resource_types)
    dimensions = [
        (section, result.by_dimension[section.code])
        for section in data.sections
        if section.code in result.by_dimension
    ]
    matrix_rows = [
        (
            org,
            [
                matrix.get(org.id, other.id) if org.id != other.id else None
                for other in matrix.organisations
            ],
        )
        for org in matrix.organisations
    ]
    return render(
        request,
        "steps/diagnostic/potential.html",
        {
            "project": project,
            "membership": membership,
            "grid": data,
            "overall": result.overall,
            "overall_label": LEVEL_LABELS.get(result.overall.level, ""),
            "dimensions": [
                (section, assessment, LEVEL_LABELS.get(assessment.level, ""))
                for section, assessment in dimensions
            ],
            "formula": grid.FORMULA,
            "pair_formula": grid.PAIR_FORMULA,
            "matrix": matrix,
            "matrix_rows": matrix_rows,
            "top_pairs": [pair for pair in matrix.ranked() if pair.score > 0][:5],
        },
    )


def _resource_url(project, resource_id) -> str | None:
    try:
        return reverse(
            "steps:resource_detail",
            kwargs={"project_slug": project.slug, "resource_id": resource_id},
        )
    except NoReverseMatch:
        return None


@project_view(Access.READ)
def opportunities_page(request, membership):
    project = membership.project
    data = selectors.build_grid(project)
    found = grid.opportunities(data.rows, data.resource_types)
    chosen = request.GET.get("organisation", "")
    chosen = next((org for org in data.organisations if str(org.id) == chosen), None)
    if chosen is not None:
        found = [o for o in found if chosen.id in (o.offerer.id, o.needer.id)]
    created = selectors.resources_from_opportunities(project, found)
    type_labels = dict(ResourceType.choices)
    items = [
        {
            "opportunity": opportunity,
            "resource_type": type_labels.get(opportunity.resource_type, ""),
            "created": opportunity.key in created,
            "resource_url": _resource_url(project, created[opportunity.key])
            if opportunity.key in created
            else None,
        }
        for opportunity in found
    ]
    return render(
        request,
        "steps/diagnostic/opportunities.html",
        {
            "project": project,
            "membership": membership,
            "grid": data,
            "items": items,
            "chosen": chosen,
            "can_create": membership.is_coordinator
            and selectors.pooled_resource_model() is not None,
        },
    )


@project_view(Access.COORDINATE)
@require_POST
def opportunity_to_resource(request, membership):
    project = membership.project
    back = reverse("steps:opportunities", kwargs={"project_slug": project.slug})
    if selectors.pooled_resource_model() is None:
        messages.error(
            request, _("Les ressources mutualisées ne sont pas encore disponibles dans l'outil.")
        )
        return redirect(back)
    form = OpportunityForm(request.POST)
    data = selectors.build_grid(project)
    found = {o.key: o for o in grid.opportunities(data.rows, data.resource_types)}
    opportunity = found.get(form.cleaned_data["key"]) if form.is_valid() else None
    if opportunity is None:
        messages.error(
            request, _("Cette opportunité n'existe plus : les portraits ont peut-être changé.")
        )
        return redirect(back)
    result = services.opportunity_to_resource(
        project=project, opportunity=opportunity, user=request.user
    )
    if result.created:
        messages.success(request, _("Ressource mutualisée créée à partir de l'opportunité."))
    else:
        messages.info(request, _("Cette opportunité avait déjà sa ressource mutualisée."))
    return redirect(_resource_url(project, result.resource.pk) or back)


def _filename(project, extension: str) -> str:
    return f"grille-diagnostic-{project.slug}.{extension}"


@project_view(Access.READ)
def grid_csv(request, membership):
    project = membership.project
    content = exports.grid_csv(selectors.build_grid(project))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(project, "csv")}"'
    return response


@project_view(Access.READ)
def grid_xlsx(request, membership):
    project = membership.project
    content = exports.grid_xlsx(selectors.build_grid(project))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(project, "xlsx")}"'
    return response
