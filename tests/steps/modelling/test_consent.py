"""The consent round: each organisation agrees or objects, the coordination closes it."""

import html

import pytest
from django.urls import reverse

from projects.history import history_for
from projects.models import ChangeRecord, Membership, Role
from steps.models import ConsentResponse, ConsentRound
from tests.factories import (
    ConsentResponseFactory,
    ConsentRoundFactory,
    OperatingModelFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _url(world, name, consent_round=None):
    kwargs = {"project_slug": world.project.slug}
    if consent_round is not None:
        kwargs["consent_round_id"] = consent_round.pk
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def open_round(world):
    OperatingModelFactory(project=world.project)
    return ConsentRoundFactory(project=world.project)


def test_consent_open_needs_an_operating_model(world, client_as):
    """Without an operating model there is nothing to consent to."""
    response = client_as(world.coordinator).post(_url(world, "steps:consent_open"), follow=True)
    assert "Décrivez d'abord le modèle de fonctionnement" in _text(response)
    assert not ConsentRound.objects.exists()


def test_consent_open_snapshots_the_operating_model(world, client_as):
    """The round keeps the model as it was when opened, and the coordination's note."""
    OperatingModelFactory(project=world.project, quorum="Trois sur quatre")
    response = client_as(world.coordinator).post(
        _url(world, "steps:consent_open"), {"note": "Version de février"}
    )
    consent_round = ConsentRound.objects.get(project=world.project)
    assert response.status_code == 302
    assert response.url == _url(world, "steps:consent_round", consent_round)
    assert "Processus de décision\u00a0: Consentement" in consent_round.proposal
    assert "Quorum\u00a0: Trois sur quatre" in consent_round.proposal
    assert consent_round.note == "Version de février"
    assert consent_round.opened_by == world.coordinator
    assert consent_round.is_open
    assert history_for(consent_round).get().kind == ChangeRecord.Kind.CREATED


def test_consent_open_refuses_a_second_open_round(world, client_as, open_round):
    """One round at a time: a second one waits until the first is closed."""
    response = client_as(world.coordinator).post(_url(world, "steps:consent_open"), follow=True)
    assert "déjà ouverte" in _text(response)
    assert ConsentRound.objects.filter(project=world.project).count() == 1


def test_consent_partner_answers_for_its_own_organisation(world, client_as, open_round):
    """A partner's answer is recorded for its organisation, with its name."""
    response = client_as(world.partner_a).post(
        _url(world, "steps:consent_respond", open_round),
        {"organisation": world.org_a.pk, "answer": "agree", "reason": ""},
    )
    assert response.status_code == 302
    answer = ConsentResponse.objects.get(consent_round=open_round)
    assert (answer.organisation, answer.answer) == (world.org_a, "agree")
    assert answer.responded_by == world.partner_a


def test_consent_partner_cannot_answer_for_another_organisation(world, client_as, open_round):
    """Posting another organisation's id is refused (403) and nothing is recorded."""
    response = client_as(world.partner_a).post(
        _url(world, "steps:consent_respond", open_round),
        {"organisation": world.org_b.pk, "answer": "objection", "reason": "Pas d'accord."},
    )
    assert response.status_code == 403
    assert not ConsentResponse.objects.exists()


def test_consent_organisation_outside_the_project_is_refused(world, client_as, open_round):
    """The coordination cannot answer for an organisation that is not a party."""
    stranger = OrganisationFactory()
    response = client_as(world.coordinator).post(
        _url(world, "steps:consent_respond", open_round),
        {"organisation": stranger.pk, "answer": "agree"},
    )
    assert response.status_code == 400
    assert "ne participe pas au projet" in _text(response)
    assert not ConsentResponse.objects.exists()


def test_consent_objection_needs_a_reason(world, client_as, open_round):
    """An objection without a reason gets a French message; the choice is kept."""
    response = client_as(world.partner_b).post(
        _url(world, "steps:consent_respond", open_round),
        {"organisation": world.org_b.pk, "answer": "objection", "reason": "  "},
    )
    assert response.status_code == 400
    assert "Une objection doit être motivée" in _text(response)
    assert response.context["form"]["answer"].value() == "objection"
    assert not ConsentResponse.objects.exists()


def test_consent_partner_can_change_its_answer_while_open(world, client_as, open_round):
    """A second answer replaces the first and the history keeps both."""
    client = client_as(world.partner_b)
    url = _url(world, "steps:consent_respond", open_round)
    client.post(url, {"organisation": world.org_b.pk, "answer": "objection", "reason": "Coûts."})
    client.post(url, {"organisation": world.org_b.pk, "answer": "agree", "reason": "Levée."})
    answer = ConsentResponse.objects.get(consent_round=open_round)
    assert answer.answer == "agree"
    records = list(history_for(answer))
    assert [r.kind for r in records] == [ChangeRecord.Kind.UPDATED, ChangeRecord.Kind.CREATED]
    assert records[0].changes["answer"] == ["Objection", "D'accord"]


def test_consent_coordinator_records_for_any_organisation(world, client_as, open_round):
    """The coordination may record an answer given at a meeting, for any organisation."""
    client = client_as(world.coordinator)
    url = _url(world, "steps:consent_respond", open_round)
    client.post(url, {"organisation": world.org_a.pk, "answer": "agree"})
    client.post(
        url, {"organisation": world.org_b.pk, "answer": "objection", "reason": "Trop tôt."}
    )
    answers = dict(
        ConsentResponse.objects.filter(consent_round=open_round).values_list(
            "organisation__name", "answer"
        )
    )
    assert answers == {world.org_a.name: "agree", world.org_b.name: "objection"}


def test_consent_round_page_shows_answers_and_who_has_not(world, client_as, open_round):
    """Members see who agreed, who objected and why, and who has not answered."""
    third = OrganisationFactory(name="Troisième organisme")
    world.project.organisations.add(third)
    ConsentResponseFactory(consent_round=open_round, organisation=world.org_a)
    ConsentResponseFactory(
        consent_round=open_round,
        organisation=world.org_b,
        answer="objection",
        reason="La clé de partage nous désavantage.",
    )
    response = client_as(world.advisor).get(_url(world, "steps:consent_round", open_round))
    state = response.context["state"]
    assert [row.organisation for row in state.agreed] == [world.org_a]
    assert [row.organisation for row in state.objections] == [world.org_b]
    assert [row.organisation for row in state.pending] == [third]
    page = _text(response)
    assert "La clé de partage nous désavantage." in page
    assert "Pas encore répondu" in page
    assert response.context["form"] is None  # advisors only read


def test_consent_round_page_offers_partner_its_own_form_only(world, client_as, open_round):
    """A partner's form answers for its organisation without a choice of organisation."""
    response = client_as(world.partner_a).get(_url(world, "steps:consent_round", open_round))
    form = response.context["form"]
    assert form.fields["organisation"].widget.is_hidden
    assert form["organisation"].value() == world.org_a.pk


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        (["agree", "agree"], ConsentRound.Outcome.ADOPTED),
        (["agree", "objection"], ConsentRound.Outcome.REWORK),
        (["objection"], ConsentRound.Outcome.REWORK),
        ([], ConsentRound.Outcome.ADOPTED),
    ],
)
def test_consent_close_records_the_outcome(world, client_as, open_round, answers, outcome):
    """Closing: adopted when nobody objects, to be reworked after any objection."""
    for organisation, answer in zip([world.org_a, world.org_b], answers, strict=False):
        ConsentResponseFactory(
            consent_round=open_round, organisation=organisation, answer=answer, reason="Raison."
        )
    response = client_as(world.coordinator).post(_url(world, "steps:consent_close", open_round))
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert not open_round.is_open
    assert open_round.outcome == outcome
    assert open_round.closed_by == world.coordinator
    assert history_for(open_round).first().changes["outcome"][1] == outcome.label


