"""Archived projects (issue 21)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_project_creation_policy"),
    ]

    operations = []
