"""The checklist's template tags live with the checklist (steps/checklist/tags.py)."""

from steps.checklist.tags import register

__all__ = ["register"]
