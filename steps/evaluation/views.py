"""Pages of the évaluation tools: logic model, indicators and measurements, rounds.

Everyone in the project reads them; only the coordination writes them.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.formats import format_date
from mutualisation.params import int_param
from projects.access import Access, get_project_object, project_view
from projects.history import history_rows
from projects.pages import object_delete_page, object_form_page, step_context
from projects.submissions import already_sent, claim_once
from steps.listing import url_of_each
from steps.models import EvaluationRound, Improvement, Indicator, LogicElement, Measurement

from . import services
from .forms import (
    EvaluationRoundForm,
    ImprovementFormSet,
    IndicatorForm,
    LogicElementForm,
    MeasurementForm,
    TargetAssessmentsForm,
)
from .selectors import evaluation_rounds, indicators_with_charts, logic_model

STEP_CODE = "evaluation"


def _url(membership, name: str) -> str:
    return reverse(f"steps:{name}", args=[membership.project.slug])


# Logic model --------------------------------------------------------------------------


def _column_items(model, membership) -> list[dict]:
    """The columns of the element list, each element's words and links decided once here
    (a queryset per « mène à » and a reverse() per link cost more than the markup)."""
    edit_url = url_of_each("steps:logic_element_edit", membership.project.slug)
    origins = {value: str(label) for value, label in LogicElement.Origin.choices}
    return [
        {
            "kind": column.kind,
            "label": column.label,
            "elements": [
                {
                    "id": str(element.pk),
                    "text": element.text,
                    "effect": element.is_effect,
                    "discovered": element.is_discovered,
                    "origin": origins.get(element.origin, "") if element.is_effect else "",
                    "leads_to": " ; ".join(t.text for t in element.leads_to.all()),
                    "edit_url": edit_url(element.pk) if membership.is_coordinator else "",
                }
                for element in column.elements
            ],
        }
        for column in model.columns
    ]


@project_view(Access.READ)
def logic_model_view(request, membership):
    model = logic_model(membership.project)
    return render(
        request,
        "steps/evaluation/logic_model.html",
        step_context(membership, STEP_CODE, model=model, columns=_column_items(model, membership)),
    )


def _logic_form(request, membership, *, element=None, **kwargs):
    """The form of an element of the logic model, back to the model once saved."""
    logic_model_url = _url(membership, "logic_model")
    return object_form_page(
        request,
        membership,
        step_code=STEP_CODE,
        success_url=logic_model_url,
        parent_title=_("Modèle logique"),
        parent_url=logic_model_url,
        delete_url=(
            reverse("steps:logic_element_delete", args=[membership.project.slug, element.pk])
            if element
            else None
        ),
        delete_warning=_("Ses liens vers les autres éléments seront aussi retirés."),
        history_of=element,
        **kwargs,
    )


@project_view(Access.COORDINATE)
def logic_element_create(request, membership):
    project = membership.project
    kind = request.GET.get("type", "")
    initial = {"origin": LogicElement.Origin.ANTICIPATED}
    if kind in LogicElement.Kind.values:
        initial["kind"] = kind
        top = LogicElement.objects.filter(project=project, kind=kind).aggregate(top=Max("order"))
        initial["order"] = (top["top"] or 0) + 1
    return _logic_form(
        request,
        membership,
        form=LogicElementForm(request.POST or None, project=project, initial=initial),
        attributes={"project": project},
        message=_("Élément ajouté au modèle logique."),
        page_title=_("Nouvel élément du modèle logique"),
    )


@project_view(Access.COORDINATE)
def logic_element_edit(request, membership, logic_element_id):
    element = get_project_object(membership, LogicElement, pk=logic_element_id)
    return _logic_form(
        request,
        membership,
        element=element,
        form=LogicElementForm(request.POST or None, instance=element, project=membership.project),
        message=_("Élément du modèle logique enregistré."),
        page_title=_("Modifier l'élément du modèle logique"),
    )


@project_view(Access.COORDINATE)
@require_POST
def logic_element_delete(request, membership, logic_element_id):
    element = get_project_object(membership, LogicElement, pk=logic_element_id)
    return object_delete_page(
        request,
        membership,
        instance=element,
        message=_("Élément retiré du modèle logique."),
        success_url=_url(membership, "logic_model"),
    )


# Indicators ---------------------------------------------------------------------------


def _indicators_page(request, membership, *, bound_form=None, bound_indicator_id=None, status=200):
    """The indicators; after a refused measurement, that card shows the user's input."""
    slug = membership.project.slug
    # Links of every card and measurement, each made with one reverse() for the page.
    edit_url = url_of_each("steps:indicator_edit", slug)
    add_url = url_of_each("steps:measurement_add", slug)
    delete_url = url_of_each("steps:measurement_delete", slug)
    actions_url = _url(membership, "actions")
    cards = []
    for view in indicators_with_charts(membership.project):
        indicator, form = view.indicator, None
        if membership.is_coordinator:
            if indicator.pk == bound_indicator_id:
                form = bound_form
            else:
                form = MeasurementForm(indicator=indicator)
        cards.append(
            {
                "view": view,
                "form": form,
                "edit_url": edit_url(indicator.pk),
                "add_url": add_url(indicator.pk),
                "action_url": f"{actions_url}?action={indicator.action_id}"
                f"#action-{indicator.action_id}"
                if indicator.action_id
                else "",
                "measurements": [
                    (measurement, format_date(measurement.date), delete_url(measurement.pk))
                    for measurement in view.measurements
                ],
            }
        )
    return render(
        request,
        "steps/evaluation/indicators.html",
        step_context(membership, STEP_CODE, cards=cards),
        status=status,
    )


