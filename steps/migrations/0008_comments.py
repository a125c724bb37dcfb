"""Comment threads on a project's objects (issue 21)."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0007_opportunity_study"),
    ]

    operations = [
        migrations.CreateModel(
            name="Comment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "target",
                    models.CharField(
                        choices=[
                            ("reponse", "réponse"),
                            ("grille", "ligne de la grille"),
                            ("ressource", "ressource mutualisée"),
                            ("risque", "risque"),
                            ("entente", "section de l'entente"),
                            ("action", "action"),
                            ("bilan", "bilan d'évaluation"),
                        ],
                        max_length=20,
                        verbose_name="sur",
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(default=0, verbose_name="objet")),
                ("code", models.CharField(blank=True, max_length=200, verbose_name="code")),
                (
                    "body",
                    models.TextField(
                        max_length=3000,
                        validators=[django.core.validators.MaxLengthValidator(3000)],
                        verbose_name="commentaire",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="écrit le")),
                (
                    "edited_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="modifié le"),
                ),
                (
                    "removed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="retiré le"),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="auteur·rice",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="projects.project",
                        verbose_name="projet",
                    ),
                ),
                (
                    "removed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="retiré par",
                    ),
                ),
            ],
            options={
                "verbose_name": "commentaire",
                "verbose_name_plural": "commentaires",
                "ordering": ["created_at", "pk"],
                "indexes": [
                    models.Index(
                        fields=["project", "target", "object_id", "code"],
                        name="steps_comme_project_e2c63c_idx",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CommentThread",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "target",
                    models.CharField(
                        choices=[
                            ("reponse", "réponse"),
                            ("grille", "ligne de la grille"),
                            ("ressource", "ressource mutualisée"),
                            ("risque", "risque"),
                            ("entente", "section de l'entente"),
                            ("action", "action"),
                            ("bilan", "bilan d'évaluation"),
                        ],
                        max_length=20,
                        verbose_name="sur",
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(default=0, verbose_name="objet")),
                ("code", models.CharField(blank=True, max_length=200, verbose_name="code")),
                (
                    "resolved_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="résolu le"),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comment_threads",
                        to="projects.project",
                        verbose_name="projet",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="résolu par",
                    ),
                ),
            ],
            options={
                "verbose_name": "fil de commentaires",
                "verbose_name_plural": "fils de commentaires",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "target", "object_id", "code"),
                        name="one_thread_per_target",
                    )
                ],
            },
        ),
    ]
