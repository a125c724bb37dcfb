"""Invitations in bulk and « Relancer » (issue 21, item 4): the list is read and checked
line by line, the valid lines are invited in one job, and the coordinator reminds those
who have not answered."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from notifications.models import OutgoingMail
from projects import bulk
from projects.models import Invitation, Organisation, Role
from tests.factories import InvitationFactory, MembershipFactory
from tests.workers import run_worker_in_process

NBSP = "\u00a0"
ORGS = {bulk.normalise("Banque alimentaire du Suroît"): 1, bulk.normalise("Cuisine"): 2}


def _parse(text, **kwargs):
    kwargs.setdefault("organisations", ORGS)
    return bulk.parse(text, **kwargs)


def _url(world, name, *args):
    return reverse(f"projects:{name}", args=[world.project.slug, *args])


# The parser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("julie@exemple", f"Adresse courriel invalide{NBSP}: «{NBSP}julie@exemple{NBSP}»."),
        (";Cuisine;partenaire", "Adresse courriel manquante."),
        ("julie@exemple.org;Cuisine;cheffe", f"Rôle inconnu{NBSP}: «{NBSP}cheffe{NBSP}»."),
        ("julie@exemple.org;;partenaire", "Organisation manquante"),
        ("julie@exemple.org", "Organisation manquante"),
        ("paul@exemple.org;Cuisine;partenaire", "Cette personne est déjà membre du projet."),
        ("inv@exemple.org;Cuisine;partenaire", "Une invitation est déjà en attente"),
        ("julie@exemple.org;" + "x" * 201 + ";partenaire", "Nom d'organisation trop long"),
    ],
)
def test_parse_line_errors(line, error):
    """Each kind of bad line gets its own message, in French."""
    result = _parse(line, members={"paul@exemple.org"}, pending={"inv@exemple.org"})
    (parsed,) = result.lines
    assert not parsed.ok
    assert any(message.startswith(error) for message in parsed.errors), parsed.errors


def test_parse_duplicate_names_the_first_line():
    """The second line with the same address (any case) is the one in error."""
    result = _parse("a@exemple.org;Cuisine\n\nA@Exemple.org;Cuisine")
    first, second = result.lines
    assert first.ok
    assert second.number == 3
    assert second.errors == [
        f"Doublon dans la liste{NBSP}: cette adresse figure déjà à la ligne 1."
    ]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("partenaire", Role.PARTNER),
        ("Partner", Role.PARTNER),
        ("Organisation partenaire", Role.PARTNER),
        ("coordonnateur", Role.COORDINATOR),
        ("Coordonnatrice", Role.COORDINATOR),
        ("coordonnateur·rice", Role.COORDINATOR),
        ("COORDINATION", Role.COORDINATOR),
        ("coordinator", Role.COORDINATOR),
        ("conseiller", Role.ADVISOR),
        ("Conseillère", Role.ADVISOR),
        ("conseiller·ère", Role.ADVISOR),
        ("conseillere", Role.ADVISOR),
        ("accompagnateur·rice", Role.ADVISOR),
        ("Accompagnatrice", Role.ADVISOR),
        ("advisor", Role.ADVISOR),
        ("cheffe", None),
        ("", None),
    ],
)
def test_parse_role_words(word, role):
    """Roles in French or English, any case, accents or inclusive ending."""
    assert bulk.parse_role(word) == role


@pytest.mark.parametrize(
    "text",
    [
        "julie@exemple.org;Cuisine;partenaire",
        "julie@exemple.org,Cuisine,partenaire",
        "julie@exemple.org\tCuisine\tpartenaire",
        " julie@exemple.org ; Cuisine ; partenaire ",
        '"julie@exemple.org","Cuisine","partenaire"',
        "courriel;organisation;rôle\njulie@exemple.org;Cuisine;partenaire",
        "Email,Organization,Role\njulie@exemple.org,Cuisine,partner",
        "Rôle;Courriel;Organisation\npartenaire;julie@exemple.org;Cuisine",
        "julie@exemple.org;CUISINE;",
    ],
)
def test_parse_separators_and_header(text):
    """« ; », « , » or a tab; a header line is skipped and may order the columns."""
    (line,) = _parse(text).lines
    assert (line.email, line.role, line.organisation_id) == ("julie@exemple.org", "partner", 2)
    assert line.ok and not line.new_organisation


def test_parse_organisations_match_without_case_or_accents():
    """« banque alimentaire du suroit » is the project's organisation; a new name is to
    be created, once for all its lines."""
    result = _parse(
        "a@exemple.org;banque  alimentaire du SUROIT;partenaire\n"
        "b@exemple.org;Centre d'action bénévole;partenaire\n"
        "c@exemple.org;centre d'action benevole;partenaire\n"
    )
    a, b, c = result.lines
    assert a.organisation_id == 1 and not a.new_organisation
    assert b.new_organisation and b.notes == ["Organisation à créer."]
    assert c.new_organisation
    assert result.new_organisations == ["Centre d'action bénévole"]


def test_parse_advisor_ignores_organisation():
    (line,) = _parse("a@exemple.org;Cuisine;conseillère").lines
    assert line.ok and line.role == Role.ADVISOR
    assert line.organisation_name == "" and line.organisation_id is None
    assert line.notes


def test_parse_too_many_lines():
    text = "\n".join(f"p{n}@exemple.org;Cuisine;partenaire" for n in range(4))
    assert _parse(text, max_lines=3).too_many
    assert not _parse(text, max_lines=4).too_many


@pytest.mark.parametrize(
    "data",
    [
        "courriel;organisation;rôle\nlea@exemple.org;Café Québec;partenaire".encode(),
        "\ufeffcourriel;organisation;rôle\nlea@exemple.org;Café Québec;partenaire".encode(),
        "courriel;organisation;rôle\nlea@exemple.org;Café Québec;partenaire".encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "cp1252"],
)
def test_decode_upload(data):
    """UTF-8 with or without BOM, or Excel's Windows-1252: the same lines."""
    text = bulk.decode_upload(data)
    (line,) = _parse(text).lines
    assert (line.email, line.organisation_name) == ("lea@exemple.org", "Café Québec")


