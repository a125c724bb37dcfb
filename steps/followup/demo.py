"""The demo's target dates and who follows what, so that each demo person has something
to do: the small CDC's réflexion is three days late, the open consent round closes in two
days and two partners have not answered, the calendar action is overdue, and the food bank
owes this month's measure of the food recovered."""

from datetime import timedelta

from django.utils import timezone

from projects.demo import demo_organisation
from projects.models import Project
from steps.models import ConsentRound, Indicator, StepDeadline

# Days from today of each step's target date (the réflexion's has passed).
STEP_DEADLINES = {
    "impulsion": -75,
    "reflexion": -3,
    "diagnostic": 21,
    "modelisation": 60,
    "realisation": 150,
    "evaluation": 330,
}
# One organisation was given more time for its portrait, and has used it well.
ORGANISATION_DEADLINES = {("reflexion", "cuisine_collective"): 10}
# Indicator: (organisation that measures it, every N months).
INDICATOR_OWNERS = {
    "Denrées récupérées": ("banque_alimentaire", 1),
    "Taux d'utilisation du camion": ("cdc_vallee", 3),
}


def populate(project):
    today = timezone.localdate()
    coordinator = project.memberships.filter(role="coordinator").select_related("user").first()
    # The project started before its first target date.
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - timedelta(days=120))
    StepDeadline.objects.filter(project=project).delete()
    rows = [
        StepDeadline(
            project=project,
            step=step,
            due_date=today + timedelta(days=days),
            updated_by=coordinator.user if coordinator else None,
        )
        for step, days in STEP_DEADLINES.items()
    ]
    rows += [
        StepDeadline(
            project=project,
            step=step,
            organisation=demo_organisation(project, key),
            due_date=today + timedelta(days=days),
            updated_by=coordinator.user if coordinator else None,
        )
        for (step, key), days in ORGANISATION_DEADLINES.items()
    ]
    StepDeadline.objects.bulk_create(rows)
    ConsentRound.objects.filter(project=project, closed_at__isnull=True).update(
        closes_on=today + timedelta(days=2)
    )
    for name, (key, months) in INDICATOR_OWNERS.items():
        Indicator.objects.filter(project=project, name=name).update(
            owner_organisation=demo_organisation(project, key), measure_every_months=months
        )
