"""Demo data of the checklist: the group has ticked a few items along the way, with what it
noted about them, so the checklist page, the step boxes and the dossier show both states."""

from projects.models import Role

from . import services

# (item code, ticked, the group's comment, who ticked it: coordinator or a partner)
TICKS = (
    (
        "besoin-reel-partage",
        True,
        "Confirmé à la rencontre de lancement : tout le monde "
        "manque de transport réfrigéré l'été.",
        Role.COORDINATOR,
    ),
    ("effet-de-mode", True, "", Role.PARTNER),
    (
        "economies-realistes",
        False,
        "Il manque encore le temps de coordination dans nos calculs.",
        Role.COORDINATOR,
    ),
    (
        "vocabulaire-commun",
        True,
        "« Mutualiser » ne voulait pas dire la même chose pour "
        "tous : on a écrit notre définition en une phrase.",
        Role.COORDINATOR,
    ),
    (
        "ecouter-son-organisation",
        False,
        "Deux conseils d'administration sur trois ont été consultés.",
        Role.PARTNER,
    ),
    (
        "peur-identite",
        True,
        "Chacun garde son nom et ses bénévoles ; seul le camion est partagé.",
        Role.PARTNER,
    ),
    (
        "bris-equipement",
        True,
        "Clause de réparation prévue dans le projet d'entente.",
        Role.COORDINATOR,
    ),
    (
        "commencer-petit",
        True,
        "On commence par un été d'essai avant d'acheter un second camion.",
        Role.COORDINATOR,
    ),
)


def _users(project) -> dict:
    users = {}
    for membership in project.memberships.select_related("user").order_by("pk"):
        users.setdefault(membership.role, membership.user)
    return users


def populate(project):
    users = _users(project)
    for code, checked, note, role in TICKS:
        user = users.get(role) or users.get(Role.COORDINATOR)
        services.entry_save(
            project=project, code=code, checked=checked, note=note, version=0, user=user
        )
