"""The admin of each part of the method, registered when Django imports this module."""

from .attachments import admin as attachments  # noqa: F401
from .checklist import admin as checklist  # noqa: F401
from .comments import admin as comments  # noqa: F401
from .diagnostic import admin as diagnostic  # noqa: F401
from .evaluation import admin as evaluation  # noqa: F401
from .followup import admin as followup  # noqa: F401
from .guidance import admin as guidance  # noqa: F401
from .modelling import admin as modelling  # noqa: F401
from .planning import admin as planning  # noqa: F401
from .questionnaire import admin as questionnaire  # noqa: F401
from .reports import admin as reports  # noqa: F401
from .resources import admin as resources  # noqa: F401
from .study import admin as study  # noqa: F401
