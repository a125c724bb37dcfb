"""The demo project: its people (projects.demo), then each part of the method adds its data."""

from django.db import transaction

from projects.demo import build_demo_people_and_project

from .attachments import demo as attachments
from .checklist import demo as checklist
from .comments import demo as comments
from .diagnostic import demo as diagnostic
from .evaluation import demo as evaluation
from .followup import demo as followup
from .modelling import demo as modelling
from .planning import demo as planning
from .questionnaire import demo as questionnaire
from .resources import demo as resources
from .study import demo as study

PARTS = (
    questionnaire,
    diagnostic,
    resources,
    study,
    modelling,
    planning,
    evaluation,
    followup,
    checklist,
    attachments,
    comments,
)


def populate(project):
    for part in PARTS:
        part.populate(project)


def build_demo_project():
    """(Re)build the whole demo project, all or nothing, and return it."""
    with transaction.atomic():
        project = build_demo_people_and_project()
        populate(project)
    return project
