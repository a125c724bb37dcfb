"""The agreement draft: assembled from the project, rewritten section by section."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.history import history_for
from projects.models import ChangeRecord, Membership, Role
from steps.modelling import agreement
from steps.modelling.selectors import agreement_sections, agreement_title
from steps.models import AgreementSection, ConsentRound
from tests.factories import (
    CommitmentFactory,
    ConsentRoundFactory,
    OperatingModelFactory,
    OrganisationFactory,
    ProjectFactory,
    TruckFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CODES = [
    "parties",
    "objet",
    "ressources",
    "couts",
    "decisions",
    "rencontres",
    "propriete",
    "duree",
    "revision",
    "retrait",
    "responsabilite",
    "differends",
    "signatures",
]


def _plain(text: str) -> str:
    """Spaces of every kind as plain spaces: « 16 500,00 $ » compares simply."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _sections(project) -> dict:
    """code → (title, text, is_custom); texts with plain spaces (their typography is
    checked by tests/test_typography.py)."""
    return {
        section.code: (section.title, _plain(section.text), section.is_custom)
        for section in agreement_sections(project)
    }


def _url(world, name="steps:agreement", code=None):
    kwargs = {"project_slug": world.project.slug}
    if code is not None:
        kwargs["section_code"] = code
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def priced_world(world):
    """Org A (with a NEQ) runs the truck; A plans 30 uses a year, B 10: 22 000 $ a year."""
    world.org_a.neq = "1164567890"
    world.org_a.region = "Montérégie"
    world.org_a.save()
    truck = TruckFactory(project=world.project, responsible_organisation=world.org_a)
    CommitmentFactory(resource=truck, organisation=world.org_a, planned_uses_per_year=30)
    CommitmentFactory(resource=truck, organisation=world.org_b, planned_uses_per_year=10)
    return world


def test_agreement_sections_in_document_order(world):
    """agreement_sections gives (code, title, text, is_custom) for the thirteen sections."""
    sections = agreement_sections(world.project)
    assert [section.code for section in sections] == CODES
    code, title, text, is_custom = sections[0][:4]
    assert (code, title, is_custom) == ("parties", "Les parties", False)
    assert text


def test_agreement_names_the_parties_with_neq_and_region(priced_world):
    """Each organisation is a party, with its NEQ and region when known."""
    text = _sections(priced_world.project)["parties"][1]
    assert f"{priced_world.org_a.name} (Montérégie, NEQ 1164567890)" in text
    assert priced_world.org_b.name in text


def test_agreement_describes_the_pooled_resources(priced_world):
    """Resources come with their responsible organisation, unit, conditions and booking."""
    text = _sections(priced_world.project)["ressources"][1]
    assert "– Camion réfrigéré (véhicules et transport)" in text
    assert f"Organisation responsable : {priced_world.org_a.name}" in text
    assert "Unité d'utilisation : km" in text
    assert "Conditions d'utilisation : chauffeurs formés seulement." in text
    assert "Règles de réservation : réserver 48 heures" in text


@pytest.mark.parametrize(
    ("key", "share_a", "share_b"),
    [
        ("usage", "16 500,00 $ (75,0 %)", "5 500,00 $ (25,0 %)"),
        ("equal", "11 000,00 $ (50,0 %)", "11 000,00 $ (50,0 %)"),
    ],
)
def test_agreement_shares_costs_by_the_chosen_key(priced_world, key, share_a, share_b):
    """Annual cost 20 000 $ fixed + 40 uses × 50 $, split by the operating model's key."""
    OperatingModelFactory(project=priced_world.project, sharing_key=key)
    text = _plain(_sections(priced_world.project)["couts"][1])
    assert "Camion réfrigéré — coût annuel estimé : 22 000,00 $" in text
    assert f"– {priced_world.org_a.name} : {share_a}" in text
    assert f"– {priced_world.org_b.name} : {share_b}" in text


def test_agreement_custom_key_without_weights_waits_for_them(priced_world):
    """With custom weights not set yet, the section says the shares are to be established."""
    OperatingModelFactory(project=priced_world.project, sharing_key="custom")
    text = _sections(priced_world.project)["couts"][1]
    assert "la part de chacun sera établie" in text


