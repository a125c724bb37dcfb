"""Pages of the opportunity study: the one-minute summary, the detailed tables with every
formula, the sensitivity table, the inputs (coordination, each organisation's « alone »
costs, indirect effects), the validation, the spreadsheet and the board notes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.access import Access, project_view, require_edit
from projects.pages import step_context

from . import computing, exports, presenting, selectors, services
from .forms import StudyForm, alone_forms, check_financing, effects_formset, startup_formset

STEP_CODE = "modelisation"


def _url(project, name="opportunity_study", **kwargs) -> str:
    return reverse(f"steps:{name}", kwargs={"project_slug": project.slug, **kwargs})


def _context(membership, loaded, **extra) -> dict:
    visible = selectors.visible_organisations(membership, loaded)
    show_group = visible == {o.pk for o in loaded.organisations}
    status = selectors.status_of(loaded)
    own = membership.organisation if membership.is_partner else None
    editable = [
        o for o in loaded.organisations if membership.can_edit(o) and not membership.is_advisor
    ]
    return step_context(
        membership,
        STEP_CODE,
        study=loaded.study,
        loaded=loaded,
        visible=visible,
        show_group=show_group,
        status=status,
        status_label=selectors.status_label(status),
        own_organisation=own,
        can_edit_alone=editable,
        can_edit_ids={o.pk for o in editable},
        **extra,
    )


def _computed(loaded):
    if loaded.inputs is None:
        return None
    return computing.study(loaded.inputs)


@project_view(Access.READ)
def opportunity_study(request, membership):
    """The summary: per organisation, net saving per year, payback year, access gained."""
    loaded = selectors.load(membership.project)
    result = _computed(loaded)
    context = _context(membership, loaded)
    organisations = []
    group = None
    if result is not None:
        organisations = presenting.organisation_views(loaded, result, context["visible"])
        if context["show_group"]:
            group = {
                "rows": presenting.group_rows(result),
                "payback": presenting.payback_text(result.payback_year),
                "total": presenting.format_money(result.total_saving),
            }
    context.update(organisations=organisations, group=group, result=result)
    return render(request, "steps/study/summary.html", context)


@project_view(Access.READ)
def opportunity_study_detail(request, membership):
    """Every year's amounts for each organisation, each with its formula."""
    loaded = selectors.load(membership.project)
    result = _computed(loaded)
    context = _context(membership, loaded)
    organisations = []
    group_rows = []
    if result is not None:
        organisations = presenting.organisation_views(loaded, result, context["visible"])
        group_rows = presenting.group_rows(result) if context["show_group"] else []
    context.update(organisations=organisations, group_rows=group_rows, result=result)
    return render(request, "steps/study/detail.html", context)


@project_view(Access.READ)
def opportunity_study_sensitivity(request, membership):
    loaded = selectors.load(membership.project)
    context = _context(membership, loaded)
    rows, break_even = [], []
    if loaded.inputs is not None:
        scenarios = computing.sensitivity(loaded.inputs, loaded.departure)
        rows = presenting.sensitivity_rows(
            loaded, scenarios, context["visible"], context["show_group"]
        )
        break_even = presenting.break_even_rows(loaded) if context["show_group"] else []
    context.update(
        rows=rows,
        break_even=break_even,
        columns=[o for o in loaded.organisations if o.pk in context["visible"]],
    )
    return render(request, "steps/study/sensitivity.html", context)


@project_view(Access.COORDINATE)
def opportunity_study_edit(request, membership):
    """The study's parameters: horizon, financing, coordination, keys, start-up costs."""
    project = membership.project
    loaded = selectors.load(project)
    study = loaded.study
    form = StudyForm(
        request.POST or None,
        instance=study,
        organisations=loaded.organisations,
        weights=loaded.weights,
    )
    formset = startup_formset(request.POST or None, study=study, resources=loaded.resources)
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            error = check_financing(form.instance, formset)
            if error is None:
                services.study_save(form=form, formset=formset, project=project, user=request.user)
                messages.success(request, _("Étude enregistrée."))
                return redirect(_url(project))
            form.add_error(None, error)
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    return render(
        request,
        "steps/study/edit.html",
        _context(membership, loaded, form=form, formset=formset),
    )


@project_view(Access.CONTRIBUTE)
def opportunity_study_alone(request, membership, organisation_id):
    """One organisation's « alone » costs: its own members or the coordination."""
    project = membership.project
    loaded = selectors.load(project)
    organisation = next((o for o in loaded.organisations if o.pk == organisation_id), None)
    if organisation is None:
        raise Http404
    require_edit(membership, organisation)
    stored = {a.resource_id: a for a in loaded.alone_costs if a.organisation_id == organisation.pk}
    resources = [
        r for r in loaded.resources if any(
            c.organisation_id == organisation.pk and c.planned_uses_per_year
            for c in r.commitments.all()
        )
    ]  # fmt: skip
    forms = alone_forms(request.POST or None, resources=resources, stored=stored)
    if request.method == "POST":
        if all(f.is_valid() for f in forms):
            study = services.study_get_or_create(project=project)
            services.alone_costs_save(
                study=study, organisation=organisation, forms=forms, user=request.user
            )
            messages.success(
                request,
                _("Coûts « seul » de %(name)s enregistrés.") % {"name": organisation.name},
            )
            return redirect(_url(project, "opportunity_study_detail") + f"#org-{organisation.pk}")
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    return render(
        request,
        "steps/study/alone.html",
        _context(membership, loaded, organisation=organisation, forms=forms),
    )


@project_view(Access.COORDINATE)
def opportunity_study_effects(request, membership):
    project = membership.project
    loaded = selectors.load(project)
    formset = effects_formset(
        request.POST or None, study=loaded.study, organisations=loaded.organisations
    )
    if request.method == "POST":
        if formset.is_valid():
            study = services.study_get_or_create(project=project)
            services.effects_save(study=study, formset=formset, user=request.user)
            messages.success(request, _("Effets indirects enregistrés."))
            return redirect(_url(project) + "#effets")
        messages.error(request, _("Rien n'a été enregistré : corrigez les champs indiqués."))
    return render(
        request, "steps/study/effects.html", _context(membership, loaded, formset=formset)
    )


@project_view(Access.COORDINATE)
@require_POST
def opportunity_study_validate(request, membership):
    """Mark the study validated; it shows « à revoir » as soon as an input changes."""
    project = membership.project
    study = services.study_get_or_create(project=project)
    loaded = selectors.load(project, study)
    if loaded.inputs is None:
        messages.error(request, _("L'étude ne peut pas être validée : il manque des données."))
    else:
        services.study_validate(study=study, loaded=loaded, user=request.user)
        messages.success(request, _("Étude validée."))
    return redirect(_url(project))


@project_view(Access.READ)
def opportunity_study_xlsx(request, membership):
    loaded = selectors.load(membership.project)
    if loaded.inputs is None:
        raise Http404
    visible = selectors.visible_organisations(membership, loaded)
    content = exports.study_workbook(loaded, visible)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"etude-opportunite-{membership.project.slug}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@project_view(Access.READ)
def opportunity_study_note(request, membership, organisation_id):
    """The one-page « Note au conseil d'administration » of one organisation (PDF)."""
    from . import reports

    loaded = selectors.load(membership.project)
    if loaded.inputs is None or organisation_id not in loaded.organisation_names:
        raise Http404
    if organisation_id not in selectors.visible_organisations(membership, loaded):
        raise PermissionDenied
    content = reports.board_note_pdf(loaded, organisation_id, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    name = f"note-ca-{membership.project.slug}-{organisation_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