# The pages ------------------------------------------------------------------------------


def _thirty_one_lines(world):
    """29 good lines (existing, new organisations, all roles) and two bad ones."""
    lines = ["courriel ; organisation ; rôle"]
    for n in range(27):
        organisation = world.org_a.name if n % 2 else f"Nouvel organisme {n % 3}"
        lines.append(f"personne{n}@exemple.org ; {organisation} ; partenaire")
    lines.insert(5, "pas-une-adresse ; Cuisine ; partenaire")
    lines.append("coord@exemple.org ; ; Coordonnatrice")
    lines.append("conseil@exemple.org ; ; conseiller·ère")
    lines.insert(20, "x@exemple.org ; Cuisine ; président")
    return "\n".join(lines)


def test_bulk_invite_thirty_one_lines(world, client_as):
    """Acceptance: 31 lines with two bad ones show the two errors, and send 29."""
    client = client_as(world.coordinator)
    text = _thirty_one_lines(world)
    assert len(bulk.split_lines(text)) == 32  # the header and 31 lines
    page = client.post(_url(world, "bulk_invite"), {"text": text, "message": ""})
    content = page.content.decode()
    assert page.status_code == 200
    assert "pas-une-adresse" in content and "Adresse courriel invalide" in content
    assert "Rôle inconnu" in content and "président" in content
    assert content.count("table-danger") == 2
    assert "Envoyer les 29 invitations valides" in content
    assert Invitation.objects.filter(project=world.project).count() == 0
    assert mail.outbox == []

    result = client.post(
        _url(world, "bulk_invite_send"), {"text": text, "message": "Bienvenue à bord!"}
    )
    content = result.content.decode()
    assert result.status_code == 200
    assert "29 invitations créées" in content
    assert "2 lignes non envoyées" in content
    invitations = Invitation.objects.filter(project=world.project)
    assert invitations.count() == 29
    assert invitations.filter(role=Role.COORDINATOR).count() == 1
    assert invitations.filter(role=Role.ADVISOR, organisation=None).count() == 1
    assert all(invitation.sent_at for invitation in invitations)
    # Three new organisations, created once each whatever their number of lines.
    assert Organisation.objects.filter(name__startswith="Nouvel organisme").count() == 3
    assert len(mail.outbox) == 29
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        invitations.values_list("email", flat=True)
    )