def test_agreement_custom_weights_split_the_cost(priced_world):
    """Custom weights 3 and 1 give three quarters and one quarter."""
    OperatingModelFactory(project=priced_world.project, sharing_key="custom")
    for commitment, weight in zip(
        priced_world.project.pooled_resources.get().commitments.order_by("organisation__name"),
        [Decimal(3), Decimal(1)],
        strict=True,
    ):
        commitment.custom_weight = weight
        commitment.save()
    text = _plain(_sections(priced_world.project)["couts"][1])
    assert "16 500,00 $ (75,0 %)" in text


@pytest.mark.parametrize(
    ("form", "title", "expected", "absent"),
    [
        ("letter", "Lettre d'entente de mutualisation", "partenaires", "ENTRE :"),
        ("informal", "Entente de mise en commun", "partenaires", "ENTRE :"),
        ("contract", "Contrat de mutualisation", "ENTRE :", "Ci-après appelées ensemble"),
        ("co_ownership", "Convention de copropriété et de cogestion", "ET :", "partenaires"),
    ],
)
def test_agreement_formality_follows_the_chosen_form(world, form, title, expected, absent):
    """A letter speaks to « les partenaires »; a contract opens with « ENTRE : … ET : »."""
    OperatingModelFactory(project=world.project, formalisation=form)
    assert agreement_title(world.project) == title
    parties = _sections(world.project)["parties"][1]
    assert expected in parties
    assert absent not in parties


def test_agreement_formal_parties_flag_a_missing_neq(world):
    """In a contract, an organisation without NEQ shows the gap to fill."""
    OperatingModelFactory(project=world.project, formalisation="contract")
    assert "NEQ [à préciser]" in _sections(world.project)["parties"][1]


def test_agreement_follows_the_operating_model(world):
    """Decision process, quorum, meetings, duration and notice come from the model."""
    OperatingModelFactory(
        project=world.project,
        decision_process="majority",
        quorum="Trois organisations sur quatre",
        meeting_frequency="quarterly",
        duration_months=36,
        exit_notice_days=60,
    )
    sections = _sections(world.project)
    assert "majorité simple" in sections["decisions"][1]
    assert "Quorum : trois organisations sur quatre" in sections["decisions"][1]
    assert "se rencontrent chaque trimestre" in sections["rencontres"][1]
    assert "durée initiale de 36 mois" in sections["duree"][1]
    assert "au moins 60 jours" in sections["retrait"][1]


def test_agreement_without_operating_model_marks_the_gaps(world):
    """Facts the project does not know yet read « [à préciser] »."""
    sections = _sections(world.project)
    assert "Quorum : [à préciser]" in sections["decisions"][1]
    assert "Propriété intellectuelle : [à préciser]" in sections["propriete"][1]


def test_agreement_mentions_the_adoption_by_consent(world):
    """An adopted consent round dates the operating model's adoption."""
    OperatingModelFactory(project=world.project)
    ConsentRoundFactory(
        project=world.project,
        closed_at=timezone.now(),
        outcome=ConsentRound.Outcome.ADOPTED,
    )
    assert "a été adopté par les partenaires le" in _sections(world.project)["decisions"][1]


def test_agreement_signature_block_has_a_line_per_party(world):
    """The signature section has name, title, signature and date for every party."""
    text = _sections(world.project)["signatures"][1]
    for organisation in (world.org_a, world.org_b):
        assert f"Pour {organisation.name}" in text
    for label in ("Nom :", "Titre :", "Signature :", "Date :"):
        assert text.count(label) == 2


