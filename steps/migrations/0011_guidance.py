"""The library of inspiring cases (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0010_checklist"),
    ]

    operations = []