# The worker closes the database connection between jobs, as in production: these tests
# run outside the test's transaction (as tests/notifications/test_worker.py does).
@pytest.mark.django_db(transaction=True)
def test_bulk_invite_mails_go_through_the_job_queue(world, client_as, settings):
    """With the database queue, nothing is sent until the worker runs the job."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    text = "\n".join(f"p{n}@exemple.org;{world.org_b.name};partenaire" for n in range(3))
    client_as(world.coordinator).post(_url(world, "bulk_invite_send"), {"text": text})
    assert Invitation.objects.filter(project=world.project).count() == 3
    assert mail.outbox == []
    run_worker_in_process()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "p0@exemple.org",
        "p1@exemple.org",
        "p2@exemple.org",
    ]
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 3
    # Run again: nothing more is sent.
    run_worker_in_process()
    assert len(mail.outbox) == 3


def test_bulk_invite_personal_message_in_the_mail(world, client_as, settings):
    settings.SITE_URL = "https://mutualisation.exemple.org"
    message = "Bonjour à toutes et à tous,\n<b>on commence lundi</b>."
    client_as(world.coordinator).post(
        _url(world, "bulk_invite_send"),
        {"text": f"julie@exemple.org;{world.org_a.name};partenaire", "message": message},
    )
    invitation = Invitation.objects.get(email="julie@exemple.org")
    assert invitation.message == message.strip()
    (email,) = mail.outbox
    assert "Message personnel" in email.body and message in email.body
    html = email.alternatives[0][0]
    assert "on commence lundi" in html and "<b>" not in html  # escaped
    assert "https://mutualisation.exemple.org" + invitation.get_absolute_url() in email.body


def test_invite_mail_without_message_is_unchanged(world, client_as):
    """The one-person invitation carries no « Message personnel »."""
    client_as(world.coordinator).post(
        _url(world, "invite"), {"email": "julie@exemple.org", "role": Role.ADVISOR}
    )
    (email,) = mail.outbox
    assert "Message personnel" not in email.body


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        (
            "liste.csv",
            "\ufeffcourriel;organisation;rôle\nlea@exemple.org;Café;partenaire".encode(),
        ),
        (
            "liste.csv",
            "courriel;organisation;rôle\nlea@exemple.org;Café;partenaire".encode("cp1252"),
        ),
    ],
    ids=["utf-8 with BOM", "cp1252"],
)
def test_bulk_invite_csv_upload(world, client_as, filename, data):
    """The file's lines are checked and shown in the list, kept for the sending."""
    client = client_as(world.coordinator)
    upload = SimpleUploadedFile(filename, data, content_type="text/csv")
    page = client.post(_url(world, "bulk_invite"), {"text": "", "file": upload})
    content = page.content.decode()
    assert "lea@exemple.org" in content
    assert "Café" in content and "à créer" in content
    assert "Envoyer l'invitation valide" in content
    assert "\ufeff" not in page.context["form"]["text"].value()
    client.post(_url(world, "bulk_invite_send"), {"text": page.context["form"]["text"].value()})
    invitation = Invitation.objects.get(project=world.project)
    assert invitation.organisation.name == "Café"


def test_bulk_invite_requires_a_list(world, client_as):
    page = client_as(world.coordinator).post(_url(world, "bulk_invite"), {"text": " "})
    assert "Collez au moins une ligne" in page.content.decode()


def test_bulk_invite_too_many_lines(world, client_as):
    text = "\n".join(f"p{n}@exemple.org;Cuisine;partenaire" for n in range(bulk.MAX_LINES + 1))
    page = client_as(world.coordinator).post(_url(world, "bulk_invite"), {"text": text})
    assert f"La liste dépasse {bulk.MAX_LINES} lignes" in page.content.decode()
    assert page.context["result"] is None


def test_bulk_invite_over_the_limits_sends_nothing(world, client_as, settings):
    """A batch larger than the invitation limits is refused as a whole, clearly."""
    settings.INVITATIONS_PER_PROJECT_PER_DAY = 5
    InvitationFactory(project=world.project, organisation=world.org_a)
    client = client_as(world.coordinator)
    text = "\n".join(f"p{n}@exemple.org;{world.org_b.name};partenaire" for n in range(5))
    page = client.post(_url(world, "bulk_invite"), {"text": text})
    message = "Ce lot compte 5 invitations valides, mais les limites d'envoi n'en permettent"
    assert message in page.content.decode().replace("&#x27;", "'")
    assert "Envoyer les 5" not in page.content.decode()
    page = client.post(_url(world, "bulk_invite_send"), {"text": text})
    assert message in page.content.decode().replace("&#x27;", "'")
    assert Invitation.objects.filter(project=world.project).count() == 1
    assert mail.outbox == []


def test_bulk_invite_send_twice_creates_once(world, client_as):
    """A double click on « Envoyer » (same form token) creates nothing twice."""
    client = client_as(world.coordinator)
    data = {"text": f"julie@exemple.org;{world.org_a.name}", "envoi_unique": "jeton-1"}
    client.post(_url(world, "bulk_invite_send"), data)
    second = client.post(_url(world, "bulk_invite_send"), data)
    assert second.status_code == 302
    assert second.url == _url(world, "members")
    assert Invitation.objects.filter(email="julie@exemple.org").count() == 1
    assert len(mail.outbox) == 1


def test_bulk_invite_other_projects_organisations_are_not_reused(world, client_as):
    """A name matching an organisation of another project creates a new one here."""
    elsewhere = MembershipFactory(project=world.other_project, role=Role.PARTNER).organisation
    client_as(world.coordinator).post(
        _url(world, "bulk_invite_send"), {"text": f"julie@exemple.org;{elsewhere.name}"}
    )
    invitation = Invitation.objects.get(email="julie@exemple.org")
    assert invitation.organisation != elsewhere
    assert invitation.organisation.name == elsewhere.name


