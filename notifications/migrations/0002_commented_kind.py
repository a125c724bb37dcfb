"""A new kind of notification: « Nouveau commentaire » (steps/comments)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("invitation_accepted", "Invitation acceptée"),
                    ("portrait_submitted", "Questionnaire soumis"),
                    ("portrait_reopened", "Questionnaire rouvert"),
                    ("deadline_soon", "Échéance d'un questionnaire proche"),
                    ("deadline_passed", "Questionnaire en retard"),
                    ("consent_opened", "Ronde de consentement ouverte"),
                    ("consent_closing", "Ronde de consentement bientôt fermée"),
                    ("consent_closed", "Ronde de consentement fermée"),
                    ("verdicts_to_review", "Verdicts du diagnostic à revoir"),
                    ("action_assigned", "Action confiée à votre organisation"),
                    ("action_due_soon", "Action à échéance dans 7 jours"),
                    ("action_overdue", "Action en retard"),
                    ("measurement_due", "Mesure d'indicateur attendue"),
                    ("evaluation_scheduled", "Bilan planifié"),
                    ("mentioned", "Mention"),
                    ("commented", "Nouveau commentaire"),
                    ("relaunch", "Relance de la coordination"),
                ],
                max_length=40,
                verbose_name="type",
            ),
        ),
    ]