def test_agreement_custom_section_wins_over_generated_text(world, client_as):
    """The coordination's text replaces the generated one and is recorded."""
    response = client_as(world.coordinator).post(
        _url(world, "steps:agreement_section_edit", "differends"),
        {"custom_text": "Nous réglons nos différends autour d'un café.\r\n"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#section-differends")
    title, text, custom = _sections(world.project)["differends"]
    assert (text, custom) == ("Nous réglons nos différends autour d'un café.", True)
    section = AgreementSection.objects.get(project=world.project, code="differends")
    assert section.edited_by == world.coordinator
    assert history_for(section).get().kind == ChangeRecord.Kind.CREATED


def test_agreement_custom_section_stays_when_data_changes(world):
    """A rewritten section keeps its text even when the project's facts change."""
    AgreementSection.objects.create(project=world.project, code="parties", custom_text="Nous.")
    world.project.organisations.add(OrganisationFactory(name="Nouvel organisme"))
    assert _sections(world.project)["parties"][1] == "Nous."


def test_agreement_reset_goes_back_to_generated_text(world, client_as):
    """Resetting drops the custom text (recorded) and the generated text returns."""
    section = AgreementSection.objects.create(
        project=world.project, code="objet", custom_text="Texte maison."
    )
    response = client_as(world.coordinator).post(
        _url(world, "steps:agreement_reset_section", "objet")
    )
    assert response.status_code == 302
    title, text, custom = _sections(world.project)["objet"]
    assert not custom
    assert world.project.name in text
    record = ChangeRecord.objects.get(project=world.project)
    assert (record.kind, record.object_id) == (ChangeRecord.Kind.DELETED, section.pk)


def test_agreement_section_edit_refuses_empty_text(world, client_as):
    """An empty section is refused with a French message pointing to the reset."""
    response = client_as(world.coordinator).post(
        _url(world, "steps:agreement_section_edit", "objet"), {"custom_text": "   "}
    )
    assert response.status_code == 200
    assert "ne peut pas être vide" in " ".join(response.context["form"].errors["custom_text"])
    assert not AgreementSection.objects.exists()


def test_agreement_section_edit_starts_from_generated_text(world, client_as):
    """The edit form opens on the generated text, shown beside it for reference."""
    response = client_as(world.coordinator).get(
        _url(world, "steps:agreement_section_edit", "revision")
    )
    generated = agreement_sections(world.project)[CODES.index("revision")].text
    assert response.context["form"]["custom_text"].value() == generated


def test_agreement_unknown_section_is_not_found(world, client_as):
    """A section code outside the document answers 404."""
    response = client_as(world.coordinator).get(
        _url(world, "steps:agreement_section_edit", "inconnue")
    )
    assert response.status_code == 404


def test_agreement_page_reads_like_a_document(priced_world, client_as):
    """The page shows the title, numbered sections, and edit tools only to coordinators."""
    OperatingModelFactory(project=priced_world.project, formalisation="contract")
    page = _plain(
        html.unescape(client_as(priced_world.partner_a).get(_url(priced_world)).content.decode())
    )
    assert "Contrat de mutualisation" in page
    assert "1. Les parties" in page and "13. Signatures" in page
    assert "16 500,00 $" in page
    assert "Revenir au texte généré" not in page
    assert _url(priced_world, "steps:agreement_section_edit", "objet") not in page


def test_agreement_page_escapes_custom_text(world, client_as):
    """A section's custom text is shown as text, never as markup."""
    AgreementSection.objects.create(
        project=world.project, code="objet", custom_text="<img src=x onerror=alert(1)>"
    )
    page = client_as(world.coordinator).get(_url(world)).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("n", [3, 30])
def test_agreement_page_query_count_is_constant(n, client, django_assert_num_queries):
    """The draft costs the same queries for 3 or 30 organisations with commitments."""
    project = ProjectFactory()
    organisations = OrganisationFactory.create_batch(n)
    project.organisations.add(*organisations)
    OperatingModelFactory(project=project)
    for resource_name in ("Camion", "Cuisine"):
        resource = TruckFactory(
            project=project, name=resource_name, responsible_organisation=organisations[0]
        )
        for organisation in organisations:
            CommitmentFactory(resource=resource, organisation=organisation)
    AgreementSection.objects.create(project=project, code="objet", custom_text="Notre objet.")
    user = UserFactory()
    Membership.objects.create(user=user, project=project, role=Role.COORDINATOR)
    client.force_login(user)
    # 10, plus the agreement's language and, without a choice, its creator's, plus the
    # comment counts of the sections.
    with django_assert_num_queries(13):
        response = client.get(reverse("steps:agreement", kwargs={"project_slug": project.slug}))
    assert response.status_code == 200


def test_agreement_generate_is_pure():
    """The text generator works from plain facts, without a database."""
    facts = agreement.Facts(
        project_name="Camion partagé",
        parties=(agreement.Party("Organisme A", "1234567890", "Laurentides"),),
        formalisation="contract",
    )
    sections = dict((code, _plain(text)) for code, _title, text in agreement.generate(facts))
    assert (
        "ENTRE :\nOrganisme A, organisme à but non lucratif, NEQ 1234567890" in sections["parties"]
    )
    assert "Le présent contrat a pour objet" in sections["objet"]
