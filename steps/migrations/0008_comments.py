"""Comment threads on a project's objects (issue 21)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0007_opportunity_study"),
    ]

    operations = []
