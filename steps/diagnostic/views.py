"""Pages of the diagnostic: the grid, its verdicts, the potential, the opportunities, exports."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation import markup
from mutualisation.formats import format_date
from projects.access import Access, project_view
from projects.pages import step_context
from steps.catalogue.resources import ResourceType
from steps.listing import Options
from steps.models import DiagnosticVerdict

from . import exports, grid, selectors, services
from . import opportunities as opportunity_groups
from .forms import OpportunityForm, RowForm, VerdictForm
from .labels import (
    APPRECIATION_LABELS,
    LEVEL_LABELS,
    PAIR_LEVEL_LABELS,
    PAIR_LEVEL_RANGES,
    PAIR_LEVEL_SHORT,
    STATE_LABELS,
)

STEP_CODE = "diagnostic"
TOP_PAIRS = 10  # the best pairs listed above the matrix


def _verdict_filters():
    to_review = STATE_LABELS[grid.State.TO_REVIEW]
    return [*DiagnosticVerdict.VerdictChoice.choices, (selectors.TO_REVIEW_FILTER, to_review)]


def _grid_url(project, query: str = "") -> str:
    url = reverse("steps:grid", kwargs={"project_slug": project.slug})
    return f"{url}?{query}" if query else url


def _next_url(request, project, value: str, line: selectors.Line) -> str:
    """Back to the grid at `line`, with its filters (only a path of this grid is accepted).

    Without a dimension in `value`, the one of `line`: the grid shows one at a time.
    """
    grid_url = _grid_url(project)
    if not (
        value
        and value.startswith(grid_url)
        and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        value = grid_url
    parts = urlsplit(value)
    query = QueryDict(parts.query, mutable=True)
    query.setdefault("dimension", line.row.item.dimension)
    return f"{parts.path}?{query.urlencode()}#{line.anchor}"


def _cell_words() -> dict[str, str]:
    """Words repeated in every row and cell of the grid, translated once per page."""
    return {
        "empty": _("Non rempli"),
        **{code: str(label) for code, label in APPRECIATION_LABELS.items() if code},
        "none": _("Appréciation non précisée"),
        "offer": _("Offre :"),
        "need": _("Besoin :"),
        # « Verdict suggéré », « Verdict à revoir »: the state follows the word Verdict.
        **{state: str(label).lower() for state, label in STATE_LABELS.items()},
        "importance_is": _("Importance :"),
        "to_review_is": _("À revoir :"),
        "changed": _("les portraits ont changé depuis la confirmation."),
        "suggestion_is": _("Suggestion :"),
        "note_is": _("Note :"),
        "confirm_or_correct": _("Confirmer ou corriger"),
        "edit": _("Modifier"),
        "back_to_suggestion": _("Revenir à la suggestion"),
        "verdict": _("Verdict"),
        "importance": _("Importance"),
        "note": _("Note (pourquoi ce verdict, ce qu'il faudra en discuter)"),
        "confirm": _("Confirmer"),
        "save": _("Enregistrer"),
        "rule": _("La règle qui a produit cette suggestion"),
        "compare": _("Leurs descriptions, côte à côte"),
        "no_description": _("Pas de description."),
    }


# A sign next to the state's word, so that colour never carries the meaning alone.
STATE_MARKS = {grid.State.CONFIRMED: "✓", grid.State.TO_REVIEW: "⚠"}


def _compare(suggestion: grid.Suggestion, words: dict) -> list[dict]:
    """R4: who sees a strength and who a weakness, each with their own description."""
    sides = []
    for appreciation in (grid.FORCE, grid.FAIBLESSE):
        cells = [c for c in suggestion.compare if c.appreciation == appreciation]
        if cells:
            entries = [
                (c.organisation.name, c.description.strip() or words["no_description"])
                for c in cells
            ]
            sides.append({"label": words[appreciation], "kind": appreciation, "cells": entries})
    return sides


def _line(line: selectors.Line, words: dict, labels: dict) -> dict:
    """What a row of the grid shows, every word translated and every label chosen."""
    verdict, stored, item = line.verdict, line.stored, line.row.item
    confirmed = ""
    if verdict.state != grid.State.SUGGESTED and stored is not None and stored.confirmed_at:
        confirmed = _("Confirmé par %(who)s le %(date)s.") % {
            "who": stored.confirmed_by,
            "date": format_date(stored.confirmed_at),
        }
    return {
        "code": line.code,
        "anchor": line.anchor,
        "label": str(item.label),
        "added_by": _("Ajouté par %(name)s") % {"name": item.extra_of.name}
        if item.extra_of
        else "",
        "verdict": verdict.verdict,
        "verdict_label": labels[verdict.verdict],
        "state": verdict.state,
        "state_mark": STATE_MARKS.get(verdict.state, ""),
        "state_word": words[verdict.state],
        "suggested": verdict.state == grid.State.SUGGESTED,
        "to_review": verdict.state == grid.State.TO_REVIEW,
        "importance": labels[verdict.importance].lower(),
        "reason": str(verdict.suggestion.reason),
        "rule": verdict.suggestion.rule,
        "compare": _compare(verdict.suggestion, words),
        "confirmed": confirmed,
        "note": verdict.note,
        "cells": markup.grid_cells(line.row.cells, words),
        "edit": None,
    }


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


ALL_DIMENSIONS = "toutes"


def _dimension_of(item_code: str) -> str:
    """`reflexion.identite.mission` → `identite`."""
    parts = item_code.split(".")
    return parts[1] if len(parts) > 2 else ""


def _render_grid(request, membership, *, bound: VerdictForm | None = None, status=200):
    """The grid, one dimension at a time (the first by default) or all of them on request.

    After a refused verdict, the page comes back on the filters it was sent from, with
    that row's dimension and the user's input.
    """
    project = membership.project
    if bound is None:
        query = request.GET
        here = request.get_full_path()
    else:
        here = bound.data.get("next") or _grid_url(project)
        query = QueryDict(urlsplit(here).query)
    dimension = query.get("dimension", "")
    if bound is not None and dimension != ALL_DIMENSIONS:
        dimension = _dimension_of(bound.data.get("item_code", ""))
    show_all = dimension == ALL_DIMENSIONS
    data = selectors.build_grid(project, dimension=None if show_all else dimension)
    dimension = "" if show_all or not data.sections else data.sections[0].code
    verdict = query.get("verdict", "")
    verdict = verdict if verdict in dict(_verdict_filters()) else ""

    words = _cell_words()
    verdicts = Options(DiagnosticVerdict.VerdictChoice.choices)
    importances = Options(DiagnosticVerdict.ImportanceChoice.choices)
    labels = {**verdicts.labels, **importances.labels}
    sections = []
    for section in data.filtered(verdict=verdict):
        lines = []
        for line in section.lines:
            shown = _line(line, words, labels)
            if membership.is_coordinator:
                if bound is not None and bound.data.get("item_code") == line.code:
                    shown["edit"] = _edit_values(bound.data, here, _errors(bound))
                else:
                    shown["edit"] = {
                        "verdict": line.verdict.verdict,
                        "importance": line.verdict.importance,
                        "note": line.verdict.note,
                        "next": here,
                        "fingerprint": grid.fingerprint(line.row),
                        "errors": (),
                    }
            if shown["edit"]:
                shown["edit"]["verdict_options"] = verdicts(shown["edit"]["verdict"])
                shown["edit"]["importance_options"] = importances(shown["edit"]["importance"])
            lines.append(shown)
        sections.append((section, lines))

    verdict_query = f"&verdict={verdict}" if verdict else ""
    tabs = [
        (code, title, f"?dimension={code}{verdict_query}", code == dimension)
        for code, title in data.dimensions
    ]
    tabs.append(
        (ALL_DIMENSIONS, _("Toutes"), f"?dimension={ALL_DIMENSIONS}{verdict_query}", show_all)
    )
    return render(
        request,
        "steps/diagnostic/grid.html",
        step_context(membership, STEP_CODE)
        | {
            "grid": data,
            "sections": sections,
            "tabs": tabs,
            "dimension_filter": ALL_DIMENSIONS if show_all else dimension,
            "verdict_filter": verdict,
            "verdict_filters": _verdict_filters(),
            "here": here,
            "rules": grid.RULES,
            "formula": grid.FORMULA,
            "t": words,
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
        messages.error(request, _("Le verdict n'a pas été enregistré : corrigez le formulaire."))
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
        request, _("Verdict confirmé pour « %(item)s ».") % {"item": line.row.item.label}
    )
    return redirect(_next_url(request, project, form.cleaned_data["next"], line))


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
        _("« %(item)s » affiche de nouveau le verdict suggéré.") % {"item": line.row.item.label},
    )
    return redirect(_next_url(request, project, form.cleaned_data["next"], line))


def _pair_cells(matrix: grid.PairMatrix, org: grid.OrgRef, words: dict, titles: dict) -> str:
    """The <td>s of `org`'s row of the heat map (organisations² cells: markup.py)."""
    cells = []
    for other in matrix.organisations:
        pair = matrix.get(org.id, other.id)
        cells.append(None if pair is None else (pair.score, pair.level))
    return markup.pair_heat_cells(cells, words, titles, _("sans objet"))