@project_view(Access.READ)
def indicator_list(request, membership):
    return _indicators_page(request, membership)


def _indicator_url(membership, indicator) -> str:
    return f"{_url(membership, 'indicators')}#indicateur-{indicator.pk}"


def _indicator_form(request, membership, *, indicator=None, **kwargs):
    """The form of an indicator, back to its card once saved."""
    return object_form_page(
        request,
        membership,
        step_code=STEP_CODE,
        success_url=lambda saved: _indicator_url(membership, saved),
        parent_title=_("Indicateurs"),
        parent_url=_url(membership, "indicators"),
        delete_url=(
            reverse("steps:indicator_delete", args=[membership.project.slug, indicator.pk])
            if indicator
            else None
        ),
        delete_warning=_("Ses mesures seront aussi supprimées."),
        history_of=indicator,
        **kwargs,
    )


@project_view(Access.COORDINATE)
def indicator_create(request, membership):
    project = membership.project
    initial = {}
    effect = int_param(request.GET.get("effet"))
    if effect is not None:
        initial["effect"] = effect
    return _indicator_form(
        request,
        membership,
        form=IndicatorForm(request.POST or None, project=project, initial=initial),
        attributes={"project": project},
        message=lambda saved: _("Indicateur « %(name)s » ajouté.") % {"name": saved},
        page_title=_("Nouvel indicateur"),
    )


@project_view(Access.COORDINATE)
def indicator_edit(request, membership, indicator_id):
    indicator = get_project_object(membership, Indicator, pk=indicator_id)
    return _indicator_form(
        request,
        membership,
        indicator=indicator,
        form=IndicatorForm(request.POST or None, instance=indicator, project=membership.project),
        message=lambda saved: _("Indicateur « %(name)s » enregistré.") % {"name": saved},
        # Read now: validation copies the typed name onto the instance.
        page_title=_("Modifier l'indicateur « %(name)s »") % {"name": indicator.name},
    )


@project_view(Access.COORDINATE)
@require_POST
def indicator_delete(request, membership, indicator_id):
    indicator = get_project_object(membership, Indicator, pk=indicator_id)
    return object_delete_page(
        request,
        membership,
        instance=indicator,
        message=_("Indicateur « %(name)s » supprimé.") % {"name": indicator},
        success_url=_url(membership, "indicators"),
    )


@project_view(Access.COORDINATE)
@require_POST
def measurement_add(request, membership, indicator_id):
    indicator = get_project_object(membership, Indicator, pk=indicator_id)
    form = MeasurementForm(request.POST, indicator=indicator)
    if not form.is_valid():
        return _indicators_page(
            request, membership, bound_form=form, bound_indicator_id=indicator.pk, status=400
        )
    with transaction.atomic():
        if not claim_once(request):
            return already_sent(request, _indicator_url(membership, indicator))
        services.measurement_add(indicator=indicator, form=form, user=request.user)
    messages.success(request, _("Mesure ajoutée à « %(name)s ».") % {"name": indicator})
    return redirect(_indicator_url(membership, indicator))


