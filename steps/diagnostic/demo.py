"""Demo data for this part of the method; called by `manage.py demo`."""


def populate(project):
    """Fill the demo project (idempotent: the demo command rebuilds the project)."""