def test_consent_closed_round_takes_no_more_answers(world, client_as, open_round):
    """After closing, an answer is refused with a French message."""
    client_as(world.coordinator).post(_url(world, "steps:consent_close", open_round))
    response = client_as(world.partner_a).post(
        _url(world, "steps:consent_respond", open_round),
        {"organisation": world.org_a.pk, "answer": "agree"},
        follow=True,
    )
    assert "Cette ronde est fermée" in _text(response)
    assert not ConsentResponse.objects.exists()


def test_consent_round_of_another_project_is_not_found(world, client_as):
    """A round id from another project answers 404."""
    elsewhere = ConsentRoundFactory(project=world.other_project)
    response = client_as(world.coordinator).get(_url(world, "steps:consent_round", elsewhere))
    assert response.status_code == 404


def _project_with(n):
    project = ProjectFactory()
    organisations = OrganisationFactory.create_batch(n)
    project.organisations.add(*organisations)
    user = UserFactory()
    Membership.objects.create(user=user, project=project, role=Role.COORDINATOR)
    OperatingModelFactory(project=project)
    consent_round = ConsentRoundFactory(project=project)
    for organisation in organisations[:-1]:
        ConsentResponseFactory(
            consent_round=consent_round, organisation=organisation, responded_by=user
        )
    return project, user, consent_round


@pytest.mark.parametrize("n", [3, 30])
def test_consent_round_page_query_count_is_constant(n, client, django_assert_num_queries):
    """The round page costs the same queries for 3 or 30 organisations."""
    project, user, consent_round = _project_with(n)
    client.force_login(user)
    url = reverse(
        "steps:consent_round",
        kwargs={"project_slug": project.slug, "consent_round_id": consent_round.pk},
    )
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["state"].rows) == n