@project_view(Access.COORDINATE)
@require_POST
def measurement_delete(request, membership, measurement_id):
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"),
        indicator__project=membership.project,
        pk=measurement_id,
    )
    indicator = measurement.indicator
    return object_delete_page(
        request,
        membership,
        instance=measurement,
        message=_("Mesure supprimée de « %(name)s ».") % {"name": indicator},
        success_url=_indicator_url(membership, indicator),
    )


# Evaluation rounds --------------------------------------------------------------------


@project_view(Access.READ)
def evaluation_round_list(request, membership):
    rounds = evaluation_rounds(membership.project)
    return render(
        request, "steps/evaluation/rounds.html", step_context(membership, STEP_CODE, rounds=rounds)
    )


def _round_page(request, membership, evaluation_round=None):
    """Create or edit a round: its text, the targets per indicator, the improvements."""
    project = membership.project
    data = request.POST if request.method == "POST" else None
    form = EvaluationRoundForm(data, instance=evaluation_round)
    indicators = list(Indicator.objects.filter(project=project))
    assessments = (
        {a.indicator_id: a for a in evaluation_round.assessments.all()} if evaluation_round else {}
    )
    assessments_form = TargetAssessmentsForm(data, indicators=indicators, assessments=assessments)
    improvements = ImprovementFormSet(
        data,
        prefix="ameliorations",
        queryset=(
            Improvement.objects.filter(evaluation_round=evaluation_round).select_related(
                "evaluation_round", "action"
            )
            if evaluation_round
            else Improvement.objects.none()
        ),
    )
    if data is not None and all(
        [form.is_valid(), assessments_form.is_valid(), improvements.is_valid()]
    ):
        with transaction.atomic():
            if evaluation_round is None and not claim_once(request):
                return already_sent(request, _url(membership, "evaluation_rounds"))
            saved = services.evaluation_round_save(
                project=project,
                form=form,
                assessments_form=assessments_form,
                improvements=improvements,
                user=request.user,
            )
        messages.success(request, _("Bilan « %(title)s » enregistré.") % {"title": saved})
        return redirect(f"{_url(membership, 'evaluation_rounds')}#bilan-{saved.pk}")
    return render(
        request,
        "steps/evaluation/round_form.html",
        step_context(
            membership,
            STEP_CODE,
            form=form,
            assessments_form=assessments_form,
            improvements=improvements,
            evaluation_round=evaluation_round,
            history=history_rows(evaluation_round) if evaluation_round else None,
        ),
        status=400 if data is not None else 200,
    )


@project_view(Access.COORDINATE)
def evaluation_round_create(request, membership):
    return _round_page(request, membership)


@project_view(Access.COORDINATE)
def evaluation_round_edit(request, membership, evaluation_round_id):
    evaluation_round = get_project_object(membership, EvaluationRound, pk=evaluation_round_id)
    return _round_page(request, membership, evaluation_round)


@project_view(Access.COORDINATE)
@require_POST
def evaluation_round_delete(request, membership, evaluation_round_id):
    evaluation_round = get_project_object(membership, EvaluationRound, pk=evaluation_round_id)
    return object_delete_page(
        request,
        membership,
        instance=evaluation_round,
        message=_("Bilan « %(title)s » supprimé.") % {"title": evaluation_round},
        success_url=_url(membership, "evaluation_rounds"),
    )


@project_view(Access.COORDINATE)
@require_POST
def improvement_to_action(request, membership, improvement_id):
    improvement = get_object_or_404(
        Improvement, evaluation_round__project=membership.project, pk=improvement_id
    )
    result = services.improvement_to_action(improvement=improvement, user=request.user)
    if result.created:
        messages.success(
            request,
            _("L'amélioration est devenue l'action « %(title)s » du plan. Précisez-la ici.")
            % {"title": result.action},
        )
    else:
        messages.info(
            request,
            _("Cette amélioration est déjà l'action « %(title)s » du plan.")
            % {"title": result.action},
        )
    return redirect("steps:action_edit", membership.project.slug, result.action.pk)
