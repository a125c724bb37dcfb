"""Invitations in bulk: a personal message, reminders (issue 21)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_project_archive"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="message",
            field=models.TextField(
                blank=True,
                max_length=1000,
                validators=[django.core.validators.MaxLengthValidator(1000)],
                verbose_name="message personnel",
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="reminded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="relancée le"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="reminder_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="relances"),
        ),
    ]
