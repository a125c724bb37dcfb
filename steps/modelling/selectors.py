"""Reads of the modélisation tools, each in a fixed number of queries.

`agreement_sections(project)` is the public entry point of the agreement draft: the
page and the PDF report both read it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualisation.formats import format_date
from projects.models import User
from steps.modelling.models import AgreementLanguage
from steps.models import (
    Agreement,
    AgreementSection,
    Commitment,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
    PooledResource,
    Risk,
)
from steps.resources import costing

from . import agreement, review
from .heatmap import HeatMap, Level, RiskPoint, heat_map

CENT = Decimal("0.01")

LEVEL_LABELS = {
    Level.LOW: gettext_lazy("Faible"),
    Level.MODERATE: gettext_lazy("Modéré"),
    Level.HIGH: gettext_lazy("Élevé"),
    Level.CRITICAL: gettext_lazy("Critique"),
}


# --- Pooled resources (owned by the pricing part, read here) -----------------------------


def pooled_resources(project) -> list[PooledResource]:
    """The project's pooled resources with their responsible organisation, by name."""
    return list(
        PooledResource.objects.filter(project=project)
        .select_related("responsible_organisation")
        .order_by("name", "pk")
    )


def commitments_by_resource(project) -> dict[int, list[Commitment]]:
    """resource id → its commitments (with their organisation), in one query."""
    result: dict[int, list[Commitment]] = {}
    rows = (
        Commitment.objects.filter(resource__project=project)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    for commitment in rows:
        result.setdefault(commitment.resource_id, []).append(commitment)
    return result


# --- Operating model ----------------------------------------------------------------------


def operating_model_of(project) -> OperatingModel | None:
    return OperatingModel.objects.filter(project=project).select_related("updated_by").first()


def operating_model_summary(model: OperatingModel) -> str:
    """The operating model as a few plain lines: what a consent round is asked about."""
    lines = [
        _("Processus de décision : %(value)s") % {"value": model.get_decision_process_display()},
    ]
    if model.decision_details:
        lines.append(_("Précisions : %(value)s") % {"value": model.decision_details})
    if model.quorum:
        lines.append(_("Quorum : %(value)s") % {"value": model.quorum})
    lines.append(
        _("Fréquence des rencontres : %(value)s")
        % {"value": model.get_meeting_frequency_display()}
    )
    if model.communication_channels:
        lines.append(
            _("Canaux de communication : %(value)s") % {"value": model.communication_channels}
        )
    if model.shared_zones:
        lines.append(
            _("Zones d'intervention et clientèles communes : %(value)s")
            % {"value": model.shared_zones}
        )
    lines.append(_("Degré d'intégration : %(value)s") % {"value": model.get_continuum_display()})
    lines.append(
        _("Forme de l'entente : %(value)s") % {"value": model.get_formalisation_display()}
    )
    if model.intellectual_property:
        lines.append(
            _("Propriété intellectuelle : %(value)s") % {"value": model.intellectual_property}
        )
    if model.brand:
        lines.append(_("Image de marque : %(value)s") % {"value": model.brand})
    if model.asymmetric_accepted is not None:
        accepted = _("oui") if model.asymmetric_accepted else _("non")
        lines.append(_("Contribution asymétrique acceptée : %(value)s") % {"value": accepted})
    if model.asymmetric_breaking_point:
        lines.append(
            _("Point de rupture : %(value)s") % {"value": model.asymmetric_breaking_point}
        )
    lines.append(
        _("Clé de partage des coûts : %(value)s") % {"value": model.get_sharing_key_display()}
    )
    if model.surplus_sharing:
        lines.append(_("Partage des surplus : %(value)s") % {"value": model.surplus_sharing})
    return "\n".join(lines)


# --- Consent rounds -------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentRow:
    organisation: object
    response: ConsentResponse | None


@dataclass(frozen=True)
class ConsentState:
    consent_round: ConsentRound
    rows: list[ConsentRow]

    @property
    def agreed(self) -> list[ConsentRow]:
        return [r for r in self.rows if r.response and not r.response.is_objection]

    @property
    def objections(self) -> list[ConsentRow]:
        return [r for r in self.rows if r.response and r.response.is_objection]

    @property
    def pending(self) -> list[ConsentRow]:
        return [r for r in self.rows if r.response is None]


def consent_rounds(project) -> list[ConsentRound]:
    return list(
        ConsentRound.objects.filter(project=project).select_related("opened_by", "closed_by")
    )


def consent_states(project, organisations) -> list[ConsentState]:
    """Every round of the project, newest first, with its responses (2 queries);
    `organisations`: the project's, by name."""
    rounds = ConsentRound.objects.filter(project=project).prefetch_related(
        Prefetch("responses", queryset=ConsentResponse.objects.select_related("organisation"))
    )
    return [consent_state_from(r, r.responses.all(), organisations) for r in rounds]


def consent_state(consent_round: ConsentRound) -> ConsentState:
    """Who answered what and who has not, for every organisation of the project.

    An organisation that answered and then left the project still shows its answer.
    """
    return consent_state_from(
        consent_round,
        consent_round.responses.select_related("organisation", "responded_by"),
        consent_round.project.organisations.order_by("name"),
    )


def consent_state_from(consent_round: ConsentRound, responses, organisations) -> ConsentState:
    """The same from rows already read (`organisations` by name): the dossier reads every
    round's responses in one query."""
    by_organisation = {response.organisation_id: response for response in responses}
    rows = [ConsentRow(org, by_organisation.pop(org.pk, None)) for org in organisations]
    rows += [ConsentRow(r.organisation, r) for r in by_organisation.values()]
    return ConsentState(consent_round, rows)


# --- Risk register --------------------------------------------------------------------------


STATUS_ORDER = {status: index for index, status in enumerate(Risk.Status)}


def risks_of(project) -> list[Risk]:
    """The register: open risks first, then by criticality (probability × impact)."""
    risks = Risk.objects.filter(project=project).select_related("owner_organisation")
    return sorted(
        risks, key=lambda risk: (STATUS_ORDER[risk.status], -risk.score, -risk.impact, risk.title)
    )


def risk_heat_map(risks: list[Risk]) -> HeatMap:
    """The heat map of the risks still alive (closed ones leave the map)."""
    return heat_map(
        RiskPoint(risk.probability, risk.impact, risk.title)
        for risk in risks
        if risk.status != Risk.Status.CLOSED
    )


# --- Agreement draft --------------------------------------------------------------------------


class AgreementSectionText(NamedTuple):
    code: str
    title: str
    text: str
    is_custom: bool
    # An edited section whose facts changed since it was written: what changed (review.py).
    changes: tuple = ()
    generated: str = ""  # an edited section's generated text, to compare

    @property
    def to_review(self) -> bool:
        return bool(self.changes)


def _priced(resource):
    """(CostInputs, Usage) of a pooled resource, or None while its inputs are inconsistent."""
    try:
        return resource.cost_inputs(), resource.usage()
    except ValueError:
        return None


def _weights(key: str, commitments: list, organisations: list) -> dict:
    if key == OperatingModel.SharingKey.EQUAL:
        members = [c.organisation for c in commitments] or organisations
        return {org: 1 for org in members}
    if key == OperatingModel.SharingKey.CUSTOM:
        return {c.organisation: c.custom_weight or 0 for c in commitments}
    return {c.organisation: c.planned_uses_per_year or 0 for c in commitments}


def resource_sharing(resource, commitments: list, key: str, organisations: list):
    """The resource's estimated annual cost and each party's share under the chosen key."""
    priced = _priced(resource)
    if priced is None:
        return agreement.ResourceSharing(resource.name, None)
    inputs, usage = priced
    total_uses = sum((Decimal(c.planned_uses_per_year or 0) for c in commitments), Decimal(0))
    annual = (
        costing.annual_fixed_charges(inputs)
        + costing.variable_cost_per_use(inputs, usage) * total_uses
    )
    annual = annual.quantize(CENT, rounding=ROUND_HALF_UP)
    weights = _weights(key, commitments, organisations)
    if annual <= 0 or not weights:
        return agreement.ResourceSharing(resource.name, None)
    try:
        split = costing.allocate(annual, weights)
    except ValueError:  # every weight is zero: nothing to share by yet
        return agreement.ResourceSharing(resource.name, None)
    shares = tuple(
        agreement.Share(org.name, amount, (amount / annual) if annual else Decimal(0))
        for org, amount in sorted(split.items(), key=lambda item: item[0].name)
    )
    return agreement.ResourceSharing(resource.name, annual, shares)


def agreement_facts(project) -> agreement.Facts:
    """Everything the agreement draft says, read in a fixed number of queries."""
    model = OperatingModel.objects.filter(project=project).first()
    organisations = list(project.organisations.order_by("name"))
    resources = pooled_resources(project)
    commitments = commitments_by_resource(project)
    key = model.sharing_key if model else OperatingModel.SharingKey.USAGE
    adopted = (
        ConsentRound.objects.filter(project=project, outcome=ConsentRound.Outcome.ADOPTED)
        .order_by("-closed_at")
        .values_list("closed_at", flat=True)
        .first()
    )
    facts = {
        "project_name": project.name,
        "territory": project.territory,
        "description": project.description,
        "scope": project.scope,
        "parties": tuple(agreement.Party(org.name, org.neq, org.region) for org in organisations),
        "resources": tuple(
            agreement.ResourceTerms(
                name=resource.name,
                type_label=str(resource.get_resource_type_display()),
                responsible=(
                    resource.responsible_organisation.name
                    if resource.responsible_organisation
                    else ""
                ),
                usage_unit=resource.usage_unit,
                conditions=resource.conditions_of_use,
                booking_rules=resource.booking_rules,
            )
            for resource in resources
        ),
        "sharings": tuple(
            resource_sharing(resource, commitments.get(resource.pk, []), key, organisations)
            for resource in resources
        ),
        "sharing_key": key,
        "adopted_on": adopted.date() if adopted else None,
        "has_operating_model": model is not None,
    }
    if model is not None:
        facts |= {
            "formalisation": model.formalisation,
            "continuum": model.continuum,
            "decision_process": model.decision_process,
            "decision_details": model.decision_details,
            "quorum": model.quorum,
            "meeting_frequency": model.meeting_frequency,
            "meeting_frequency_label": str(model.get_meeting_frequency_display()),
            "communication_channels": model.communication_channels,
            "shared_zones": model.shared_zones,
            "intellectual_property": model.intellectual_property,
            "brand": model.brand,
            "asymmetric_accepted": model.asymmetric_accepted,
            "asymmetric_breaking_point": model.asymmetric_breaking_point,
            "surplus_sharing": model.surplus_sharing,
            "start_date": model.start_date,
            "duration_months": model.duration_months,
            "exit_notice_days": model.exit_notice_days,
        }
    return agreement.Facts(**facts)


def custom_sections(project) -> dict[str, AgreementSection]:
    return {
        section.code: section
        for section in AgreementSection.objects.filter(project=project).select_related("edited_by")
    }


@dataclass(frozen=True)
class AgreementDraft:
    title: str  # « Lettre d'entente de mutualisation », after the form chosen
    sections: list[AgreementSectionText]
    facts: agreement.Facts
    language: str = AgreementLanguage.FRENCH  # the one language of the document
    notice: str = ""  # DRAFT_NOTICE, in that language
    to_specify: str = ""  # « [à préciser] », in that language

    @property
    def to_review(self) -> list[AgreementSectionText]:
        return [section for section in self.sections if section.to_review]


def agreement_language(project) -> str:
    """The language the agreement is written in: the coordination's choice, else the
    language of the person who created the project (French when unknown)."""
    chosen = Agreement.objects.filter(project=project).values_list("language", flat=True).first()
    if chosen:
        return chosen
    creator_language = (
        User.objects.filter(pk=project.created_by_id).values_list("language", flat=True).first()
    )
    if creator_language in AgreementLanguage.values:
        return creator_language
    return AgreementLanguage.FRENCH


def agreement_draft(project, *, custom=None) -> AgreementDraft:
    """The whole draft: its title, its sections and the facts they were written from.

    A section the coordination rewrote shows its own text, flagged « à revoir » when the
    facts it depended on changed since; the others are generated from what the project
    knows (parties, resources, costs, operating model). Everything generated is written in
    the agreement's language, whatever the reader's. `custom` lets a caller that already
    read the custom sections pass them in.
    """
    custom = custom_sections(project) if custom is None else custom
    language = agreement_language(project)
    with translation.override(language):
        facts = agreement_facts(project)
        generated = agreement.generate(facts)
        title = str(agreement.register_for(facts.formalisation).title)
        notice = str(agreement.DRAFT_NOTICE)
        to_specify = str(agreement.TO_SPECIFY)
    sections = []
    for code, section_title, text in generated:
        edited = custom.get(code)
        if edited is None:
            sections.append(AgreementSectionText(code, section_title, text, False))
            continue
        changes = review.changes_since(
            edited.basis,
            review.section_basis(facts, code),
            written_in=edited.language,
            language=language,
        )
        sections.append(
            AgreementSectionText(code, section_title, edited.custom_text, True, changes, text)
        )
    return AgreementDraft(title, sections, facts, language, notice, to_specify)


def agreement_sections(project) -> list[AgreementSectionText]:
    """The agreement draft: (code, title, text, is_custom, …) per section, in document order."""
    return agreement_draft(project).sections


def agreement_title(project) -> str:
    model = OperatingModel.objects.filter(project=project).only("formalisation").first()
    with translation.override(agreement_language(project)):
        return str(agreement.register_for(model.formalisation if model else "letter").title)


def generated_section_text(project, code: str) -> str:
    with translation.override(agreement_language(project)):
        return agreement.generate_one(agreement_facts(project), code)


def section_basis(project, code: str) -> dict:
    """The facts the section `code` depends on today (stored when it is saved or reviewed)."""
    return review.section_basis(agreement_facts(project), code)


def edited_label(section: AgreementSection) -> str:
    """« modifiée par Claire le 22 novembre 2026 », for the page."""
    return _("modifiée par %(who)s le %(date)s") % {
        "who": section.edited_by or _("une personne qui n'est plus membre"),
        "date": format_date(section.edited_at),
    }
