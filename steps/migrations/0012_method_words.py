"""The method's words: an action's means, the sharing of surpluses (issue 19)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0011_guidance"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="means",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Les ressources humaines, matérielles et financières dont l'action a "
                    "besoin (ex.\xa0: «\xa010\xa0heures de coordination, la salle de la CDC, "
                    "500\xa0$\xa0»)."
                ),
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="moyens",
            ),
        ),
        migrations.AddField(
            model_name="operatingmodel",
            name="surplus_sharing",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Ce que deviennent les économies, les revenus ou les surplus dégagés "
                    "ensemble\xa0: remis selon la même clé, réinvestis dans le projet, mis en "
                    "réserve…"
                ),
                max_length=5000,
                validators=[django.core.validators.MaxLengthValidator(5000)],
                verbose_name="partage des surplus",
            ),
        ),
    ]
