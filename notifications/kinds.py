"""The kinds of notification and their words, in the reader's language.

A notification stores its kind and the few facts its sentence needs (`params`); the
sentence is written here, when it is shown or mailed, so a person reads it in the
language they chose, and a fix to a sentence reaches the notifications already sent.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mutualisation.formats import format_date, format_percent
from projects.method import STEPS_BY_CODE


class Kind(models.TextChoices):
    INVITATION_ACCEPTED = "invitation_accepted", gettext_lazy("Invitation acceptée")
    PORTRAIT_SUBMITTED = "portrait_submitted", gettext_lazy("Questionnaire soumis")
    PORTRAIT_REOPENED = "portrait_reopened", gettext_lazy("Questionnaire rouvert")
    DEADLINE_SOON = "deadline_soon", gettext_lazy("Échéance d'un questionnaire proche")
    DEADLINE_PASSED = "deadline_passed", gettext_lazy("Questionnaire en retard")
    CONSENT_OPENED = "consent_opened", gettext_lazy("Ronde de consentement ouverte")
    CONSENT_CLOSING = "consent_closing", gettext_lazy("Ronde de consentement bientôt fermée")
    CONSENT_CLOSED = "consent_closed", gettext_lazy("Ronde de consentement fermée")
    VERDICTS_TO_REVIEW = "verdicts_to_review", gettext_lazy("Verdicts du diagnostic à revoir")
    ACTION_ASSIGNED = "action_assigned", gettext_lazy("Action confiée à votre organisation")
    ACTION_DUE_SOON = "action_due_soon", gettext_lazy("Action à échéance dans 7 jours")
    ACTION_OVERDUE = "action_overdue", gettext_lazy("Action en retard")
    MEASUREMENT_DUE = "measurement_due", gettext_lazy("Mesure d'indicateur attendue")
    EVALUATION_SCHEDULED = "evaluation_scheduled", gettext_lazy("Bilan planifié")
    MENTIONED = "mentioned", gettext_lazy("Mention")
    COMMENTED = "commented", gettext_lazy("Nouveau commentaire")
    RELAUNCH = "relaunch", gettext_lazy("Relance de la coordination")


def _day(value: str) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


# A consent round's outcome, stored as its code (steps.modelling: ConsentRound.Outcome).
OUTCOMES = {"adopted": gettext_lazy("Adopté"), "rework": gettext_lazy("À retravailler")}


def _display(params: dict) -> dict:
    """The params as words: ISO dates as « 1er avril 2026 », a share as « 14 % », a step
    code as its title, an outcome code as its label (other values as they are)."""
    shown = dict(params)
    if shown.get("step") in STEPS_BY_CODE:
        shown["step"] = str(STEPS_BY_CODE[shown["step"]].title)
    if shown.get("outcome") in OUTCOMES:
        shown["outcome"] = str(OUTCOMES[shown["outcome"]])
    for name in ("deadline", "due_date", "closes_on", "date"):
        if name in shown:
            shown[name] = _day(shown[name])
    if "percent" in shown:
        shown["percent"] = format_percent(shown["percent"] / 100)
    return shown


def title(kind: str, params: dict) -> str:
    """One line: the notification list, the e-mail's subject (after the project's name).
    A notification whose stored facts no longer fit its sentence reads as its kind."""
    try:
        return _title(kind, _display(params))
    except (KeyError, TypeError, ValueError):
        return str(Kind(kind).label) if kind in Kind.values else str(kind)


def _title(kind: str, p: dict) -> str:
    match kind:
        case Kind.INVITATION_ACCEPTED:
            return _("%(person)s a rejoint le projet") % p
        case Kind.PORTRAIT_SUBMITTED:
            return _("%(organisation)s a soumis son questionnaire « %(step)s »") % p
        case Kind.PORTRAIT_REOPENED:
            return _("Le questionnaire « %(step)s » de %(organisation)s est rouvert") % p
        case Kind.DEADLINE_SOON:
            return _("Le questionnaire « %(step)s » est attendu le %(deadline)s") % p
        case Kind.DEADLINE_PASSED:
            return _("Le questionnaire « %(step)s » était attendu le %(deadline)s") % p
        case Kind.CONSENT_OPENED:
            return _("Une ronde de consentement attend la réponse de votre organisation")
        case Kind.CONSENT_CLOSING:
            return _("La ronde de consentement ferme le %(closes_on)s") % p
        case Kind.CONSENT_CLOSED:
            return _("Ronde de consentement fermée : %(outcome)s") % p
        case Kind.VERDICTS_TO_REVIEW:
            count = p.get("count", 0)
            return ngettext(
                "%(count)d verdict du diagnostic est à revoir",
                "%(count)d verdicts du diagnostic sont à revoir",
                count,
            ) % {"count": count}
        case Kind.ACTION_ASSIGNED:
            return _("Action confiée à %(organisation)s : %(action)s") % p
        case Kind.ACTION_DUE_SOON:
            return _("Échéance le %(due_date)s : %(action)s") % p
        case Kind.ACTION_OVERDUE:
            return _("Action en retard depuis le %(due_date)s : %(action)s") % p
        case Kind.MEASUREMENT_DUE:
            return _("Une mesure est attendue pour l'indicateur « %(indicator)s »") % p
        case Kind.EVALUATION_SCHEDULED:
            return _("Bilan prévu le %(date)s") % p
        case Kind.MENTIONED:
            return _("%(person)s vous a mentionné·e") % p
        case Kind.COMMENTED:
            return _("%(person)s a commenté %(object)s") % p
        case Kind.RELAUNCH:
            return _("Rappel de la coordination : %(subject)s") % p
    return str(Kind(kind).label)


def body(kind: str, params: dict) -> str:
    """A sentence or two more, for the e-mail (the list shows the title only)."""
    try:
        return _body(kind, _display(params))
    except (KeyError, TypeError, ValueError):
        return ""


def _body(kind: str, p: dict) -> str:
    match kind:
        case Kind.DEADLINE_SOON | Kind.DEADLINE_PASSED:
            return _(
                "Votre questionnaire est rempli à %(percent)s. Les réponses déjà saisies "
                "sont enregistrées : il reste à compléter ce qui manque, puis à le soumettre."
            ) % {"percent": p.get("percent", "")}
        case Kind.CONSENT_OPENED | Kind.CONSENT_CLOSING:
            return _(
                "Lisez la proposition de modèle de fonctionnement et donnez la réponse de "
                "votre organisation : d'accord, d'accord avec réserves ou objection."
            )
        case Kind.VERDICTS_TO_REVIEW:
            return _(
                "Des portraits ont changé depuis la confirmation de ces verdicts : relisez les "
                "lignes marquées « à revoir » dans la grille."
            )
        case Kind.ACTION_ASSIGNED | Kind.ACTION_DUE_SOON | Kind.ACTION_OVERDUE:
            return _("Mettez à jour son statut et son avancement dans le plan d'action.")
        case Kind.MEASUREMENT_DUE:
            return _("Saisissez la dernière valeur mesurée pour suivre l'évolution.")
        case Kind.RELAUNCH:
            return p.get("message", "")
    return ""


# What a coordinator may turn off; partners and advisors get the kinds that concern them.
COORDINATOR_KINDS = [
    Kind.INVITATION_ACCEPTED,
    Kind.PORTRAIT_SUBMITTED,
    Kind.PORTRAIT_REOPENED,
    Kind.VERDICTS_TO_REVIEW,
    Kind.CONSENT_CLOSED,
    Kind.ACTION_OVERDUE,
    Kind.MEASUREMENT_DUE,
    Kind.MENTIONED,
    Kind.COMMENTED,
]
