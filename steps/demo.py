"""Fill the demo project step by step; each part of the method adds its own data."""

from .diagnostic import demo as diagnostic
from .evaluation import demo as evaluation
from .modelling import demo as modelling
from .planning import demo as planning
from .pricing import demo as pricing
from .questionnaire import demo as questionnaire

PARTS = (questionnaire, diagnostic, pricing, modelling, planning, evaluation)


def populate(project):
    for part in PARTS:
        part.populate(project)
