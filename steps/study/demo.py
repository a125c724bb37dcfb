"""Demo data of the opportunity study; called by `manage.py demo` after the resources.

The truck and the kitchen of the calculator, plus a communications officer shared by the
day, priced with their start-up costs (the truck and the kitchen's equipment bought,
legal fees, training), a regional grant and a loan. With each organisation's « alone »
costs, the food bank saves from year 2, the CDC des Seigneuries from year 4, the
community kitchen avoids buying its own kitchen, and the small CDC de la
Vallée-des-Moulins gains a communications officer it could not afford alone.
"""

from decimal import Decimal

from projects.demo import demo_organisation
from steps.catalogue.resources import ResourceType
from steps.models import (
    AloneCost,
    Commitment,
    IndirectEffect,
    OpportunityStudy,
    PooledResource,
    StartupCost,
    StudyWeight,
)

D = Decimal

OFFICER = {
    "name": "Agente de communication partagée",
    "resource_type": ResourceType.FUNCTION,
    "usage_unit": "jour",
    "conditions_of_use": (
        "Journées réservées au calendrier commun ; chaque organisation garde la validation "
        "de ses propres publications."
    ),
    "handling_hours_per_use": D("7"),  # a day's work
    "hourly_rate": D("32.00"),  # salary and social charges
    "management_cost_per_year": D("1500.00"),
    "other_costs_per_year": D("1200.00"),  # software licences, telephone
    "units_per_use": D("1"),
    "hours_per_use": D("7"),
    "alternative_price_per_use": D("450.00"),  # a freelance's day
    "notes": "Poste à 4 jours par semaine, 130 jours répartis entre les quatre organismes.",
}
OFFICER_DAYS = {
    "banque_alimentaire": 40,
    "cuisine_collective": 20,
    "cdc_seigneuries": 50,
    "cdc_vallee": 20,
}

# (kind, label, amount, resource name or None)
STARTUP = [
    ("purchase", "Achat du camion réfrigéré (usagé, 2022)", D("95000.00"), "Camion réfrigéré"),
    ("fit_out", "Équipement de la cuisine de production", D("48000.00"), "Cuisine de production"),
    ("legal", "Entente de mutualisation : frais juridiques", D("4500.00"), None),
    ("training", "Formation chaîne de froid et hygiène (MAPAQ)", D("3000.00"), None),
]

# organisation key → resource name → (kind, one-off, per year, per use, note)
ALONE = {
    "banque_alimentaire": {
        "Camion réfrigéré": ("rental", 0, 0, "215.00", "Location à la journée, tarif négocié"),
        "Cuisine de production": ("rental", 0, 0, "180.00", "Cuisine certifiée à 45 $/h"),
        "Agente de communication partagée": ("outsourcing", 0, 0, "250.00", "Pigiste"),
    },
    "cuisine_collective": {
        "Camion réfrigéré": ("rental", 0, 0, "325.00", ""),
        "Cuisine de production": (
            "purchase", "60000.00", "10000.00", 0, "Équiper sa propre cuisine, puis l'entretenir",
        ),
        "Agente de communication partagée": ("outsourcing", 0, 0, "300.00", ""),
    },
    "cdc_seigneuries": {
        "Camion réfrigéré": ("rental", 0, 0, "325.00", ""),
        "Cuisine de production": ("rental", 0, 0, "180.00", ""),
        "Agente de communication partagée": (
            "outsourcing", 0, "14000.00", 0, "Contrat annuel avec une agence",
        ),
    },
    "cdc_vallee": {
        "Camion réfrigéré": ("rental", 0, 0, "325.00", ""),
        "Cuisine de production": ("rental", 0, 0, "180.00", ""),
        "Agente de communication partagée": ("no_access", 0, 0, 0, "Hors budget"),
    },
}  # fmt: skip

# Weights agreed for a key « selon des poids convenus » (by annual budget band).
WEIGHTS = {"banque_alimentaire": 4, "cuisine_collective": 1, "cdc_seigneuries": 2, "cdc_vallee": 1}

EFFECTS = [
    (None, "Heures de bénévoles libérées de la location de camions", D("120"), "heures"),
    ("cdc_vallee", "Infolettre mensuelle aux membres (nouveau service)", D("12"), "numéros"),
    ("cuisine_collective", "Ateliers de cuisine supplémentaires", D("30"), "ateliers"),
]


def populate(project):
    """Fill the demo project's study (the demo command rebuilds the project)."""
    officer = PooledResource.objects.create(project=project, **OFFICER)
    organisations = {key: demo_organisation(project, key) for key in ALONE}
    Commitment.objects.bulk_create(
        Commitment(resource=officer, organisation=organisations[key], planned_uses_per_year=days)
        for key, days in OFFICER_DAYS.items()
    )
    resources = {r.name: r for r in PooledResource.objects.filter(project=project)}
    study = OpportunityStudy.objects.create(
        project=project,
        horizon_years=5,
        startup_key=OpportunityStudy.SharingKey.USAGE,
        grant_amount=D("70000.00"),
        grant_source="Fonds régional de développement social",
        loan_amount=D("50000.00"),
        loan_rate=D("0.0550"),
        loan_term_years=5,
        coordination_mode=OpportunityStudy.CoordinationMode.HOURS,
        coordination_hours_per_year=D("200"),
        coordination_hourly_rate=D("35.00"),
        coordination_key=OpportunityStudy.SharingKey.EQUAL,
        notes=(
            "Hypothèses de la rencontre du comité de pilotage : engagements d'utilisation "
            "de l'an 1, soumissions de location reçues à l'automne."
        ),
    )
    StartupCost.objects.bulk_create(
        StartupCost(study=study, kind=kind, label=label, amount=amount,
                    resource=resources.get(name) if name else None)
        for kind, label, amount, name in STARTUP
    )  # fmt: skip
    AloneCost.objects.bulk_create(
        AloneCost(
            study=study,
            organisation=organisations[key],
            resource=resources[name],
            kind=kind,
            one_off=D(one_off),
            per_year=D(per_year),
            per_use=D(per_use),
            note=note,
        )
        for key, rows in ALONE.items()
        for name, (kind, one_off, per_year, per_use, note) in rows.items()
    )
    StudyWeight.objects.bulk_create(
        StudyWeight(study=study, organisation=organisations[key], weight=D(weight))
        for key, weight in WEIGHTS.items()
    )
    IndirectEffect.objects.bulk_create(
        IndirectEffect(
            study=study,
            organisation=organisations[key] if key else None,
            label=label,
            quantity=quantity,
            unit=unit,
        )
        for key, label, quantity, unit in EFFECTS
    )
