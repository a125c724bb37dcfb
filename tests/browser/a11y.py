"""Shared by the accessibility, keyboard and small-screen tests: the demo project with the
objects its pages show, pages opened as one of its people, and axe-core's verdict."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.services import unsubscribe_token
from projects.demo import ADVISOR_EMAIL, COORDINATOR_EMAIL, DEMO_ORGANISATIONS, demo_organisation
from projects.models import Invitation, Role, User
from projects.signup import confirmation_token
from steps.demo import build_demo_project
from steps.models import Action, ConsentRound, EvaluationRound, Indicator, PooledResource, Risk

# The demo's people: the coordinator, two partners and the advisor (None: anonymous).
COORD = COORDINATOR_EMAIL
ADVISOR = ADVISOR_EMAIL
ANONYMOUS = None
# CDC des Seigneuries has submitted its portrait; CDC de la Vallée-des-Moulins is filling it.
SUBMITTED_PARTNER = DEMO_ORGANISATIONS["cdc_seigneuries"]["partner_email"]
PARTNER = DEMO_ORGANISATIONS["cdc_vallee"]["partner_email"]

BLOCKING = ("serious", "critical")
_AXE = Axe()


@dataclass
class Demo:
    """The demo project and the objects its pages show."""

    project: object
    organisation: object  # PARTNER's, portrait in progress
    submitted_organisation: object  # SUBMITTED_PARTNER's
    resource: object
    consent_round: object
    evaluation_round: object
    indicator: object
    action: object
    risk: object
    invitation: object

    def url(self, name: str, *args) -> str:
        return reverse(name, args=[self.project.slug, *args])


@pytest.fixture
def demo(transactional_db) -> Demo:
    """The demo project as `manage.py demo` builds it, plus a pending invitation."""
    project = build_demo_project()
    invitation = Invitation.objects.create(
        project=project,
        email="nouvelle@exemple.org",
        role=Role.PARTNER,
        organisation=demo_organisation(project, "cuisine_collective"),
        expires_at=timezone.now() + timedelta(days=7),
        sent_at=timezone.now(),
    )
    return Demo(
        project=project,
        organisation=demo_organisation(project, "cdc_vallee"),
        submitted_organisation=demo_organisation(project, "cdc_seigneuries"),
        resource=PooledResource.objects.filter(project=project).order_by("pk").first(),
        consent_round=ConsentRound.objects.filter(project=project).order_by("-pk").first(),
        evaluation_round=EvaluationRound.objects.filter(project=project).first(),
        indicator=Indicator.objects.filter(project=project).first(),
        action=Action.objects.filter(project=project).first(),
        risk=Risk.objects.filter(project=project).first(),
        invitation=invitation,
    )


@pytest.fixture
def open_page(browser, live_server, browser_context_args):
    """Return open_as(email, **context options) → a new page logged in as that person.

    Contexts are closed before the live server stops, so no request is left in flight.
    """
    contexts = []

    def open_as(email: str | None, **options):
        context = browser.new_context(**(browser_context_args | options))
        contexts.append(context)
        if email is not None:
            client = Client()
            client.force_login(User.objects.get(email=email))
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def blocking_violations(page) -> list[dict]:
    """Run axe-core on the page; return its serious and critical violations."""
    results = _AXE.run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def report(violations: list[dict]) -> str:
    """One readable paragraph per violation: rule, impact, help, and each element."""
    lines = []
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']} — {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  • {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"    {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with a readable list when axe-core finds a serious or critical violation."""
    violations = blocking_violations(page)
    assert not violations, f"{page.url}{report(violations)}"


def signup_confirm_link() -> str:
    """The link of the sign-up confirmation e-mail, for a new unconfirmed account."""
    user, _created = User.objects.get_or_create(
        email="inscription@exemple.org",
        defaults={"is_active": False, "signed_up_at": timezone.now()},
    )
    return reverse("signup_confirm", args=[confirmation_token(user)])


