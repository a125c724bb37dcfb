"""The opportunity study (issue 20): its parameters, start-up costs, « alone » costs,
weights and indirect effects."""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0006_agreement_language_and_review"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OpportunityStudy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "horizon_years",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="De 3 à 10 ans.",
                        validators=[
                            django.core.validators.MinValueValidator(3),
                            django.core.validators.MaxValueValidator(10),
                        ],
                        verbose_name="horizon (années)",
                    ),
                ),
                (
                    "startup_key",
                    models.CharField(
                        choices=[
                            ("usage", "Selon la part de chacun dans le coût des ressources"),
                            ("equal", "À parts égales"),
                            ("custom", "Selon des poids convenus entre les partenaires"),
                        ],
                        default="equal",
                        max_length=20,
                        verbose_name="clé de partage des fonds propres et du prêt",
                    ),
                ),
                (
                    "grant_amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="subvention au démarrage",
                    ),
                ),
                (
                    "grant_source",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="source de la subvention"
                    ),
                ),
                (
                    "loan_amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="montant du prêt",
                    ),
                ),
                (
                    "loan_rate",
                    models.DecimalField(
                        decimal_places=4,
                        default=Decimal("0"),
                        help_text="0,05 pour 5 %.",
                        max_digits=7,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0")),
                            django.core.validators.MaxValueValidator(Decimal("1")),
                        ],
                        verbose_name="taux d'intérêt annuel du prêt",
                    ),
                ),
                (
                    "loan_term_years",
                    models.PositiveSmallIntegerField(
                        default=5,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(30),
                        ],
                        verbose_name="durée du prêt (années)",
                    ),
                ),
                (
                    "coordination_mode",
                    models.CharField(
                        choices=[
                            ("hours", "Heures par année × taux horaire"),
                            ("salary", "Part d'un salaire annuel"),
                        ],
                        default="hours",
                        max_length=10,
                        verbose_name="coût de la coordination",
                    ),
                ),
                (
                    "coordination_hours_per_year",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=8,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="heures de coordination par année",
                    ),
                ),
                (
                    "coordination_hourly_rate",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="taux horaire, charges sociales comprises",
                    ),
                ),
                (
                    "coordination_salary",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="salaire annuel, charges sociales comprises",
                    ),
                ),
                (
                    "coordination_salary_share",
                    models.DecimalField(
                        decimal_places=4,
                        default=Decimal("0"),
                        help_text="0,25 pour un quart de temps.",
                        max_digits=7,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0")),
                            django.core.validators.MaxValueValidator(Decimal("1")),
                        ],
                        verbose_name="part du salaire consacrée au projet",
                    ),
                ),
                (
                    "coordination_key",
                    models.CharField(
                        choices=[
                            ("usage", "Selon la part de chacun dans le coût des ressources"),
                            ("equal", "À parts égales"),
                            ("custom", "Selon des poids convenus entre les partenaires"),
                        ],
                        default="usage",
                        max_length=20,
                        verbose_name="clé de partage de la coordination",
                    ),
                ),
                (
                    "shared_with_partners",
                    models.BooleanField(
                        default=False,
                        verbose_name="montrer à chaque partenaire les coûts « seul » des autres",
                    ),
                ),
                (
                    "validated_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="validée le"),
                ),
                (
                    "validated_fingerprint",
                    models.CharField(blank=True, editable=False, max_length=64),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="hypothèses et remarques",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifiée le")),
                (
                    "departing_organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="Vide : l'organisation qui prévoit le plus d'utilisations.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="projects.organisation",
                        verbose_name="organisation dont on simule le départ",
                    ),
                ),
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opportunity_study",
                        to="projects.project",
                        verbose_name="projet",
                    ),
                ),
                (
                    "validated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="validée par",
                    ),
                ),
            ],
            options={
                "verbose_name": "étude d'opportunité",
                "verbose_name_plural": "études d'opportunité",
            },
        ),
        migrations.CreateModel(
            name="IndirectEffect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="effet")),
                (
                    "quantity",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=10,
                        null=True,
                        verbose_name="quantité par année",
                    ),
                ),
                ("unit", models.CharField(blank=True, max_length=40, verbose_name="unité")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="Vide : un effet pour tout le groupe.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "study",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indirect_effects",
                        to="steps.opportunitystudy",
                        verbose_name="étude",
                    ),
                ),
            ],
            options={
                "verbose_name": "effet indirect",
                "verbose_name_plural": "effets indirects",
                "ordering": ["study", "pk"],
            },
        ),
        migrations.CreateModel(
            name="StartupCost",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("purchase", "Achat"),
                            ("fit_out", "Aménagement"),
                            ("legal", "Frais juridiques"),
                            ("training", "Formation"),
                            ("other", "Autre"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="nature",
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="libellé")),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="montant",
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="steps.pooledresource",
                        verbose_name="ressource concernée",
                    ),
                ),
                (
                    "study",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="startup_costs",
                        to="steps.opportunitystudy",
                        verbose_name="étude",
                    ),
                ),
            ],
            options={
                "verbose_name": "coût de démarrage",
                "verbose_name_plural": "coûts de démarrage",
                "ordering": ["study", "pk"],
            },
        ),
        migrations.CreateModel(
            name="AloneCost",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("rental", "Location (prix par utilisation)"),
                            ("purchase", "Achat puis entretien"),
                            ("outsourcing", "Sous-traitance (contrat annuel ou par utilisation)"),
                            ("no_access", "N'y aurait pas accès"),
                        ],
                        max_length=20,
                        verbose_name="situation seule",
                    ),
                ),
                (
                    "one_off",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="achat (une fois, année 1)",
                    ),
                ),
                (
                    "per_year",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="coût annuel (entretien, contrat)",
                    ),
                ),
                (
                    "per_use",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=14,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="coût par utilisation",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=255, verbose_name="précision")),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="steps.pooledresource",
                        verbose_name="ressource",
                    ),
                ),
                (
                    "study",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="alone_costs",
                        to="steps.opportunitystudy",
                        verbose_name="étude",
                    ),
                ),
            ],
            options={
                "verbose_name": "coût « seul »",
                "verbose_name_plural": "coûts « seul »",
                "ordering": ["study", "organisation__name", "resource__name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("study", "organisation", "resource"), name="one_alone_cost"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="StudyWeight",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weight",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("1"),
                        max_digits=10,
                        validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                        verbose_name="poids",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "study",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="weights",
                        to="steps.opportunitystudy",
                        verbose_name="étude",
                    ),
                ),
            ],
            options={
                "verbose_name": "poids d'une organisation",
                "verbose_name_plural": "poids des organisations",
                "ordering": ["study", "organisation__name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("study", "organisation"), name="one_study_weight"
                    )
                ],
            },
        ),
    ]
