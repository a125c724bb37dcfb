"""Demo data of the cost-of-use calculator; called by `manage.py demo`.

Two pooled resources with Québec figures: the food bank's refrigerated truck priced
per km and the community kitchen priced per hour. The TIESS guide's wood planer is not a
resource of this food-security project: its worked example (37,84 $ per use) lives in the
calculator's help (steps/resources/guide_example.py) and in the costing tests.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from projects.demo import demo_organisation
from steps.catalogue.resources import ResourceType
from steps.models import Commitment, PooledResource, UsageRecord

D = Decimal

TRUCK = {
    "name": "Camion réfrigéré",
    "resource_type": ResourceType.TRANSPORT,
    "usage_unit": "km",
    "conditions_of_use": (
        "Conduite par une personne détenant un permis de classe 5 et formée à la chaîne de "
        "froid. Température notée au départ et au retour ; camion rendu propre, plein fait."
    ),
    "booking_rules": (
        "Réservation au calendrier partagé au moins 48 heures à l'avance. Les collectes de "
        "denrées périssables ont priorité ; annulation sans frais jusqu'à la veille midi."
    ),
    # Diesel (about 18 L/100 km) and the refrigeration unit's fuel.
    "consumable_cost_per_unit": D("0.42"),
    "maintenance_cost": D("650.00"),
    "maintenance_interval_units": D("10000"),
    "purchase_price": D("95000.00"),
    "residual_value": D("20000.00"),
    "amortisation_years": D("8"),
    "handling_hours_per_use": D("0.50"),  # inspection, cleaning, temperature log
    "hourly_rate": D("24.50"),
    "admin_fee_per_use": D("4.00"),
    "management_cost_per_year": D("2400.00"),
    # Insurance 4 800 $, SAAQ registration 1 100 $, winter parking 600 $.
    "other_costs_per_year": D("6500.00"),
    "financing_rate": D("0.0550"),
    "units_per_use": D("120"),
    "hours_per_use": D("6"),
    "alternative_price_per_use": D("380.00"),  # a rented refrigerated truck for the day
    "notes": (
        "Soumission de location d'un camion réfrigéré de 16 pieds : 325 $ par jour plus "
        "0,45 $ le km au-delà de 100 km. Prix d'achat : camion usagé de 2022."
    ),
}
KITCHEN = {
    "name": "Cuisine de production",
    "resource_type": ResourceType.PREMISES,
    "usage_unit": "heure",
    "conditions_of_use": (
        "Au moins une personne formée en hygiène et salubrité alimentaires (MAPAQ) sur place. "
        "Registre des températures des réfrigérateurs rempli à chaque séance."
    ),
    "booking_rules": (
        "Blocs de 4 heures réservés une semaine à l'avance ; les ateliers de cuisine collective "
        "ont les lundis et mercredis."
    ),
    "consumable_cost_per_unit": D("3.75"),  # gas, electricity, cleaning products
    "maintenance_cost": D("900.00"),  # hood cleaning and servicing
    "maintenance_interval_units": D("500"),
    "purchase_price": D("48000.00"),  # range, walk-in fridge, dishwasher
    "residual_value": D("4000.00"),
    "amortisation_years": D("12"),
    "handling_hours_per_use": D("0.75"),
    "hourly_rate": D("22.00"),
    "admin_fee_per_use": D("3.00"),
    "management_cost_per_year": D("1800.00"),
    # Insurance, MAPAQ permit and the kitchen's share of the rent.
    "other_costs_per_year": D("9600.00"),
    "financing_rate": D("0"),
    "units_per_use": D("4"),
    "hours_per_use": D("4"),
    "alternative_price_per_use": D("180.00"),  # a certified kitchen rented at 45 $/h
    "notes": "Cuisine certifiée louée ailleurs : 45 $ l'heure, produits d'entretien inclus.",
}
# resource → {organisation key: (planned uses per year, custom weight)}
COMMITMENTS = {
    "truck": {
        "banque_alimentaire": (100, D("4")),
        "cuisine_collective": (40, D("1")),
        "cdc_seigneuries": (12, D("2")),
        "cdc_vallee": (8, D("1")),
    },
    "kitchen": {
        "cuisine_collective": (150, D("1")),
        "banque_alimentaire": (60, D("4")),
        "cdc_seigneuries": (20, D("2")),
        "cdc_vallee": (10, D("1")),
    },
}

# (resource, organisation key, month, uses, units or None)
USAGE = [
    ("truck", "banque_alimentaire", 1, 8, D("1010")),
    ("truck", "banque_alimentaire", 2, 9, D("1085")),
    ("truck", "banque_alimentaire", 3, 7, D("840")),
    ("truck", "cuisine_collective", 1, 3, D("310")),
    ("truck", "cuisine_collective", 3, 4, D("455")),
    ("truck", "cdc_seigneuries", 2, 1, None),
    ("kitchen", "cuisine_collective", 1, 12, None),
    ("kitchen", "cuisine_collective", 2, 13, None),
    ("kitchen", "banque_alimentaire", 2, 6, D("26")),
    ("kitchen", "cdc_vallee", 3, 1, None),
]


def populate(project):
    """Fill the demo project (idempotent: the demo command rebuilds the project)."""
    resources = {
        "truck": PooledResource.objects.create(
            project=project,
            responsible_organisation=demo_organisation(project, "banque_alimentaire"),
            **TRUCK,
        ),
        "kitchen": PooledResource.objects.create(
            project=project,
            responsible_organisation=demo_organisation(project, "cuisine_collective"),
            **KITCHEN,
        ),
    }
    organisations = {}

    def organisation(key):
        if key not in organisations:
            organisations[key] = demo_organisation(project, key)
        return organisations[key]

    Commitment.objects.bulk_create(
        Commitment(
            resource=resources[name],
            organisation=organisation(key),
            planned_uses_per_year=uses,
            custom_weight=weight,
        )
        for name, rows in COMMITMENTS.items()
        for key, (uses, weight) in rows.items()
    )
    year = timezone.localdate().year
    UsageRecord.objects.bulk_create(
        UsageRecord(
            resource=resources[name],
            organisation=organisation(key),
            date=date(year, month, 1),
            uses=uses,
            units=units,
            note="Relevé mensuel",
        )
        for name, key, month, uses, units in USAGE
    )
