"""Pages of the modélisation tools: operating model, consent rounds, risks, agreement draft."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualisation.params import int_param
from projects.access import Access, get_project_object, project_view, require_edit
from projects.pages import object_delete_page, object_form_page, step_context
from steps.models import ConsentRound, OperatingModel, Risk

from . import agreement, review, selectors, services
from .enjeux import ENJEUX, ENJEUX_BY_CODE
from .forms import (
    AgreementLanguageForm,
    AgreementSectionForm,
    ConsentOpenForm,
    ConsentResponseForm,
    OperatingModelForm,
    RiskForm,
)
from .heatmap import level_of
from .models import AgreementLanguage
from .section_restore_views import section_history_rows
from .selectors import LEVEL_LABELS

STEP_CODE = "modelisation"


# --- Operating model -----------------------------------------------------------------------


@project_view(Access.READ)
def operating_model(request, membership):
    return _operating_model_page(request, membership)


def _operating_model_page(request, membership, *, open_form=None, status=200):
    """The operating model and its rounds; `open_form`: a refused opening, with its input."""
    project = membership.project
    model = selectors.operating_model_of(project)
    rounds = selectors.consent_rounds(project)
    open_round = next((r for r in rounds if r.is_open), None)
    if open_form is None and membership.is_coordinator and not open_round:
        open_form = ConsentOpenForm()
    context = step_context(
        membership,
        STEP_CODE,
        page_title=_("Modèle de fonctionnement"),
        model=model,
        resources=selectors.pooled_resources(project),
        rounds=rounds,
        open_round=open_round,
        open_form=open_form if not open_round else None,
    )
    return render(request, "steps/modelling/operating_model.html", context, status=status)


@project_view(Access.COORDINATE)
def operating_model_edit(request, membership):
    project = membership.project
    instance = OperatingModel.objects.filter(project=project).first() or OperatingModel(
        project=project
    )
    form = OperatingModelForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.operating_model_save(project=project, form=form, user=request.user)
        messages.success(request, _("Le modèle de fonctionnement est enregistré."))
        return redirect("steps:operating_model", project_slug=project.slug)
    context = step_context(
        membership,
        STEP_CODE,
        page_title=_("Modifier le modèle de fonctionnement"),
        form=form,
        open_round=ConsentRound.objects.filter(project=project, closed_at__isnull=True).first(),
    )
    return render(request, "steps/modelling/operating_model_form.html", context)


# --- Consent rounds ------------------------------------------------------------------------


@project_view(Access.COORDINATE)
@require_POST
def consent_open(request, membership):
    project = membership.project
    form = ConsentOpenForm(request.POST)
    if not form.is_valid():
        return _operating_model_page(request, membership, open_form=form, status=400)
    try:
        consent_round = services.consent_round_open(
            project=project,
            user=request.user,
            note=form.cleaned_data["note"],
            closes_on=form.cleaned_data["closes_on"],
        )
    except services.ConsentError as error:
        messages.error(request, str(error))
        return redirect("steps:operating_model", project_slug=project.slug)
    messages.success(
        request,
        _("La ronde de consentement est ouverte : chaque organisation peut maintenant répondre."),
    )
    return redirect(
        "steps:consent_round", project_slug=project.slug, consent_round_id=consent_round.pk
    )


def _response_form(membership, consent_round, data=None):
    project = membership.project
    if membership.is_partner:
        return ConsentResponseForm(
            data,
            organisations=project.organisations.all(),
            fixed_organisation=membership.organisation,
        )
    return ConsentResponseForm(data, organisations=project.organisations.all())


def _render_round(request, membership, consent_round, *, form=None, status=200):
    state = selectors.consent_state(consent_round)
    can_answer = consent_round.is_open and (
        membership.is_coordinator
        or (
            membership.is_partner
            and any(row.organisation.pk == membership.organisation_id for row in state.rows)
        )
    )
    own_response = None
    if membership.is_partner:
        own_response = next(
            (
                row.response
                for row in state.rows
                if row.organisation.pk == membership.organisation_id
            ),
            None,
        )
    if can_answer and form is None:
        initial = {}
        if own_response is not None:
            initial = {"answer": own_response.answer, "reason": own_response.reason}
        form = _response_form(membership, consent_round)
        form.initial.update(initial)
    context = step_context(
        membership,
        STEP_CODE,
        page_title=str(consent_round),
        consent_round=consent_round,
        state=state,
        form=form if can_answer else None,
        own_response=own_response,
    )
    return render(request, "steps/modelling/consent_round.html", context, status=status)


@project_view(Access.READ)
def consent_round(request, membership, consent_round_id):
    consent_round = get_project_object(membership, ConsentRound, pk=consent_round_id)
    return _render_round(request, membership, consent_round)


@project_view(Access.CONTRIBUTE)
@require_POST
def consent_respond(request, membership, consent_round_id):
    project = membership.project
    consent_round = get_project_object(membership, ConsentRound, pk=consent_round_id)
    form = _response_form(membership, consent_round, request.POST)
    if not consent_round.is_open:
        messages.error(request, _("Cette ronde est fermée : les réponses ne changent plus."))
        return redirect(
            "steps:consent_round", project_slug=project.slug, consent_round_id=consent_round.pk
        )
    if not form.is_valid():
        return _render_round(request, membership, consent_round, form=form, status=400)
    organisation = form.cleaned_data["organisation"]
    # A partner answers for its own organisation only; the coordination for any.
    require_edit(membership, organisation)
    try:
        services.consent_respond(
            consent_round=consent_round,
            organisation=organisation,
            answer=form.cleaned_data["answer"],
            reason=form.cleaned_data["reason"],
            user=request.user,
        )
    except services.ConsentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("La réponse de %(organisation)s est enregistrée.")
            % {"organisation": organisation.name},
        )
    return redirect(
        "steps:consent_round", project_slug=project.slug, consent_round_id=consent_round.pk
    )


@project_view(Access.COORDINATE)
@require_POST
def consent_close(request, membership, consent_round_id):
    project = membership.project
    consent_round = get_project_object(membership, ConsentRound, pk=consent_round_id)
    try:
        closed = services.consent_round_close(consent_round=consent_round, user=request.user)
    except services.ConsentError as error:
        messages.error(request, str(error))
    else:
        if closed.outcome == ConsentRound.Outcome.ADOPTED:
            messages.success(
                request,
                _("Ronde fermée : aucune objection, le modèle de fonctionnement est adopté."),
            )
        else:
            messages.warning(
                request,
                _(
                    "Ronde fermée : au moins une objection, le modèle de fonctionnement est "
                    "à retravailler."
                ),
            )
    return redirect(
        "steps:consent_round", project_slug=project.slug, consent_round_id=consent_round.pk
    )


# --- Risk register ------------------------------------------------------------------------


@project_view(Access.READ)
def risks(request, membership):
    project = membership.project
    risk_list = selectors.risks_of(project)
    used_enjeux = {risk.enjeu for risk in risk_list if risk.enjeu}
    grid = selectors.risk_heat_map(risk_list)
    heat_rows = [
        (
            Risk.Probability(row[0].probability).label,
            [(cell, LEVEL_LABELS[cell.level]) for cell in row],
        )
        for row in grid.rows
    ]
    context = step_context(
        membership,
        STEP_CODE,
        page_title=_("Registre des risques"),
        risks=[
            (risk, LEVEL_LABELS[level_of(risk.probability, risk.impact)]) for risk in risk_list
        ],
        heat_map=grid,
        heat_rows=heat_rows,
        impact_labels=Risk.Impact.labels,
        enjeux=[(enjeu, enjeu.code in used_enjeux) for enjeu in ENJEUX],
    )
    return render(request, "steps/modelling/risks.html", context)


def _prefill_from_enjeu(request) -> dict:
    """Initial values when the coordination adds a known enjeu (and maybe one remedy)."""
    enjeu = ENJEUX_BY_CODE.get(request.GET.get("enjeu", ""))
    if enjeu is None:
        return {}
    remedies = enjeu.remedies
    index = int_param(request.GET.get("remede"), maximum=len(remedies) - 1)
    if index is not None:
        remedies = (remedies[index],)
    return {
        "title": enjeu.title,
        "enjeu": enjeu.code,
        "description": enjeu.description,
        "mitigation": "\n".join(f"– {remedy}" for remedy in remedies),
    }


def _risks_url(membership) -> str:
    return reverse("steps:risks", kwargs={"project_slug": membership.project.slug})


@project_view(Access.COORDINATE)
def risk_create(request, membership):
    project = membership.project
    return object_form_page(
        request,
        membership,
        form=RiskForm(request.POST or None, project=project, initial=_prefill_from_enjeu(request)),
        step_code=STEP_CODE,
        attributes={"project": project},
        message=lambda risk: _("Le risque « %(title)s » est ajouté.") % {"title": risk.title},
        success_url=_risks_url(membership),
        template="steps/modelling/risk_form.html",
        page_title=_("Nouveau risque"),
        risk=None,
    )


@project_view(Access.COORDINATE)
def risk_edit(request, membership, risk_id):
    risk = get_project_object(membership, Risk, pk=risk_id)
    return object_form_page(
        request,
        membership,
        form=RiskForm(request.POST or None, project=membership.project, instance=risk),
        step_code=STEP_CODE,
        message=_("Le risque est enregistré."),
        success_url=_risks_url(membership),
        template="steps/modelling/risk_form.html",
        page_title=_("Modifier un risque"),
        risk=risk,
    )


@project_view(Access.COORDINATE)
@require_POST
def risk_delete(request, membership, risk_id):
    risk = get_project_object(membership, Risk, pk=risk_id)
    return object_delete_page(
        request,
        membership,
        instance=risk,
        message=_("Le risque « %(title)s » est supprimé.") % {"title": risk.title},
        success_url=_risks_url(membership),
    )


# --- Agreement draft ------------------------------------------------------------------------


@project_view(Access.READ)
def agreement_page(request, membership):
    return _agreement_page(request, membership)


def _agreement_page(request, membership, *, language_form=None, status=200):
    """The draft; `language_form`: a refused change of language, with its input."""
    project = membership.project
    custom = selectors.custom_sections(project)
    draft = selectors.agreement_draft(project, custom=custom)
    sections = [
        (section, selectors.edited_label(custom[section.code]) if section.is_custom else "")
        for section in draft.sections
    ]
    if language_form is None and membership.is_coordinator:
        language_form = AgreementLanguageForm(initial={"language": draft.language})
    context = step_context(
        membership,
        STEP_CODE,
        page_title=_("Projet d'entente"),
        sections=sections,
        gaps=[section for section in draft.sections if draft.to_specify in section.text],
        to_review=draft.to_review,
        document_title=draft.title,
        has_model=draft.facts.has_operating_model,
        draft_notice=draft.notice,
        agreement_language=draft.language,
        agreement_language_name=AgreementLanguage(draft.language).label,
        language_form=language_form,
    )
    return render(request, "steps/modelling/agreement.html", context, status=status)


@project_view(Access.COORDINATE)
@require_POST
def agreement_language(request, membership):
    project = membership.project
    form = AgreementLanguageForm(request.POST)
    if not form.is_valid():
        return _agreement_page(request, membership, language_form=form, status=400)
    language = form.cleaned_data["language"]
    services.agreement_language_set(project=project, language=language, user=request.user)
    messages.success(
        request,
        _("L'entente est maintenant rédigée en %(language)s.")
        % {"language": AgreementLanguage(language).label},
    )
    return redirect(_agreement_url(project))


@project_view(Access.COORDINATE)
@require_POST
def agreement_mark_reviewed(request, membership, section_code):
    project = membership.project
    title = _section_title(section_code)
    if services.agreement_section_mark_reviewed(
        project=project, code=section_code, user=request.user
    ):
        messages.success(
            request,
            _("La section « %(title)s » est marquée comme revue : elle garde votre texte.")
            % {"title": title},
        )
    else:
        messages.info(request, _("Cette section montre le texte généré : rien à revoir."))
    return redirect(f"{_agreement_url(project)}#section-{section_code}")


def _section_title(code: str) -> str:
    if code not in agreement.SECTION_TITLES:
        raise Http404
    return str(agreement.SECTION_TITLES[code])


@project_view(Access.COORDINATE)
def agreement_section_edit(request, membership, section_code):
    project = membership.project
    title = _section_title(section_code)
    custom = selectors.custom_sections(project).get(section_code)
    generated = selectors.generated_section_text(project, section_code)
    language = selectors.agreement_language(project)
    form = AgreementSectionForm(
        request.POST or None,
        initial={"custom_text": custom.custom_text if custom else generated},
    )
    if request.method == "POST" and form.is_valid():
        services.agreement_section_save(
            project=project,
            code=section_code,
            text=form.cleaned_data["custom_text"],
            user=request.user,
        )
        messages.success(
            request, _("La section « %(title)s » est enregistrée.") % {"title": title}
        )
        return redirect(f"{_agreement_url(project)}#section-{section_code}")
    context = step_context(
        membership,
        STEP_CODE,
        page_title=_("Modifier la section « %(title)s »") % {"title": title},
        form=form,
        section_code=section_code,
        section_title=title,
        generated=generated,
        custom=custom,
        changes=(
            review.changes_since(
                custom.basis,
                selectors.section_basis(project, section_code),
                written_in=custom.language,
                language=language,
            )
            if custom
            else ()
        ),
        agreement_language_name=AgreementLanguage(language).label,
    )
    context["history"], context["history_base"] = section_history_rows(
        project, section_code, custom.custom_text if custom else None
    )
    return render(request, "steps/modelling/agreement_section_form.html", context)


def _agreement_url(project) -> str:
    return reverse("steps:agreement", kwargs={"project_slug": project.slug})


@project_view(Access.COORDINATE)
@require_POST
def agreement_reset_section(request, membership, section_code):
    project = membership.project
    title = _section_title(section_code)
    if services.agreement_section_reset(project=project, code=section_code, user=request.user):
        messages.success(
            request,
            _("La section « %(title)s » reprend le texte généré.") % {"title": title},
        )
    else:
        messages.info(request, _("Cette section montrait déjà le texte généré."))
    return redirect(f"{_agreement_url(project)}#section-{section_code}")
