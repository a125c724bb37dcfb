"""Models of the steps app, one module per concept."""

from .answers import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus
from .costing import Commitment, PooledResource, UsageRecord
from .diagnostic import DiagnosticVerdict
from .evaluation import (
    EvaluationRound,
    Improvement,
    Indicator,
    LogicElement,
    Measurement,
    TargetAssessment,
)
from .history import ChangeRecord
from .modelling import (
    AgreementSection,
    CommunicationItem,
    ConsentResponse,
    ConsentRound,
    OperatingModel,
    Risk,
)
from .planning import Action, Axis, Orientation, StrategicVision, Strategy

__all__ = [
    "Commitment",
    "PooledResource",
    "UsageRecord",
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
    "ChangeRecord",
    "DiagnosticVerdict",
    "ExtraPortraitItem",
    "ProjectDimension",
    "StepStatus",
]
