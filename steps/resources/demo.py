"""Demo data of the cost-of-use calculator; called by `manage.py demo`.

Three pooled resources with Québec figures: the food bank's refrigerated truck priced
per km, the community kitchen priced per hour, and the TIESS guide's wood planer, whose
inputs reproduce the guide's worked example exactly (37,84 $ per use, guide method).
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
        "froid. Température notée au départ et au retour; camion rendu propre, plein fait."
    ),
    "booking_rules": (
        "Réservation au calendrier partagé au moins 48 heures à l'avance. Les collectes de "
        "denrées périssables ont priorité; annulation sans frais jusqu'à la veille midi."
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
        "Soumission de location d'un camion réfrigéré de 16 pieds : 325 $ par jour plus "
        "0,45 $ le km au-delà de 100 km. Prix d'achat : camion usagé de 2022."
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
        "Blocs de 4 heures réservés une semaine à l'avance; les ateliers de cuisine collective "
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
    "notes": "Cuisine certifiée louée ailleurs : 45 $ l'heure, produits d'entretien inclus.",
}
PLANER = {
    "name": "Raboteuse (exemple du guide)",
    "resource_type": ResourceType.EQUIPMENT,
    "usage_unit": "pied linéaire",
    "conditions_of_use": "Utilisation après une formation de sécurité donnée par l'atelier.",
    "booking_rules": "Réservation à la journée auprès de l'organisation responsable.",
    # The guide's example: knives sharpened for 100 $ every 2 000 ft → 0,05 $/ft;
    # servicing 100 $ every 100 000 ft; 3 500 $ over 7 years; one use = 50 ft over 5 h;
    # 1 h of preparation at 30 $/h, charges included; 5 $ of admin fee.
    "consumable_cost_per_unit": D("0.05"),
    "maintenance_cost": D("100.00"),
    "maintenance_interval_units": D("100000"),
    "purchase_price": D("3500.00"),
    "residual_value": D("0"),
    "amortisation_years": D("7"),
    "handling_hours_per_use": D("1"),
    "hourly_rate": D("30.00"),
    "admin_fee_per_use": D("5.00"),
    "management_cost_per_year": D("0"),
    "other_costs_per_year": D("0"),
    "financing_rate": D("0"),
    "units_per_use": D("50"),
    "hours_per_use": D("5"),
    "alternative_price_per_use": D("60.00"),
    "estimated_uses_per_year": 30,
    "notes": "L'exemple de calcul du guide de la TIESS, pour vérifier l'outil : 37,84 $.",
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
        "planer": PooledResource.objects.create(
            project=project,
            responsible_organisation=demo_organisation(project, "cdc_vallee"),
            **PLANER,
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