@project_view(Access.READ)
def potential_page(request, membership):
    project = membership.project
    data = selectors.build_grid(project)
    result = grid.potential(data.rows, data.verdicts, data.dimension_titles)
    dimensions = [
        (section, result.by_dimension[section.code])
        for section in data.sections
        if section.code in result.by_dimension
    ]
    return render(
        request,
        "steps/diagnostic/potential.html",
        step_context(membership, STEP_CODE)
        | {
            "grid": data,
            "overall": result.overall,
            "overall_label": LEVEL_LABELS.get(result.overall.level, ""),
            "dimensions": [
                (section, assessment, LEVEL_LABELS.get(assessment.level, ""))
                for section, assessment in dimensions
            ],
            "formula": grid.FORMULA,
        },
    )


@project_view(Access.READ)
def pairs_page(request, membership):
    """Who would gain from pooling with whom: the most complementary pairs and the matrix.

    A page of its own: the pair scores of every two organisations are a second
    computation over the whole grid, on top of the potential's.
    """
    project = membership.project
    data = selectors.build_grid(project)
    matrix = grid.pair_matrix(data.rows, data.resource_types)
    words = {level: str(word) for level, word in PAIR_LEVEL_SHORT.items()}
    titles = {level: str(title) for level, title in PAIR_LEVEL_LABELS.items()}
    top_pairs = [pair for pair in matrix.ranked() if pair.score > 0][:TOP_PAIRS]
    return render(
        request,
        "steps/diagnostic/pairs.html",
        step_context(membership, STEP_CODE)
        | {
            "grid": data,
            "pair_formula": grid.PAIR_FORMULA,
            "matrix": matrix,
            "matrix_rows": [
                (org, _pair_cells(matrix, org, words, titles)) for org in matrix.organisations
            ],
            "top_pairs": [(pair, PAIR_LEVEL_LABELS[pair.level]) for pair in top_pairs],
            "legend": [
                (level, words[level], titles[level], PAIR_LEVEL_RANGES[level])
                for level in grid.PAIR_LEVELS
            ],
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
    """Who can offer what to whom, grouped by offer or by resource type, filtered, paged."""
    project = membership.project
    data = selectors.build_grid(project)
    found = grid.opportunities(data.rows, data.resource_types)
    dimension = request.GET.get("dimension", "")
    if dimension not in {code for code, _title in data.dimensions}:
        dimension = ""
    mine = membership.is_partner and request.GET.get("miennes") == "1"
    wanted = str(membership.organisation_id) if mine else request.GET.get("organisation", "")
    chosen = next((org for org in data.organisations if str(org.id) == wanted), None)
    grouping = request.GET.get("regrouper", "")
    grouping = (
        grouping if grouping in opportunity_groups.GROUPINGS else opportunity_groups.BY_OFFER
    )
    found = opportunity_groups.filter_opportunities(
        found, dimension=dimension, organisation_id=chosen.id if chosen else None
    )
    if mine and chosen is None:
        found = []  # the partner's own portrait is not submitted: nothing of theirs yet
    if grouping == opportunity_groups.BY_TYPE:
        groups = opportunity_groups.by_type(found)
    else:
        groups = opportunity_groups.by_offer(found)
    page = Paginator(groups, opportunity_groups.PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [o for group in page.object_list for o in group.opportunities]
    created = selectors.resources_from_opportunities(project, shown)
    type_labels = dict(ResourceType.choices)
    rows = []
    for group in page.object_list:
        made = next((created[o.key] for o in group.opportunities if o.key in created), None)
        rows.append(
            {
                "group": group,
                "resource_type": type_labels.get(group.resource_type, ""),
                "created": made is not None,
                "resource_url": _resource_url(project, made) if made is not None else None,
                # The resource is made from the group's first match (item — who offers).
                "key": group.opportunities[0].key,
            }
        )
    return render(
        request,
        "steps/diagnostic/opportunities.html",
        step_context(membership, STEP_CODE)
        | {
            "grid": data,
            "rows": rows,
            "page": page,
            "found_count": len(found),
            "group_count": len(groups),
            "chosen": chosen,
            "dimension": dimension,
            "mine": mine,
            "grouping": grouping,
            "by_type": grouping == opportunity_groups.BY_TYPE,
            "filtered": bool(chosen or dimension or mine),
            "can_create": membership.is_coordinator,
        },
    )


@project_view(Access.COORDINATE)
@require_POST
def opportunity_to_resource(request, membership):
    project = membership.project
    back = reverse("steps:opportunities", kwargs={"project_slug": project.slug})
    form = OpportunityForm(request.POST)
    data = selectors.build_grid(project)
    found = {o.key: o for o in grid.opportunities(data.rows, data.resource_types)}
    opportunity = found.get(form.cleaned_data["key"]) if form.is_valid() else None
    if opportunity is None:
        messages.error(
            request, _("Cette opportunité n'existe plus : les portraits ont peut-être changé.")
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
