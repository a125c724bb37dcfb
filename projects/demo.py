"""The demo project's cast: four organisations of Montérégie-Ouest and their people.

Fictional organisations, realistic situations: two CDCs, a food bank and a community
kitchen look at sharing a refrigerated truck, premises and a communications officer.
Every part of the method fills its demo data from these keys (`steps/*/demo.py`).
"""

DEMO_PROJECT_SLUG = "demo-monteregie-ouest"
DEMO_PROJECT_NAME = "Mutualisation en Montérégie-Ouest"
DEMO_PASSWORD = "demo12345"  # noqa: S105 — printed by `manage.py demo`; DEBUG only

COORDINATOR_EMAIL = "coordination@demo.example"
ADVISOR_EMAIL = "conseil@demo.example"

# key -> organisation fields and the partner who answers for it.
DEMO_ORGANISATIONS = {
    "cdc_seigneuries": {
        "name": "CDC des Seigneuries",
        "partner_email": "partenaire1@demo.example",
        "partner_name": "Mélanie Tremblay",
        "sector": "Développement communautaire",
        "staff_size": "5-19",
        "budget_band": "500k-1M",
        "neq": "1164567890",
    },
    "cdc_vallee": {
        "name": "CDC de la Vallée-des-Moulins",
        "partner_email": "partenaire2@demo.example",
        "partner_name": "Jean-François Bergeron",
        "sector": "Développement communautaire",
        "staff_size": "1-4",
        "budget_band": "100k-500k",
        "neq": "",
    },
    "banque_alimentaire": {
        "name": "Banque alimentaire du Haut-Lac",
        "partner_email": "partenaire3@demo.example",
        "partner_name": "Sophie Lévesque",
        "sector": "Sécurité alimentaire",
        "staff_size": "5-19",
        "budget_band": "1M-5M",
        "neq": "1172233445",
    },
    "cuisine_collective": {
        "name": "Cuisine collective Les Marmites",
        "partner_email": "partenaire4@demo.example",
        "partner_name": "Karim Haddad",
        "sector": "Sécurité alimentaire",
        "staff_size": "1-4",
        "budget_band": "<100k",
        "neq": "",
    },
}


def demo_organisation(project, key):
    """Return the demo project's organisation for a key of DEMO_ORGANISATIONS."""
    return project.organisations.get(name=DEMO_ORGANISATIONS[key]["name"])
