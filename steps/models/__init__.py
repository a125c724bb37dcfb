"""Models of the steps app, one module per concept."""

from .answers import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus
from .history import ChangeRecord

__all__ = [
    "Answer",
    "AnswerRevision",
    "ChangeRecord",
    "ExtraPortraitItem",
    "ProjectDimension",
    "StepStatus",
]