@pytest.mark.parametrize("count", [3, 60])
def test_bulk_invite_preview_query_count(world, client_as, django_assert_num_queries, count):
    """Checking the list costs the same queries for 3 lines or 60."""
    client = client_as(world.coordinator)
    text = "\n".join(
        f"p{n}@exemple.org;{world.org_a.name if n % 2 else f'Org {n}'};partenaire"
        for n in range(count)
    )
    with django_assert_num_queries(9):
        page = client.post(_url(world, "bulk_invite"), {"text": text})
    assert len(page.context["result"].valid) == count


def test_members_page_links_to_bulk_and_pending(world, client_as):
    InvitationFactory(project=world.project, organisation=world.org_a)
    content = client_as(world.coordinator).get(_url(world, "members")).content.decode()
    assert _url(world, "bulk_invite") in content
    assert _url(world, "invitations_pending") in content


# Pending invitations and « Relancer » --------------------------------------------------


def _invitation(world, days_ago, **kwargs):
    invitation = InvitationFactory(project=world.project, organisation=world.org_a, **kwargs)
    when = timezone.now() - timedelta(days=days_ago)
    Invitation.objects.filter(pk=invitation.pk).update(created_at=when, sent_at=when)
    invitation.refresh_from_db()
    return invitation


def test_pending_page_filters_by_days(world, client_as):
    old = _invitation(world, 10)
    recent = _invitation(world, 2)
    _invitation(world, 30, accepted_at=timezone.now())
    _invitation(world, 30, revoked_at=timezone.now())
    client = client_as(world.coordinator)
    page = client.get(_url(world, "invitations_pending"))  # 7 days by default
    assert [i.pk for i in page.context["invitations"]] == [old.pk]
    assert "Relancer l'invitation (1)" in page.content.decode()
    page = client.get(_url(world, "invitations_pending") + "?jours=0")
    assert [i.pk for i in page.context["invitations"]] == [old.pk, recent.pk]
    assert "Relancer toutes (2)" in page.content.decode()
    page = client.get(_url(world, "invitations_pending") + "?jours=abc")
    assert page.context["days"] == 7


@pytest.mark.parametrize("count", [3, 40])
def test_pending_page_query_count(world, client_as, django_assert_num_queries, count):
    for _ in range(count):
        _invitation(world, 8)
    client = client_as(world.coordinator)
    with django_assert_num_queries(5):
        page = client.get(_url(world, "invitations_pending"))
    assert len(page.context["invitations"]) == count


def test_remind_one_invitation(world, client_as):
    """« Relancer »: a new e-mail, the reminder counted; an expired link is replaced."""
    invitation = _invitation(world, 20)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=6)
    )
    old_token = invitation.token
    response = client_as(world.coordinator).post(
        _url(world, "invitations_remind"), {"invitation": [invitation.pk], "jours": "14"}
    )
    assert response.status_code == 302
    assert response.url == _url(world, "invitations_pending") + "?jours=14"
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert invitation.is_usable
    assert invitation.reminder_count == 1 and invitation.reminded_at
    (email,) = mail.outbox
    assert email.to == [invitation.email]
    assert invitation.get_absolute_url() in email.body
    assert old_token not in email.body


def test_remind_all_skips_what_cannot_be_reminded(world, client_as):
    """« Relancer toutes »: the pending ones go; one just sent, one accepted and another
    project's are left alone."""
    due = [_invitation(world, 9) for _ in range(4)]
    just_sent = _invitation(world, 9)
    Invitation.objects.filter(pk=just_sent.pk).update(sent_at=timezone.now())
    accepted = _invitation(world, 9, accepted_at=timezone.now())
    foreign = InvitationFactory(project=world.other_project)
    ids = [i.pk for i in [*due, just_sent, accepted, foreign]]
    client = client_as(world.coordinator)
    response = client.post(_url(world, "invitations_remind"), {"invitation": ids})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.email for i in due)
    assert set(Invitation.objects.filter(reminder_count=1).values_list("pk", flat=True)) == {
        i.pk for i in due
    }
    # Twice in a row: nothing goes out again (just sent).
    client.post(_url(world, "invitations_remind"), {"invitation": ids})
    assert len(mail.outbox) == 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("count", [3, 30])
def test_remind_all_query_count(world, client_as, django_assert_num_queries, settings, count):
    """Reminding 3 or 30 costs the same queries (some expired: new links); the e-mails
    are the job's work, queued once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ids = [_invitation(world, 9).pk for _ in range(count)]
    Invitation.objects.filter(pk__in=ids[:2]).update(expires_at=timezone.now())
    client = client_as(world.coordinator)
    with django_assert_num_queries(11):
        client.post(_url(world, "invitations_remind"), {"invitation": ids})
    assert Invitation.objects.filter(reminder_count=1).count() == count
    run_worker_in_process()
    assert len(mail.outbox) == count
