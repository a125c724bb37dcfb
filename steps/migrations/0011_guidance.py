"""The library of inspiring cases (issue 19), seeded with the cases of the sources."""

import django.core.validators
from django.db import migrations, models

from steps.guidance.seed import CASES


def seed_cases(apps, schema_editor):
    InspiringCase = apps.get_model("steps", "InspiringCase")
    for case in CASES:
        InspiringCase.objects.get_or_create(title_fr=case["title_fr"], defaults=case)


def text(verbose_name, **kwargs):
    return models.TextField(
        max_length=2000,
        validators=[django.core.validators.MaxLengthValidator(2000)],
        verbose_name=verbose_name,
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0010_checklist"),
    ]

    operations = [
        migrations.CreateModel(
            name="InspiringCase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("resource_type", models.CharField(choices=[("premises", "Locaux et espaces"), ("storage", "Entreposage"), ("transport", "Véhicules et transport"), ("equipment", "Équipements"), ("it", "Informatique (matériel et logiciels)"), ("staff", "Personnel partagé"), ("function", "Fonctions (comptabilité, TI, communications…)"), ("volunteers", "Bénévoles"), ("expertise", "Expertise, savoir-faire et formation"), ("data", "Données, connaissances et documents de gestion"), ("purchases", "Achats groupés et fournisseurs"), ("activity", "Projet, activité, événement ou campagne"), ("mission", "Partie de la mission (services, clientèle, territoire)"), ("risk", "Un risque"), ("other", "Autre")], max_length=20, verbose_name="type de ressource")),
                ("title_fr", models.CharField(max_length=200, verbose_name="titre (français)")),
                ("title_en", models.CharField(blank=True, max_length=200, verbose_name="titre (anglais)")),
                ("who_fr", text("qui (français)", help_text="Les organisations qui ont mis en commun.")),
                ("who_en", text("qui (anglais)", blank=True)),
                ("pooled_fr", text("ce qui est mis en commun (français)")),
                ("pooled_en", text("ce qui est mis en commun (anglais)", blank=True)),
                ("form_fr", models.CharField(blank=True, help_text="La forme juridique ou contractuelle, si on la connaît.", max_length=200, verbose_name="forme (français)")),
                ("form_en", models.CharField(blank=True, max_length=200, verbose_name="forme (anglais)")),
                ("lessons_fr", text("à retenir (français)")),
                ("lessons_en", text("à retenir (anglais)", blank=True)),
                ("source", models.CharField(blank=True, help_text="Où le cas est présenté, p. ex. «\u00a0Forum québécois du loisir\u00a0».", max_length=200, verbose_name="source")),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="année")),
                ("url", models.URLField(blank=True, verbose_name="lien")),
                ("published", models.BooleanField(default=True, help_text="Décochez pour cacher le cas sans le supprimer.", verbose_name="publié")),
                ("order", models.PositiveSmallIntegerField(default=100, verbose_name="ordre")),
            ],
            options={
                "verbose_name": "cas inspirant",
                "verbose_name_plural": "cas inspirants",
                "ordering": ["order", "title_fr"],
            },
        ),
        migrations.RunPython(seed_cases, migrations.RunPython.noop),
    ]
