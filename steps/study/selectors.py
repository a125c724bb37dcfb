"""What the opportunity study pages read: the study's inputs from the database in a fixed
number of queries, the computed result, and who may see which organisation's figures."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from steps.modelling.models import OperatingModel
from steps.resources import costing
from steps.resources.models import PooledResource

from . import computing
from .models import AloneCost, IndirectEffect, OpportunityStudy, StartupCost, StudyWeight

ZERO = Decimal(0)
DEFAULT_NOTICE_DAYS = 90


class Status:
    HYPOTHESES = "hypotheses"
    VALIDATED = "validated"
    TO_REVIEW = "to_review"


def status_label(status: str) -> str:
    return {
        Status.HYPOTHESES: _("Hypothèses"),
        Status.VALIDATED: _("Validée"),
        Status.TO_REVIEW: _("À revoir"),
    }[status]


def study_for(project) -> OpportunityStudy:
    """The project's study, or an unsaved one with the default parameters."""
    study = (
        OpportunityStudy.objects.filter(project=project)
        .select_related("departing_organisation", "validated_by")
        .first()
    )
    return study or OpportunityStudy(project=project)


@dataclass
class Loaded:
    """The study and every row it reads, fetched once."""

    study: OpportunityStudy
    organisations: list
    resources: list
    startup_costs: list
    alone_costs: list
    weights: dict
    effects: list
    notice_days: int
    inputs: computing.StudyInputs | None = None
    departure: computing.Departure | None = None
    errors: list = field(default_factory=list)

    @property
    def organisation_names(self) -> dict:
        return {o.pk: o.name for o in self.organisations}

    @property
    def resource_names(self) -> dict:
        return {r.pk: r.name for r in self.resources}


def load(project, study: OpportunityStudy | None = None) -> Loaded:
    study = study or study_for(project)
    organisations = list(project.organisations.order_by("name", "pk"))
    resources = list(
        PooledResource.objects.filter(project=project)
        .prefetch_related("commitments")
        .order_by("name", "pk")
    )
    if study.pk:
        startup = list(StartupCost.objects.filter(study=study).select_related("resource"))
        alone = list(AloneCost.objects.filter(study=study))
        weights = {w.organisation_id: w.weight for w in StudyWeight.objects.filter(study=study)}
        effects = list(IndirectEffect.objects.filter(study=study).select_related("organisation"))
    else:
        startup, alone, weights, effects = [], [], {}, []
    model = OperatingModel.objects.filter(project=project).only("exit_notice_days").first()
    notice = model.exit_notice_days if model else DEFAULT_NOTICE_DAYS
    loaded = Loaded(study, organisations, resources, startup, alone, weights, effects, notice)
    _build(loaded)
    return loaded


def _plan(resource) -> computing.ResourcePlan | None:
    try:
        inputs = resource.cost_inputs()
    except ValueError:
        return None
    return computing.ResourcePlan(
        key=resource.pk,
        name=resource.name,
        variable_per_use=costing.variable_cost_per_use(inputs, resource.usage()),
        fixed_per_year=inputs.management_cost_per_year + inputs.other_costs_per_year,
        uses={
            c.organisation_id: Decimal(c.planned_uses_per_year)
            for c in resource.commitments.all()
            if c.planned_uses_per_year
        },
    )


def _key_weights(key: str, loaded: Loaded, plans) -> dict:
    orgs = [o.pk for o in loaded.organisations]
    if key == OpportunityStudy.SharingKey.CUSTOM:
        weights = {o: loaded.weights.get(o, Decimal(1)) for o in orgs}
    elif key == OpportunityStudy.SharingKey.USAGE:
        weights = {o: ZERO for o in orgs}
        for plan in plans:
            for o, uses in plan.uses.items():
                if o in weights:
                    total = sum(plan.uses.values(), ZERO)
                    weights[o] += plan.variable_per_use * uses + plan.fixed_per_year * uses / total
    else:
        weights = {o: Decimal(1) for o in orgs}
    if not any(weights.values()):
        weights = {o: Decimal(1) for o in orgs}
    return weights


def _build(loaded: Loaded) -> None:
    study = loaded.study
    if not loaded.organisations:
        loaded.errors.append(_("Aucune organisation ne participe encore au projet."))
        return
    plans = []
    for resource in loaded.resources:
        plan = _plan(resource)
        if plan is None:
            loaded.errors.append(
                _("Les données de coût de « %(name)s » sont incohérentes : corrigez-les.")
                % {"name": resource.name}
            )
        elif plan.uses:
            plans.append(plan)
    orgs = {o.pk for o in loaded.organisations}
    loan = None
    if study.loan_amount:
        loan = computing.Loan(study.loan_amount, study.loan_rate, study.loan_term_years)
    try:
        loaded.inputs = computing.StudyInputs(
            organisations=tuple(o.pk for o in loaded.organisations),
            resources=tuple(plans),
            startup_costs=tuple(
                computing.StartupCost(c.label, c.amount, c.kind, c.resource_id)
                for c in loaded.startup_costs
            ),
            grant=study.grant_amount,
            loan=loan,
            startup_weights=_key_weights(study.startup_key, loaded, plans),
            coordination_per_year=study.coordination_per_year,
            coordination_weights=_key_weights(study.coordination_key, loaded, plans),
            alone={
                (a.organisation_id, a.resource_id): computing.AloneCost(
                    a.kind, a.one_off, a.per_year, a.per_use
                )
                for a in loaded.alone_costs
                if a.organisation_id in orgs
            },
            horizon=study.horizon_years,
        )
    except ValueError as error:  # pragma: no cover — the forms keep the horizon in range
        loaded.errors.append(str(error))
        return
    leaving = study.departing_organisation_id
    if leaving not in orgs:
        planned = {o: ZERO for o in orgs}
        for plan in plans:
            for o, uses in plan.uses.items():
                if o in planned:
                    planned[o] += uses
        leaving = max(loaded.organisations, key=lambda o: planned[o.pk]).pk
    if len(orgs) > 1:
        loaded.departure = computing.Departure(leaving, 2, loaded.notice_days)


def fingerprint(loaded: Loaded) -> str:
    """A digest of every input of the study: it changes when any of them does."""
    text = repr((loaded.inputs, loaded.departure, sorted(loaded.organisation_names.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def status_of(loaded: Loaded) -> str:
    study = loaded.study
    if not study.validated_at:
        return Status.HYPOTHESES
    if study.validated_fingerprint == fingerprint(loaded):
        return Status.VALIDATED
    return Status.TO_REVIEW


def visible_organisations(membership, loaded: Loaded) -> set:
    """Whose « alone » figures (and so savings) this member may see.

    A partner sees its own organisation's, and the others' only once the coordination
    shares the study; coordinators and advisors see them all.
    """
    everyone = {o.pk for o in loaded.organisations}
    if not membership.is_partner or loaded.study.shared_with_partners:
        return everyone
    return {membership.organisation_id} & everyone
