"""Shared documents of a project (issue 21)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0008_comments"),
    ]

    operations = []
