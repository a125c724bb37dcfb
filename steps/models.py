"""The models of the steps app: each part of the method defines its own in
`steps/<part>/models.py`; this module gathers them so Django finds them in one app."""

from .attachments.models import Document
from .checklist.models import ChecklistEntry
from .comments.models import Comment, CommentThread
from .diagnostic.models import DiagnosticVerdict
from .evaluation.models import (
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    TargetAssessment,
)
from .followup.models import CalendarFeed, StepDeadline
from .guidance.models import InspiringCase
from .modelling.models import (
    Agreement,
    AgreementSection,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
    Risk,
)
from .planning.models import (
    Action,
    Axis,
    CommunicationItem,
    Orientation,
    StrategicVision,
    Strategy,
)
from .questionnaire.models import (
    Answer,
    AnswerRevision,
    ExtraPortraitItem,
    ProjectDimension,
    StepStatus,
)
from .reports.models import GeneratedReport
from .resources.models import Commitment, PooledResource, UsageRecord
from .study.models import AloneCost, IndirectEffect, OpportunityStudy, StartupCost, StudyWeight

__all__ = [
    "ChecklistEntry",
    "Comment",
    "CommentThread",
    "Document",
    "AloneCost",
    "IndirectEffect",
    "OpportunityStudy",
    "StartupCost",
    "StudyWeight",
    "CalendarFeed",
    "GeneratedReport",
    "InspiringCase",
    "StepDeadline",
    "Commitment",
    "PooledResource",
    "UsageRecord",
    "Agreement",
    "AgreementSection",
    "CommunicationItem",
    "ConsentResponse",
    "ConsentRound",
    "OperatingModel",
    "Risk",
    "Action",
    "Axis",
    "EvaluationRound",
    "Improvement",
    "Indicator",
    "LogicElement",
    "Measurement",
    "Orientation",
    "Strategy",
    "StrategicVision",
    "TargetAssessment",
    "Answer",
    "AnswerRevision",
    "DiagnosticVerdict",
    "ExtraPortraitItem",
    "ProjectDimension",
    "StepStatus",
]
