"""The events that notify (steps/followup/events.py): each tells the right people, never
the person who acted, once per event, and mails at once those who chose so."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Delivery, Notification, NotificationPreference
from projects import services as project_services
from projects.models import Role
from steps.diagnostic import selectors as diagnostic_selectors
from steps.models import Action, ConsentRound, EvaluationRound
from steps.questionnaire import services as questionnaire_services
from tests.factories import (
    MISSION,
    ActionFactory,
    ConsentResponseFactory,
    DiagnosticVerdictFactory,
    InvitationFactory,
    MembershipFactory,
    OperatingModelFactory,
    OrganisationFactory,
    UserFactory,
    portrait,
    submitted_organisation,
)


def _url(world, name, *args):
    return reverse(f"steps:{name}", args=[world.project.slug, *args])


def _told(kind, project=None):
    """{user: key} of the notifications of one kind."""
    rows = Notification.objects.filter(kind=kind)
    if project is not None:
        rows = rows.filter(project=project)
    return {row.user: row.key for row in rows}


def _immediate(user, project):
    NotificationPreference.objects.create(user=user, project=project, delivery=Delivery.IMMEDIATE)


# Invitation accepted ------------------------------------------------------------------


def test_invitation_accepted_tells_the_coordinators_not_the_newcomer(world):
    second = UserFactory(email="second@exemple.org")
    MembershipFactory(user=second, project=world.project, role=Role.COORDINATOR)
    _immediate(world.coordinator, world.project)
    invitation = InvitationFactory(
        project=world.project,
        role=Role.PARTNER,
        organisation=world.org_a,
        email="nouvelle@exemple.org",
        sent_by=world.coordinator,
    )
    newcomer = UserFactory(email="nouvelle@exemple.org", full_name="Nadia Nouvelle")
    mail.outbox.clear()
    membership = project_services.invitation_accept(invitation=invitation, user=newcomer)

    told = _told(Kind.INVITATION_ACCEPTED)
    assert set(told) == {world.coordinator, second}
    assert set(told.values()) == {f"invitation-accepted:{membership.pk}"}
    # The coordinator who chose « un courriel à chaque fois » is mailed; the other waits
    # for the digest; the newcomer, a partner, the advisor: nothing.
    assert [message.to for message in mail.outbox] == [["claire@exemple.org"]]
    assert "Nadia Nouvelle a rejoint le projet" in mail.outbox[0].subject
    assert "Camion partagé" in mail.outbox[0].subject


def test_coordinator_accepting_is_not_told_of_their_own_arrival(world):
    invitation = InvitationFactory(
        project=world.project, role=Role.COORDINATOR, organisation=None, email="co@exemple.org"
    )
    newcomer = UserFactory(email="co@exemple.org")
    project_services.invitation_accept(invitation=invitation, user=newcomer)
    assert set(_told(Kind.INVITATION_ACCEPTED)) == {world.coordinator}


# Portrait submitted, reopened, verdicts to review -------------------------------------


@pytest.mark.usefixtures("small_catalogue")
def test_submission_tells_coordinators_and_a_second_submission_tells_again(world):
    questionnaire_services.save_answer(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.besoin",
        raw_value="Un camion",
        base_version=0,
        user=world.partner_a,
    )
    _immediate(world.coordinator, world.project)
    mail.outbox.clear()

    def submit():
        return questionnaire_services.submit_step(
            project=world.project, organisation=world.org_a, step="impulsion", user=world.partner_a
        )

    assert submit() == []
    told = _told(Kind.PORTRAIT_SUBMITTED)
    assert set(told) == {world.coordinator}
    assert told[world.coordinator].startswith(
        f"portrait-submitted:{world.project.pk}:impulsion:{world.org_a.pk}:"
    )
    notification = Notification.objects.get(kind=Kind.PORTRAIT_SUBMITTED)
    assert notification.url == _url(world, "org_answers", "impulsion", world.org_a.pk)
    assert len(mail.outbox) == 1
    assert "a soumis son questionnaire «\u00a0Impulsion\u00a0»" in mail.outbox[0].subject

    # Reopened: partner A is told (not the coordinator who reopened it, nor partner B).
    assert questionnaire_services.reopen_step(
        project=world.project, organisation=world.org_a, step="impulsion", user=world.coordinator
    )
    assert set(_told(Kind.PORTRAIT_REOPENED)) == {world.partner_a}

    # Submitted again: a new event, told again.
    assert submit() == []
    assert Notification.objects.filter(kind=Kind.PORTRAIT_SUBMITTED).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.usefixtures("small_catalogue")
def test_coordinator_submitting_for_an_organisation_is_not_told(world):
    questionnaire_services.save_answer(
        project=world.project,
        organisation=world.org_b,
        question_code="impulsion.besoin",
        raw_value="Des locaux",
        base_version=0,
        user=world.coordinator,
    )
    questionnaire_services.submit_step(
        project=world.project, organisation=world.org_b, step="impulsion", user=world.coordinator
    )
    assert not Notification.objects.filter(kind=Kind.PORTRAIT_SUBMITTED).exists()


@pytest.mark.usefixtures("small_catalogue", "test_dimensions")
def test_portrait_submission_tells_coordinators_of_verdicts_to_review(world):
    submitted_organisation(world.project, "Déjà soumise")
    DiagnosticVerdictFactory(project=world.project, item_code=MISSION, inputs_fingerprint="avant")
    portrait(world.project, world.org_a, MISSION, appreciation="force", description="Nourrir")
    questionnaire_services.submit_step(
        project=world.project, organisation=world.org_a, step="reflexion", user=world.partner_a
    )
    notification = Notification.objects.get(kind=Kind.VERDICTS_TO_REVIEW)
    assert notification.user == world.coordinator
    assert notification.params == {"count": 1}
    assert notification.key.startswith(f"verdicts:{world.project.pk}:")
    assert notification.url == (
        _url(world, "grid") + f"?dimension=toutes&verdict={diagnostic_selectors.TO_REVIEW_FILTER}"
    )
    # The same set of rows to review is told once.
    from steps.followup import events

    assert events.verdicts_to_review(project=world.project) == 0


@pytest.mark.usefixtures("small_catalogue", "test_dimensions")
def test_no_verdict_confirmed_nothing_to_review(world):
    portrait(world.project, world.org_a, MISSION, appreciation="force")
    questionnaire_services.submit_step(
        project=world.project, organisation=world.org_a, step="reflexion", user=world.partner_a
    )
    assert not Notification.objects.filter(kind=Kind.VERDICTS_TO_REVIEW).exists()


# Consent rounds -----------------------------------------------------------------------


def test_consent_round_opened_asks_every_partner(world, client_as):
    OperatingModelFactory(project=world.project)
    _immediate(world.partner_b, world.project)
    mail.outbox.clear()
    closes_on = timezone.localdate() + timedelta(days=10)
    response = client_as(world.coordinator).post(
        _url(world, "consent_open"), {"note": "", "closes_on": closes_on.isoformat()}
    )
    assert response.status_code == 302
    consent_round = ConsentRound.objects.get(project=world.project)
    assert consent_round.closes_on == closes_on
    told = _told(Kind.CONSENT_OPENED)
    assert set(told) == {world.partner_a, world.partner_b}
    assert set(told.values()) == {f"consent-opened:{consent_round.pk}"}
    assert [message.to for message in mail.outbox] == [["bea@exemple.org"]]
    assert "ronde de consentement" in mail.outbox[0].subject.lower()


def test_consent_round_opening_refuses_a_past_date_in_french(world, client_as):
    OperatingModelFactory(project=world.project)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_as(world.coordinator).post(
        _url(world, "consent_open"), {"note": "Ma note", "closes_on": yesterday.isoformat()}
    )
    assert response.status_code == 400
    content = response.content.decode().replace("\xa0", " ")
    assert "Cette date est passée : choisissez" in content
    assert "Ma note" in content  # the input is kept
    assert not ConsentRound.objects.exists()
    assert not Notification.objects.exists()


def test_consent_round_closed_tells_every_member_its_outcome(world, client_as):
    OperatingModelFactory(project=world.project)
    consent_round = ConsentRound.objects.create(project=world.project, proposal="Modèle")
    ConsentResponseFactory(consent_round=consent_round, organisation=world.org_a)
    response = client_as(world.coordinator).post(_url(world, "consent_close", consent_round.pk))
    assert response.status_code == 302
    told = _told(Kind.CONSENT_CLOSED)
    assert set(told) == {world.partner_a, world.partner_b, world.advisor}
    assert set(told.values()) == {f"consent-closed:{consent_round.pk}"}
    notification = Notification.objects.filter(kind=Kind.CONSENT_CLOSED).first()
    assert notification.params == {"outcome": "adopted"}


# Actions ------------------------------------------------------------------------------


def _action_data(**overrides):
    return {
        "title": "Acheter le camion",
        "description": "",
        "axis": "",
        "organisation": "",
        "responsible_person": "",
        "start_date": "",
        "due_date": "",
        "target": "",
        "status": Action.Status.TODO,
        "progress": "0",
    } | overrides


def test_action_created_for_an_organisation_tells_its_partners(world, client_as):
    response = client_as(world.coordinator).post(
        _url(world, "action_create"), _action_data(organisation=world.org_a.pk)
    )
    assert response.status_code == 302
    action = Action.objects.get()
    told = _told(Kind.ACTION_ASSIGNED)
    assert told == {world.partner_a: f"action-assigned:{action.pk}:{world.org_a.pk}"}
    notification = Notification.objects.get(kind=Kind.ACTION_ASSIGNED)
    assert notification.url == _url(world, "actions") + f"#action-{action.pk}"


def test_action_given_to_another_organisation_tells_that_one_only(world, client_as):
    action = ActionFactory(project=world.project, organisation=world.org_a)
    client = client_as(world.coordinator)
    data = _action_data(title=action.title, organisation=world.org_a.pk)
    client.post(_url(world, "action_edit", action.pk), data)
    assert not Notification.objects.exists()  # unchanged: nobody is told
    client.post(_url(world, "action_edit", action.pk), data | {"organisation": world.org_b.pk})
    assert _told(Kind.ACTION_ASSIGNED) == {
        world.partner_b: f"action-assigned:{action.pk}:{world.org_b.pk}"
    }


def test_action_without_organisation_tells_nobody(world, client_as):
    client_as(world.coordinator).post(_url(world, "action_create"), _action_data())
    assert not Notification.objects.exists()


# Evaluation rounds --------------------------------------------------------------------


def _round_data(day):
    return {
        "date": day.isoformat(),
        "title": "Bilan de mi-parcours",
        "worked_well": "",
        "effects_observed": "",
        "unexpected_effects": "",
        "worked_less_well": "",
        "ameliorations-TOTAL_FORMS": "0",
        "ameliorations-INITIAL_FORMS": "0",
    }


def test_evaluation_round_to_come_tells_every_member_but_its_author(world, client_as):
    day = timezone.localdate() + timedelta(days=30)
    response = client_as(world.coordinator).post(
        _url(world, "evaluation_round_create"), _round_data(day)
    )
    assert response.status_code == 302
    evaluation_round = EvaluationRound.objects.get()
    told = _told(Kind.EVALUATION_SCHEDULED)
    assert set(told) == {world.partner_a, world.partner_b, world.advisor}
    assert set(told.values()) == {f"evaluation:{evaluation_round.pk}"}
    notification = Notification.objects.filter(kind=Kind.EVALUATION_SCHEDULED).first()
    assert notification.params["date"] == day.isoformat()


def test_evaluation_round_in_the_past_tells_nobody(world, client_as):
    day = timezone.localdate() - timedelta(days=3)
    client_as(world.coordinator).post(_url(world, "evaluation_round_create"), _round_data(day))
    assert EvaluationRound.objects.exists()
    assert not Notification.objects.exists()


# Indicator form -----------------------------------------------------------------------


def _indicator_data(**overrides):
    return {
        "name": "Denrées récupérées",
        "unit": "kg",
        "baseline": "",
        "target": "",
        "data_source": "",
        "effect": "",
        "action": "",
        "owner_organisation": "",
        "measure_every_months": "",
    } | overrides


def test_indicator_form_takes_the_organisation_that_measures_and_its_frequency(world, client_as):
    from steps.models import Indicator

    response = client_as(world.coordinator).post(
        _url(world, "indicator_create"),
        _indicator_data(owner_organisation=world.org_a.pk, measure_every_months="3"),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.owner_organisation, indicator.measure_every_months) == (world.org_a, 3)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"measure_every_months": "1"}, "owner_organisation", "Choisissez l'organisation"),
        ({"owner_organisation": "stranger"}, "owner_organisation", "ne participe pas au projet"),
        ({"measure_every_months": "5"}, "measure_every_months", "Choisissez une fréquence"),
    ],
)
def test_indicator_form_refuses_bad_owner_or_frequency_in_french(
    world, client_as, overrides, field, message
):
    if overrides.get("owner_organisation") == "stranger":
        overrides = {"owner_organisation": OrganisationFactory().pk}
    response = client_as(world.coordinator).post(
        _url(world, "indicator_create"), _indicator_data(**overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Denrées récupérées" in response.content.decode()
