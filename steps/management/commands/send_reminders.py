from django.core.management.base import BaseCommand

from steps.followup.reminders import send_reminders
from steps.followup.tasks import ensure_hourly_scheduled

NBSP = "\u00a0"
# The counts of send_reminders: new notifications (one per person reminded), then mails.
LABELS = {
    "deadline_soon": "Rappels : questionnaire attendu d'ici deux jours",
    "deadline_passed": "Rappels : questionnaire en retard",
    "consent_closing": "Rappels : ronde de consentement qui ferme bientôt",
    "action_due_soon": "Rappels : action à échéance dans 7 jours",
    "action_overdue": "Rappels : action en retard",
    "measurement_due": "Rappels : mesure d'indicateur attendue",
    "digests": "Résumés du jour mis en file",
    "requeued": "Courriels remis en file",
}


class Command(BaseCommand):
    help = (
        "Envoie les rappels de tous les projets en cours (échéances des questionnaires, "
        "rondes de consentement, actions, mesures d'indicateurs), puis les résumés du jour. "
        "Sans effet si on la relance : chaque rappel n'est envoyé qu'une fois. À lancer "
        "toutes les heures par cron ou par une minuterie systemd (voir le README), ou à "
        "confier aux workers avec --schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                "Met aussi en file la tâche périodique qui relance les rappels toutes les "
                "heures dans les workers (une seule fois, même si on répète l'option)."
            ),
        )

    def handle(self, *args, schedule=False, **options):
        counts = send_reminders()
        self.stdout.write(f"Projets en cours examinés{NBSP}: {counts['projects']}")
        for name, label in LABELS.items():
            label = label.replace(" : ", f"{NBSP}: ")
            self.stdout.write(f"{label}{NBSP}: {counts.get(name, 0)}")
        if schedule:
            if ensure_hourly_scheduled():
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Tâche horaire mise en file{NBSP}: les workers la relanceront."
                    )
                )
            else:
                self.stdout.write(
                    "Tâche horaire déjà en file (ou file de tâches sans exécution "
                    f"différée){NBSP}: rien à ajouter."
                )
