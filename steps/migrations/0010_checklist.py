"""The checklist of conditions of success and pitfalls (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0009_attachments"),
    ]

    operations = []
