"""The notification e-mails: their words in the recipient's language, their links, and how
they leave (at once, in the daily digest, never), retried when the mail server fails."""

import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from notifications import delivery
from notifications.digest import send_digests
from notifications.kinds import Kind
from notifications.models import Delivery, Notification, NotificationPreference, OutgoingMail
from notifications.services import notify, read_unsubscribe_token, render_mail
from tests.notifications.builders import LATE_PORTRAIT

MONTREAL = ZoneInfo("America/Montreal")
NBSP = "\u00a0"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _late(world, user=None, key="late:reflexion:org-a"):
    """Tell partner A (or `user`) that the réflexion questionnaire is late."""
    return notify(
        project=world.project,
        users=[user or world.partner_a],
        kind=Kind.DEADLINE_PASSED,
        key=key,
        url=f"/projets/{world.project.slug}/etapes/reflexion/",
        params=LATE_PORTRAIT,
    )


def _immediate(user, project):
    NotificationPreference.objects.create(user=user, project=project, delivery=Delivery.IMMEDIATE)


def _at(hour, day=0):
    """A time of a day of last week, in Montréal: the mails queued then are due now."""
    date = timezone.localdate() - timedelta(days=7 - day)
    return datetime(date.year, date.month, date.day, hour, 5, tzinfo=MONTREAL)


# --- Words and links ---------------------------------------------------------------------


def test_mail_in_french_names_the_project_and_links_the_page(world):
    """Subject: the project first, then the event; each item links its page; the mail says
    why it came, links « Mes notifications » and the one-click unsubscribe."""
    subject, text, html, headers = render_mail(
        user=world.partner_a,
        project=world.project,
        items=[(Kind.DEADLINE_PASSED, LATE_PORTRAIT, "/projets/camion/etapes/reflexion/")],
    )
    # (The title's own spaces are those of notifications/kinds.py.)
    assert subject.replace(NBSP, " ") == (
        "[Camion partagé] Le questionnaire « Réflexion » était attendu le 2 novembre 2026"
    )
    page = "http://127.0.0.1:8000/projets/camion/etapes/reflexion/"
    for body in (text, html):
        assert page in body
        assert "http://127.0.0.1:8000/notifications/preferences/" in body
        assert "http://127.0.0.1:8000/notifications/desabonnement/" in body
        assert "14" in body and "Bonjour," in body
    assert "parce que vous participez au projet" in text
    assert f"Du nouveau dans le projet «{NBSP}Camion partagé{NBSP}»" in text
    assert f'<a href="{page}">' in html
    assert '<html lang="fr-ca">' in html
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in text
    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token) == {"u": world.partner_a.pk, "p": world.project.pk}


def test_mail_in_english_for_an_english_reader(world, compiled_catalogues):
    """User.language decides: English words, English dates and numbers, lang="en"."""
    world.partner_a.language = "en"
    world.partner_a.save()
    subject, text, html, _headers = render_mail(
        user=world.partner_a,
        project=world.project,
        items=[(Kind.DEADLINE_PASSED, LATE_PORTRAIT, "/projets/camion/")],
    )
    assert subject.startswith("[Camion partagé] ")
    assert "November 2, 2026" in subject
    assert "14%" in text
    for body in (text, html):
        assert "Hello," in body
        assert "The Mutualisation team" in body
        assert "Bonjour," not in body
        assert "http://127.0.0.1:8000/projets/camion/" in body
    assert '<html lang="en">' in html


def test_mail_escapes_html_but_not_text(world):
    """Names typed by people are escaped in the HTML part, left as they are in the text."""
    world.project.name = "Camion & <b>frigo</b>"
    params = {"organisation": "<script>x</script>", "step": "reflexion"}
    subject, text, html, _headers = render_mail(
        user=world.coordinator,
        project=world.project,
        items=[(Kind.PORTRAIT_SUBMITTED, params, "/projets/camion/")],
    )
    assert subject.startswith("[Camion & <b>frigo</b>] <script>x</script> a soumis")
    assert "<script>" not in html and "<b>frigo</b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Camion &amp; &lt;b&gt;frigo&lt;/b&gt;" in html
    assert "<script>x</script>" in text


def test_relaunch_message_keeps_its_lines_escaped(world):
    """The coordinator's personal message: its line breaks kept, its markup escaped."""
    params = {"subject": "Portrait", "message": "Bonjour Paul,\n<i>Merci</i> !"}
    _subject, text, html, _headers = render_mail(
        user=world.partner_a,
        project=world.project,
        items=[(Kind.RELAUNCH, params, "/projets/camion/")],
    )
    assert "Bonjour Paul,<br>&lt;i&gt;Merci&lt;/i&gt; !" in html
    assert "Bonjour Paul,\n<i>Merci</i> !" in text


