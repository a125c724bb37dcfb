"""The admin of each part of the method, registered when Django imports this module."""

from .diagnostic import admin as diagnostic  # noqa: F401
from .evaluation import admin as evaluation  # noqa: F401
from .followup import admin as followup  # noqa: F401
from .modelling import admin as modelling  # noqa: F401
from .planning import admin as planning  # noqa: F401
from .questionnaire import admin as questionnaire  # noqa: F401
from .reports import admin as reports  # noqa: F401
from .resources import admin as resources  # noqa: F401
from .study import admin as study  # noqa: F401
