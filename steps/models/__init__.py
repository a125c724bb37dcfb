"""Models of the steps app, one module per concept."""

from .answers import Answer, AnswerRevision, ExtraPortraitItem, ProjectDimension, StepStatus

__all__ = ["Answer", "AnswerRevision", "ExtraPortraitItem", "ProjectDimension", "StepStatus"]
