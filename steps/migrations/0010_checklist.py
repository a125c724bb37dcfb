"""The checklist of conditions of success and pitfalls (issue 19)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0009_attachments"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChecklistEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=60, verbose_name="élément")),
                ("checked", models.BooleanField(default=False, verbose_name="coché")),
                (
                    "note",
                    models.CharField(blank=True, max_length=1000, verbose_name="commentaire"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifié le")),
                ("version", models.PositiveIntegerField(default=0, verbose_name="version")),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checklist_entries",
                        to="projects.project",
                        verbose_name="projet",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="modifié par",
                    ),
                ),
            ],
            options={
                "verbose_name": "élément de la liste de contrôle",
                "verbose_name_plural": "éléments de la liste de contrôle",
                "ordering": ["project", "code"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "code"), name="one_checklist_entry_per_project_code"
                    )
                ],
            },
        ),
        # A new known enjeu (change management and shared staff) for the risk register.
        migrations.AlterField(
            model_name="risk",
            name="enjeu",
            field=models.CharField(
                blank=True,
                choices=[
                    ("legitimite", "Légitimité légale"),
                    ("information", "Communication et symétrie de l'information"),
                    ("gouvernance", "Gouvernance"),
                    ("asymetrie", "Implication asymétrique"),
                    ("pouvoir", "Pouvoir d'action"),
                    ("responsabilite", "Responsabilité"),
                    ("technique", "Enjeux techniques"),
                    ("changement", "Gestion du changement et personnel partagé"),
                ],
                max_length=30,
                verbose_name="enjeu connu",
            ),
        ),
    ]
