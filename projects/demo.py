"""The demo project's cast: four organisations of Montérégie-Ouest and their people.

Fictional organisations, realistic situations: two CDCs, a food bank and a community
kitchen look at sharing a refrigerated truck, premises and a communications officer.
Every part of the method fills its demo data from these keys (`steps/*/demo.py`).
`build_demo_project()` builds it all; `python manage.py demo` calls it.
"""

from django.contrib.auth.models import Permission
from django.db import transaction

from .models import Membership, Organisation, Project, Role, User

DEMO_PROJECT_SLUG = "demo-monteregie-ouest"
DEMO_PROJECT_NAME = "Mutualisation en Montérégie-Ouest"
DEMO_PASSWORD = "demo12345"  # noqa: S105 — printed by `manage.py demo`; DEBUG only

COORDINATOR_EMAIL = "coordination@demo.example"
COORDINATOR_NAME = "Geneviève Caron"
ADVISOR_EMAIL = "conseil@demo.example"
ADVISOR_NAME = "Marc-André Pelletier"
DEMO_REGION = "Montérégie"

DEMO_PROJECT = {
    "name": DEMO_PROJECT_NAME,
    "territory": "Montérégie-Ouest",
    "description": (
        "Quatre organismes de Montérégie-Ouest explorent ce qu'ils pourraient mettre en "
        "commun pour mieux servir les familles du territoire sans s'épuiser : deux CDC, "
        "une banque alimentaire et une cuisine collective. La démarche est animée par la "
        "table de concertation régionale, avec l'appui d'un conseiller en économie sociale."
    ),
    "scope": (
        "Un camion réfrigéré partagé pour la récupération et la distribution alimentaires ; "
        "des locaux communs (entrepôt, cuisine de production et salle de réunion) ; "
        "une ressource partagée en communication, à temps partiel pour chaque organisme. "
        "Sont concernés les services alimentaires et les fonctions administratives, "
        "pas l'ensemble des activités de chaque organisme."
    ),
}

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
        "mission": (
            "Regrouper les organismes communautaires des Seigneuries, soutenir leur "
            "développement et porter leur voix auprès des instances locales et régionales."
        ),
        "website": "https://cdc-seigneuries.example",
    },
    "cdc_vallee": {
        "name": "CDC de la Vallée-des-Moulins",
        "partner_email": "partenaire2@demo.example",
        "partner_name": "Jean-François Bergeron",
        "sector": "Développement communautaire",
        "staff_size": "1-4",
        "budget_band": "100k-500k",
        "neq": "",
        "mission": (
            "Favoriser la concertation et l'entraide entre les organismes communautaires "
            "d'un territoire rural, et faire émerger des projets collectifs."
        ),
        "website": "",
    },
    "banque_alimentaire": {
        "name": "Banque alimentaire du Haut-Lac",
        "partner_email": "partenaire3@demo.example",
        "partner_name": "Sophie Lévesque",
        "sector": "Sécurité alimentaire",
        "staff_size": "5-19",
        "budget_band": "1M-5M",
        "neq": "1172233445",
        "mission": (
            "Récupérer les denrées des épiceries et des producteurs de la région et les "
            "redistribuer aux organismes qui nourrissent les personnes à faible revenu."
        ),
        "website": "https://banque-haut-lac.example",
    },
    "cuisine_collective": {
        "name": "Cuisine collective Les Marmites",
        "partner_email": "partenaire4@demo.example",
        "partner_name": "Karim Haddad",
        "sector": "Sécurité alimentaire",
        "staff_size": "1-4",
        "budget_band": "<100k",
        "neq": "",
        "mission": (
            "Cuisiner ensemble pour se nourrir à moindre coût, briser l'isolement et "
            "développer l'autonomie alimentaire des familles du quartier."
        ),
        "website": "",
    },
}


def demo_organisation(project, key):
    """Return the demo project's organisation for a key of DEMO_ORGANISATIONS."""
    return project.organisations.get(name=DEMO_ORGANISATIONS[key]["name"])


ORGANISATION_FIELDS = ("sector", "staff_size", "budget_band", "neq", "mission", "website")


def _demo_user(email, full_name):
    user, _created = User.objects.update_or_create(
        email=email, defaults={"full_name": full_name, "is_active": True}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def build_demo_people_and_project():
    """(Re)build the demo project's people, organisations and memberships; return it.

    People and organisations are updated in place (update_or_create); the demo project
    itself is deleted and built again, so every run starts from the same state. The
    parts of the method add their data afterwards (`steps.demo.build_demo_project`).
    """
    with transaction.atomic():
        coordinator = _demo_user(COORDINATOR_EMAIL, COORDINATOR_NAME)
        # Under PROJECT_CREATION="approved", the coordinator may create projects; the
        # partners and the advisor may not.
        coordinator.user_permissions.add(
            Permission.objects.get(content_type__app_label="projects", codename="add_project")
        )
        advisor = _demo_user(ADVISOR_EMAIL, ADVISOR_NAME)
        partners = {}
        for key, data in DEMO_ORGANISATIONS.items():
            organisation, _created = Organisation.objects.update_or_create(
                name=data["name"],
                defaults={"region": DEMO_REGION}
                | {field: data[field] for field in ORGANISATION_FIELDS},
            )
            partners[key] = (
                _demo_user(data["partner_email"], data["partner_name"]),
                organisation,
            )

        Project.objects.filter(slug=DEMO_PROJECT_SLUG).delete()
        project = Project.objects.create(
            slug=DEMO_PROJECT_SLUG,
            status=Project.Status.ACTIVE,
            created_by=coordinator,
            **DEMO_PROJECT,
        )
        project.organisations.add(*(organisation for _user, organisation in partners.values()))
        Membership.objects.bulk_create(
            [
                Membership(user=coordinator, project=project, role=Role.COORDINATOR),
                Membership(user=advisor, project=project, role=Role.ADVISOR),
                *(
                    Membership(
                        user=user, project=project, role=Role.PARTNER, organisation=organisation
                    )
                    for user, organisation in partners.values()
                ),
            ]
        )
    return project