@pytest.mark.parametrize(("count", "words"), [(1, "1 nouvelle"), (3, "3 nouvelles")])
def test_digest_subject_counts_the_news(world, compiled_catalogues, count, words):
    """A digest: « [Projet] Résumé du jour : N nouvelles », every item listed and linked."""
    items = [
        (Kind.ACTION_OVERDUE, {"action": f"Action {n}", "due_date": "2026-11-30"}, f"/a/{n}/")
        for n in range(count)
    ]
    subject, text, html, _headers = render_mail(
        user=world.partner_a, project=world.project, items=items, digest=True
    )
    assert subject == f"[Camion partagé] Résumé du jour{NBSP}: {words}"
    for n in range(count):
        assert f"Action {n}" in text
        assert f'href="http://127.0.0.1:8000/a/{n}/"' in html
    assert "résumé par jour" in text


# --- Immediately, in the digest, or not at all --------------------------------------------


def test_immediate_delivery_mails_at_once_with_list_unsubscribe(world):
    """« Un courriel à chaque fois »: the mail leaves at once (the test's task runs now)."""
    _immediate(world.partner_a, world.project)
    assert _late(world) == 1
    (email,) = mail.outbox
    assert email.to == [world.partner_a.email]
    assert email.subject.startswith("[Camion partagé] Le questionnaire")
    assert email.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.alternatives[0][1] == "text/html"
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT
    assert Notification.objects.get().mail == Notification.Mail.SENT


def test_same_event_twice_reaches_nobody_twice(world):
    """The sent-log: the same key for the same person is recorded and mailed once."""
    _immediate(world.partner_a, world.project)
    assert _late(world) == 1
    assert _late(world) == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_digest_waits_for_the_hour_then_sends_one_mail_a_day(world):
    """The default: nothing at once; from DIGEST_HOUR one mail with everything; a second
    run the same day sends nothing; what comes later waits for the next day."""
    _late(world)
    notify(
        project=world.project,
        users=[world.partner_a],
        kind=Kind.ACTION_OVERDUE,
        key="action-overdue:1",
        url="/projets/camion/actions/1/",
        params={"action": "Acheter le camion", "due_date": "2026-11-30"},
    )
    assert mail.outbox == []
    assert send_digests(now=_at(6)) == 0
    assert mail.outbox == []

    assert send_digests(now=_at(7)) == 1
    (email,) = mail.outbox
    assert email.subject == f"[Camion partagé] Résumé du jour{NBSP}: 2 nouvelles"
    assert "Acheter le camion" in email.body and "Réflexion" in email.body
    assert not Notification.objects.filter(mail=Notification.Mail.DIGEST).exists()

    assert send_digests(now=_at(18)) == 0
    _late(world, key="late:reflexion:org-a:again")
    assert send_digests(now=_at(19)) == 0
    assert len(mail.outbox) == 1
    assert send_digests(now=_at(7, day=1)) == 1
    assert len(mail.outbox) == 2


def test_no_mail_keeps_the_notification_in_the_app_only(world):
    """« Aucun courriel »: the bell shows it, no mail today or in any digest."""
    NotificationPreference.objects.create(
        user=world.partner_a, project=world.project, delivery=Delivery.NONE
    )
    assert _late(world) == 1
    assert send_digests(now=_at(8)) == 0
    assert mail.outbox == []
    assert Notification.objects.get().mail == Notification.Mail.NONE


def test_muted_kind_reaches_nobody(world):
    """A kind turned off on « Mes notifications »: neither in the app nor by e-mail."""
    NotificationPreference.objects.create(
        user=world.partner_a,
        project=world.project,
        delivery=Delivery.IMMEDIATE,
        muted_kinds=[Kind.DEADLINE_PASSED],
    )
    assert _late(world) == 0
    assert send_digests(now=_at(8)) == 0
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_failed_mail_is_retried_with_backoff_then_marked_failed(world, settings):
    """The mail server refuses: each attempt waits longer (1, 5, 30, 120, 480 min); past
    the last one the mail is « failed », kept for the coordinator to send again."""
    settings.EMAIL_BACKEND = "tests.notifications.test_mails.FailingBackend"
    _immediate(world.partner_a, world.project)
    before = timezone.now()
    _late(world)
    outgoing = OutgoingMail.objects.get()
    assert outgoing.status == OutgoingMail.Status.PENDING
    assert outgoing.attempts == 1
    assert "SMTPServerDisconnected" in outgoing.last_error
    assert outgoing.next_attempt_at >= before + timedelta(minutes=1)
    # Not yet due: a sweep or a second worker leaves it alone.
    assert delivery.deliver(outgoing.pk, now=outgoing.next_attempt_at - timedelta(1)) == (
        "skipped"
    )
    for attempts, wait in enumerate(delivery.BACKOFF_MINUTES[1:], start=2):
        due = outgoing.next_attempt_at
        assert delivery.deliver(outgoing.pk, now=due) == "retry"
        outgoing.refresh_from_db()
        assert outgoing.attempts == attempts
        assert outgoing.next_attempt_at == due + timedelta(minutes=wait)
    assert delivery.deliver(outgoing.pk, now=outgoing.next_attempt_at) == "failed"
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingMail.Status.FAILED
    assert outgoing.attempts == len(delivery.BACKOFF_MINUTES) + 1
    assert delivery.failed_count(world.project) == 1
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.retry_failed(project=world.project) == 1
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT
