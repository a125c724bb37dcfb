"""The method's words: an action's means, the sharing of surpluses (issue 19)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0011_guidance"),
    ]

    operations = []
