import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

LANGUAGES = [("fr-ca", "français"), ("en", "anglais")]


class Migration(migrations.Migration):
    dependencies = [
        ("steps", "0005_calendar_feeds_and_generated_reports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="agreementsection",
            name="basis",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text=(
                    "Les données du projet dont dépendait la section lors de sa dernière revue."
                ),
                verbose_name="faits à la rédaction",
            ),
        ),
        migrations.AddField(
            model_name="agreementsection",
            name="language",
            field=models.CharField(
                choices=LANGUAGES, default="fr-ca", max_length=10, verbose_name="langue du texte"
            ),
        ),
        migrations.CreateModel(
            name="Agreement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=LANGUAGES,
                        default="fr-ca",
                        max_length=10,
                        verbose_name="langue de l'entente",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifiée le")),
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agreement",
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
                        verbose_name="modifiée par",
                    ),
                ),
            ],
            options={"verbose_name": "entente", "verbose_name_plural": "ententes"},
        ),
    ]