def password_reset_link(email: str) -> str:
    """The link of the password reset e-mail (it redirects to the new-password form)."""
    user = User.objects.get(email=email)
    return reverse(
        "password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )


PathOf = Callable[[Demo], str]

# The main pages: id -> (who looks at it, its path in the demo project).
PAGES: dict[str, tuple[str | None, PathOf]] = {
    "connexion": (ANONYMOUS, lambda d: reverse("login")),
    "mot-de-passe-oublie": (ANONYMOUS, lambda d: reverse("password_reset")),
    "mot-de-passe-oublie-envoye": (ANONYMOUS, lambda d: reverse("password_reset_done")),
    "mot-de-passe-nouveau": (ANONYMOUS, lambda d: password_reset_link(COORD)),
    "changer-mot-de-passe": (COORD, lambda d: reverse("password_change")),
    "invitation": (
        ANONYMOUS,
        lambda d: reverse("projects:invitation_accept", args=[d.invitation.token]),
    ),
    "invitation-compte": (
        ANONYMOUS,
        lambda d: reverse("projects:invitation_signup", args=[d.invitation.token]),
    ),
    "methode": (ANONYMOUS, lambda d: reverse("about_method")),
    "methode-formes": (ANONYMOUS, lambda d: reverse("legal_forms")),
    "methode-cas": (ANONYMOUS, lambda d: reverse("inspiring_cases")),
    "projets": (COORD, lambda d: reverse("projects:list")),
    "projet-nouveau": (COORD, lambda d: reverse("projects:create")),
    "projet-accueil": (COORD, lambda d: d.project.get_absolute_url()),
    "projet-accueil-partenaire": (PARTNER, lambda d: d.project.get_absolute_url()),
    "projet-modifier": (COORD, lambda d: d.url("projects:edit")),
    "membres": (COORD, lambda d: d.url("projects:members")),
    "inviter": (COORD, lambda d: d.url("projects:invite")),
    "organisation": (COORD, lambda d: d.url("projects:organisation", d.organisation.pk)),
    "tableau-de-bord": (COORD, lambda d: d.url("steps:dashboard")),
    "etape-impulsion": (COORD, lambda d: d.url("steps:step", "impulsion")),
    "etape-reflexion": (COORD, lambda d: d.url("steps:step", "reflexion")),
    "etape-diagnostic": (COORD, lambda d: d.url("steps:step", "diagnostic")),
    "etape-modelisation": (COORD, lambda d: d.url("steps:step", "modelisation")),
    "etape-realisation": (COORD, lambda d: d.url("steps:step", "realisation")),
    "etape-evaluation": (COORD, lambda d: d.url("steps:step", "evaluation")),
    "etape-reflexion-partenaire": (PARTNER, lambda d: d.url("steps:step", "reflexion")),
    "reponses-impulsion-partenaire": (
        PARTNER,
        lambda d: d.url("steps:org_answers", "impulsion", d.organisation.pk),
    ),
    "portrait-partenaire": (
        PARTNER,
        lambda d: d.url("steps:org_answers", "reflexion", d.organisation.pk),
    ),
    "portrait-partenaire-fin": (
        PARTNER,
        lambda d: d.url("steps:org_answers", "reflexion", d.organisation.pk) + "?dimension=fin",
    ),
    "portrait-soumis": (
        SUBMITTED_PARTNER,
        lambda d: d.url("steps:org_answers", "reflexion", d.submitted_organisation.pk),
    ),
    "portrait-conseiller": (
        ADVISOR,
        lambda d: d.url("steps:org_answers", "reflexion", d.organisation.pk),
    ),
    "dimensions": (COORD, lambda d: d.url("steps:dimensions")),
    "synthese-impulsion": (COORD, lambda d: d.url("steps:impulsion_synthesis")),
    "grille": (COORD, lambda d: d.url("steps:grid")),
    "potentiel": (COORD, lambda d: d.url("steps:potential")),
    "paires": (COORD, lambda d: d.url("steps:pairs")),
    "occasions": (COORD, lambda d: d.url("steps:opportunities")),
    "ressources": (COORD, lambda d: d.url("steps:resources")),
    "ressource-nouvelle": (COORD, lambda d: d.url("steps:resource_create")),
    "ressource": (COORD, lambda d: d.url("steps:resource_detail", d.resource.pk)),
    "ressource-calcul": (COORD, lambda d: d.url("steps:resource_edit", d.resource.pk)),
    "engagements": (COORD, lambda d: d.url("steps:commitments", d.resource.pk)),
    "utilisations": (COORD, lambda d: d.url("steps:usage", d.resource.pk)),
    "etude-opportunite": (COORD, lambda d: d.url("steps:opportunity_study")),
    "etude-detail": (COORD, lambda d: d.url("steps:opportunity_study_detail")),
    "etude-sensibilite": (COORD, lambda d: d.url("steps:opportunity_study_sensitivity")),
    "etude-parametres": (COORD, lambda d: d.url("steps:opportunity_study_edit")),
    "etude-partenaire": (PARTNER, lambda d: d.url("steps:opportunity_study")),
    "etude-seul": (
        PARTNER,
        lambda d: d.url("steps:opportunity_study_alone", d.organisation.pk),
    ),
    "fonctionnement": (COORD, lambda d: d.url("steps:operating_model")),
    "fonctionnement-modifier": (COORD, lambda d: d.url("steps:operating_model_edit")),
    "consentement": (COORD, lambda d: d.url("steps:consent_round", d.consent_round.pk)),
    "consentement-partenaire": (
        PARTNER,
        lambda d: d.url("steps:consent_round", d.consent_round.pk),
    ),
    "risques": (COORD, lambda d: d.url("steps:risks")),
    "risque-modifier": (COORD, lambda d: d.url("steps:risk_edit", d.risk.pk)),
    "entente": (COORD, lambda d: d.url("steps:agreement")),
    "communication": (COORD, lambda d: d.url("steps:communication")),
    "plan-strategique": (COORD, lambda d: d.url("steps:strategic_plan")),
    "plan-action": (COORD, lambda d: d.url("steps:actions")),
    "plan-action-partenaire": (PARTNER, lambda d: d.url("steps:actions")),
    "plan-action-calendrier": (COORD, lambda d: d.url("steps:action_timeline")),
    "action-modifier": (COORD, lambda d: d.url("steps:action_edit", d.action.pk)),
    "modele-logique": (COORD, lambda d: d.url("steps:logic_model")),
    "indicateurs": (COORD, lambda d: d.url("steps:indicators")),
    "indicateur-modifier": (COORD, lambda d: d.url("steps:indicator_edit", d.indicator.pk)),
    "bilans": (COORD, lambda d: d.url("steps:evaluation_rounds")),
    "bilan-nouveau": (COORD, lambda d: d.url("steps:evaluation_round_create")),
    "bilan-modifier": (
        COORD,
        lambda d: d.url("steps:evaluation_round_edit", d.evaluation_round.pk),
    ),
    "sauvegarde": (COORD, lambda d: d.url("steps:project_transfer")),
    "restaurer": (COORD, lambda d: reverse("restore:upload")),
    "inscription": (ANONYMOUS, lambda d: reverse("signup")),
    "inscription-envoyee": (ANONYMOUS, lambda d: reverse("signup_sent")),
    "inscription-confirmer": (ANONYMOUS, lambda d: signup_confirm_link()),
    "echeances": (COORD, lambda d: d.url("steps:deadlines")),
    "agenda": (PARTNER, lambda d: d.url("steps:calendar")),
    "relancer": (COORD, lambda d: d.url("steps:relaunch")),
    "notifications": (PARTNER, lambda d: reverse("notifications:list")),
    "mes-notifications": (COORD, lambda d: reverse("notifications:preferences")),
    "desabonnement": (
        ANONYMOUS,
        lambda d: reverse(
            "notifications:unsubscribe",
            args=[unsubscribe_token(User.objects.get(email=PARTNER), d.project)],
        ),
    ),
}
