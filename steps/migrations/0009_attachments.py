"""Shared documents of a project (issue 21)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import steps.attachments.models


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0008_comments"),
    ]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="titre")),
                (
                    "step",
                    models.CharField(
                        choices=[
                            ("impulsion", "Impulsion"),
                            ("reflexion", "Réflexion"),
                            ("diagnostic", "Diagnostic"),
                            ("modelisation", "Modélisation"),
                            ("realisation", "Réalisation"),
                            ("evaluation", "Évaluation"),
                        ],
                        max_length=20,
                        verbose_name="étape",
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        upload_to=steps.attachments.models.document_path,
                        verbose_name="fichier",
                    ),
                ),
                ("original_name", models.CharField(max_length=120, verbose_name="nom du fichier")),
                ("content_type", models.CharField(max_length=100, verbose_name="type de contenu")),
                ("size", models.PositiveBigIntegerField(verbose_name="taille (octets)")),
                ("sha256", models.CharField(max_length=64, verbose_name="empreinte SHA-256")),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="déposé le")),
                (
                    "action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="documents",
                        to="steps.action",
                        verbose_name="action",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text=(
                            "Vide : document de tout le projet, que tous les membres voient."
                        ),
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="projects.project",
                        verbose_name="projet",
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="documents",
                        to="steps.pooledresource",
                        verbose_name="ressource",
                    ),
                ),
                (
                    "risk",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="documents",
                        to="steps.risk",
                        verbose_name="risque",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="déposé par",
                    ),
                ),
            ],
            options={
                "verbose_name": "document",
                "verbose_name_plural": "documents",
                "ordering": ["step", "-uploaded_at", "-pk"],
            },
        ),
    ]
