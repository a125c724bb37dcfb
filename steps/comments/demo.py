"""Demo data of the comments: a discussion on a row of the grid that mentions the advisor,
and one on the cost-sharing section of the agreement, settled and marked resolved."""

from projects.models import Role
from steps.diagnostic.selectors import build_grid

from . import selectors, services, targets


def _members(project) -> dict:
    members = {}
    for membership in project.memberships.select_related("user", "project").order_by("pk"):
        members.setdefault(membership.role, membership)
    return members


def _handle(project, membership) -> str:
    for person in selectors.mentionables(project):
        if person.membership.pk == membership.pk:
            return person.handle
    return ""


def populate(project):
    members = _members(project)
    coordinator, partner = members.get(Role.COORDINATOR), members.get(Role.PARTNER)
    advisor = members.get(Role.ADVISOR)
    if coordinator is None or partner is None or advisor is None:
        return
    lines = build_grid(project).lines
    if lines:
        row = targets.find(partner, "grille", lines[0].code)
        services.add_comment(
            subject=row,
            membership=partner,
            body=(
                "Nos missions se rejoignent sur l'essentiel, mais nous ne servons pas "
                "les mêmes quartiers.\n\n- Suroît : familles\n- Beauharnois : personnes aînées"
            ),
        )
        services.add_comment(
            subject=row,
            membership=coordinator,
            body=(
                f"Bonne nuance. @{_handle(project, advisor)}, est-ce une complémentarité "
                "plutôt qu'une convergence ? On en parle à la prochaine rencontre."
            ),
        )
    section = targets.find(advisor, "entente", "couts")
    services.add_comment(
        subject=section,
        membership=advisor,
        body=(
            f"@{_handle(project, coordinator)} : la clé de répartition ne dit rien des "
            "réparations majeures. Voir le guide du TIESS, https://tiess.ca, sur le coût "
            "d'utilisation."
        ),
    )
    services.add_comment(
        subject=section,
        membership=coordinator,
        body="Ajouté : les réparations suivent la même clé que l'entretien.",
    )
    services.set_resolved(subject=section, user=coordinator.user, resolved=True)
