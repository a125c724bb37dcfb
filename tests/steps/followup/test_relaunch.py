"""« Relancer » (steps:relaunch): the late organisations, the recipients, the preview,
the sending once a day, the French errors; « Réessayer » (steps:mails_retry)."""

import html
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Delivery, Notification, NotificationPreference, OutgoingMail
from projects.models import Role
from projects.submissions import FIELD
from steps.models import StepDeadline, StepStatus
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.usefixtures("small_catalogue")


def _url(world, query=""):
    return reverse("steps:relaunch", args=[world.project.slug]) + query


def _late_reflexion(world, days=3):
    """The réflexion was due `days` ago; organisation B has submitted, A has not."""
    StepDeadline.objects.create(
        project=world.project,
        step="reflexion",
        due_date=timezone.localdate() - timedelta(days=days),
    )
    StepStatus.objects.create(
        project=world.project, organisation=world.org_b, step="reflexion", status="submitted"
    )


def _data(organisation="", form_id="envoi-1", **overrides):
    data = {
        "organisation": organisation,
        "subject": "Votre portrait est attendu",
        "message": "Bonjour Paul, il manque votre portrait pour la rencontre de jeudi.",
        "send": "1",
        FIELD: form_id,
    }
    return data | overrides


def _text(response):
    """The page as read: entities decoded, non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def test_page_lists_the_late_organisations_and_their_partners(world, client_as):
    _late_reflexion(world)
    response = client_as(world.coordinator).get(_url(world))
    assert response.status_code == 200
    content = _text(response)
    assert "Relancer les organisations en retard" in content
    assert world.org_a.name in content and "paul@exemple.org" in content
    assert world.org_b.name not in content and "bea@exemple.org" not in content
    assert "Réflexion : attendu le" in content and "en retard de 3 jours" in content
    assert 'value="Votre questionnaire est attendu"' in content  # the subject preset
    assert "Prévisualiser" in content and "Envoyer" in content


def test_page_for_one_organisation_even_if_not_late(world, client_as):
    response = client_as(world.coordinator).get(_url(world, f"?organisation={world.org_b.pk}"))
    content = _text(response)
    assert f"Relancer {world.org_b.name}" in content
    assert "bea@exemple.org" in content and "paul@exemple.org" not in content


def test_page_for_an_organisation_of_another_project_is_404(world, client_as):
    stranger = OrganisationFactory()
    response = client_as(world.coordinator).get(_url(world, f"?organisation={stranger.pk}"))
    assert response.status_code == 404


def test_nobody_late_says_so(world, client_as):
    content = _text(client_as(world.coordinator).get(_url(world)))
    assert "Aucune organisation n’est en retard sur son questionnaire" in content
    assert "Envoyer" not in content


def test_preview_shows_the_mail_without_sending_it(world, client_as):
    _late_reflexion(world)
    response = client_as(world.coordinator).post(
        _url(world), _data(send="", preview="1", message="Un mot <b>personnel</b>")
    )
    assert response.status_code == 200
    content = _text(response)
    assert "Aperçu du courriel" in content
    assert "Rappel de la coordination : Votre portrait est attendu" in content
    assert "Un mot &lt;b&gt;personnel&lt;/b&gt;" in response.content.decode()  # escaped
    assert "/etapes/reflexion/organisations/" in content  # the link of the mail
    assert "désabonnement/" not in content and "(son lien personnel de désabonnement)" in content
    assert not Notification.objects.exists()
    assert not mail.outbox


def test_send_mails_the_partners_at_once_whatever_their_digest_choice(world, client_as):
    _late_reflexion(world)
    second = UserFactory(email="pierre@exemple.org")
    MembershipFactory(
        user=second, project=world.project, role=Role.PARTNER, organisation=world.org_a
    )
    silent = UserFactory(email="sam@exemple.org")
    MembershipFactory(
        user=silent, project=world.project, role=Role.PARTNER, organisation=world.org_a
    )
    NotificationPreference.objects.create(
        user=silent, project=world.project, delivery=Delivery.NONE
    )
    mail.outbox.clear()
    response = client_as(world.coordinator).post(_url(world), _data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("steps:dashboard", args=[world.project.slug])
    assert "Relance envoyée à 3 personnes" in _text(response)
    key = f"relaunch:{world.project.pk}:{world.org_a.pk}:{timezone.localdate().isoformat()}"
    notifications = Notification.objects.filter(kind=Kind.RELAUNCH)
    assert {n.user for n in notifications} == {world.partner_a, second, silent}
    assert {n.key for n in notifications} == {key}
    # Mailed now, though Paul and Pierre kept the daily digest; Sam chose no e-mail.
    assert sorted(m.to[0] for m in mail.outbox) == ["paul@exemple.org", "pierre@exemple.org"]
    message = mail.outbox[0]
    assert "Rappel de la coordination\u00a0: Votre portrait est attendu" in message.subject
    assert "il manque votre portrait pour la rencontre de jeudi" in message.body
    assert f"/etapes/reflexion/organisations/{world.org_a.pk}/" in message.body


def test_an_organisation_is_relaunched_once_a_day(world, client_as):
    _late_reflexion(world)
    client = client_as(world.coordinator)
    client.post(_url(world), _data(form_id="premier"))
    mail.outbox.clear()
    page = _text(client.get(_url(world)))
    assert "déjà relancée aujourd’hui" in page
    response = client.post(_url(world), _data(form_id="second"), follow=True)
    assert "Déjà relancée aujourd'hui, donc pas de nouveau courriel" in _text(response)
    assert world.org_a.name in _text(response)
    assert not mail.outbox
    assert Notification.objects.filter(kind=Kind.RELAUNCH).count() == 1


def test_a_double_click_sends_once(world, client_as):
    _late_reflexion(world)
    client = client_as(world.coordinator)
    mail.outbox.clear()
    client.post(_url(world), _data(form_id="meme-jeton"))
    response = client.post(_url(world), _data(form_id="meme-jeton"), follow=True)
    assert "Ce formulaire avait déjà été envoyé" in _text(response)
    assert len(mail.outbox) == 1


def test_relaunch_without_subject_is_refused_in_french_and_keeps_the_message(world, client_as):
    _late_reflexion(world)
    response = client_as(world.coordinator).post(_url(world), _data(subject="  "))
    assert response.status_code == 400
    content = _text(response)
    assert "Donnez un objet au courriel." in content
    assert "il manque votre portrait pour la rencontre de jeudi" in content
    assert not Notification.objects.exists()


def test_too_long_message_is_refused_in_french(world, client_as):
    _late_reflexion(world)
    response = client_as(world.coordinator).post(_url(world), _data(message="x" * 4001))
    assert response.status_code == 400
    assert "Le message compte au plus 4\u202f000 caractères." in _text(response)


@pytest.mark.parametrize("persona", ["partner_a", "advisor"])
def test_only_the_coordination_may_relaunch(world, client_as, persona):
    _late_reflexion(world)
    client = client_as(world.user(persona))
    assert client.get(_url(world)).status_code == 403
    assert client.post(_url(world), _data()).status_code == 403
    assert not Notification.objects.exists()


@pytest.mark.parametrize("late", [2, 12])
def test_page_query_count_does_not_grow_with_late_organisations(
    world, client_as, django_assert_num_queries, late
):
    _late_reflexion(world)
    for _ in range(late - 1):
        organisation = OrganisationFactory()
        world.project.organisations.add(organisation)
        MembershipFactory(project=world.project, role=Role.PARTNER, organisation=organisation)
    client = client_as(world.coordinator)
    # Session, user, membership; organisations, deadlines, statuses, answers, dimensions,
    # extra items, members, relaunched today, failed mails; the bell's unread count.
    with django_assert_num_queries(13):
        response = client.get(_url(world))
    assert _text(response).count("<strong>") >= late


def test_dashboard_offers_to_relaunch_the_late_organisations(world, client_as):
    url = reverse("steps:dashboard", args=[world.project.slug])
    assert f'href="{_url(world)}"' in _text(client_as(world.coordinator).get(url))
    assert f'href="{_url(world)}"' not in _text(client_as(world.advisor).get(url))


# « Réessayer » ------------------------------------------------------------------------


def _failed_mail(world, key="notification:1:x"):
    return OutgoingMail.objects.create(
        key=key,
        project=world.project,
        to="paul@exemple.org",
        subject="Camion partagé · Un avis",
        body_text="Bonjour",
        status=OutgoingMail.Status.FAILED,
        attempts=6,
        next_attempt_at=timezone.now(),
        last_error="SMTPServerDisconnected: parti",
    )


def test_failed_mails_are_shown_on_the_relaunch_page(world, client_as):
    _failed_mail(world)
    content = _text(client_as(world.coordinator).get(_url(world)))
    assert "1 courriel du projet n’a pas pu partir malgré plusieurs essais." in content
    assert reverse("steps:mails_retry", args=[world.project.slug]) in content


def test_retry_failed_mails_sends_them_again(world, client_as):
    failed = _failed_mail(world)
    _failed_mail(world, key="notification:1:y")
    mail.outbox.clear()
    response = client_as(world.coordinator).post(
        reverse("steps:mails_retry", args=[world.project.slug]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("steps:dashboard", args=[world.project.slug])
    assert "2 courriels en échec sont remis en file" in _text(response)
    failed.refresh_from_db()
    assert failed.status == OutgoingMail.Status.SENT
    assert len(mail.outbox) == 2


def test_retry_without_failed_mails_says_so(world, client_as):
    response = client_as(world.coordinator).post(
        reverse("steps:mails_retry", args=[world.project.slug]), follow=True
    )
    assert "Aucun courriel en échec : rien à renvoyer." in _text(response)
