"""Invitations in bulk: a personal message, reminders (issue 21)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_project_archive"),
    ]

    operations = []
