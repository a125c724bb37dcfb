"""Edited agreement sections « à revoir » when their facts change, and one language per
agreement (issue 18, item 6)."""

import io
import re
from datetime import date

import docx as python_docx
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from projects.models import ChangeRecord, Membership, Role
from steps.modelling import review, services
from steps.modelling.selectors import agreement_draft, agreement_language
from steps.models import Agreement, AgreementSection
from steps.reports import agreement as agreement_report
from steps.reports.agreement_docx import build_agreement_docx
from steps.reports.common import render
from tests.factories import (
    CommitmentFactory,
    OperatingModelFactory,
    OrganisationFactory,
    ProjectFactory,
    TruckFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f\s]+", " ", text)


def _url(world, name="steps:agreement", code=None):
    kwargs = {"project_slug": world.project.slug}
    if code is not None:
        kwargs["section_code"] = code
    return reverse(name, kwargs=kwargs)


def _section(project, code):
    return next(s for s in agreement_draft(project).sections if s.code == code)


@pytest.fixture
def priced(world):
    """Two parties, an operating model, a truck both partners commit to."""
    OperatingModelFactory(project=world.project, start_date=date(2027, 5, 1))
    truck = TruckFactory(project=world.project, responsible_organisation=world.org_a)
    CommitmentFactory(resource=truck, organisation=world.org_a, planned_uses_per_year=30)
    CommitmentFactory(resource=truck, organisation=world.org_b, planned_uses_per_year=10)
    world.truck = truck
    return world


def _edit(world, code, text="Notre texte."):
    return services.agreement_section_save(
        project=world.project, code=code, text=text, user=world.coordinator
    )


def _add_party(world):
    world.project.organisations.add(OrganisationFactory(name="Centre d'action bénévole"))


def _remove_party(world):
    world.project.organisations.remove(world.org_b)


def _change_truck(world):
    world.truck.conditions_of_use = "Permis de classe 3 obligatoire."
    world.truck.save()


def _change_commitment(world):
    world.truck.commitments.filter(organisation=world.org_b).update(planned_uses_per_year=20)


def _move_start(world):
    model = world.project.operating_model
    model.start_date = date(2027, 6, 1)
    model.save()


def _change_brand(world):
    model = world.project.operating_model
    model.brand = "Un logo commun."
    model.save()


def _nothing(world):
    pass


@pytest.mark.parametrize(
    ("code", "change", "expected"),
    [
        ("objet", _add_party, "Les parties ont changé : 3 organisations au lieu de 2"),
        ("objet", _add_party, "arrivée de Centre d'action bénévole"),
        ("signatures", _remove_party, "1 organisation au lieu de 2"),
        ("signatures", _remove_party, "départ de Cuisine collective Beauharnois"),
        ("ressources", _change_truck, "Les ressources mutualisées ont changé"),
        ("ressources", _change_truck, "Camion réfrigéré modifiée"),
        ("couts", _change_commitment, "Les montants du partage des coûts ont changé"),
        ("duree", _move_start, "1er juin 2027 au lieu de 1er mai 2027"),
        ("propriete", _change_brand, "L'image de marque a changé."),
    ],
)
def test_review_edited_section_flags_what_changed(priced, code, change, expected):
    """An edited section whose facts changed reads « à revoir », saying what changed."""
    _edit(priced, code)
    assert not _section(priced.project, code).to_review
    change(priced)
    section = _section(priced.project, code)
    assert section.to_review
    assert section.text == "Notre texte."
    assert expected in " ".join(_plain(str(c)) for c in section.changes)


@pytest.mark.parametrize(
    ("code", "change"),
    [
        ("objet", _nothing),
        ("propriete", _add_party),  # property and brand do not depend on the parties
        ("differends", _move_start),
        ("duree", _change_brand),
        ("parties", _change_truck),
    ],
)
def test_review_unrelated_or_no_change_is_not_flagged(priced, code, change):
    """A change the section does not depend on, or no change, leaves it as it is."""
    _edit(priced, code)
    change(priced)
    assert not _section(priced.project, code).to_review


def test_review_generated_sections_are_never_flagged(priced):
    """Generated sections follow the facts: nothing to review."""
    _add_party(priced)
    assert agreement_draft(priced.project).to_review == []


def test_review_section_saved_before_the_feature_is_not_flagged(priced):
    """A section edited before the facts were stored (empty basis) cannot be judged."""
    AgreementSection.objects.create(project=priced.project, code="objet", custom_text="Ancien.")
    _add_party(priced)
    assert not _section(priced.project, "objet").to_review


def test_review_changes_since_is_pure():
    """The comparison works from plain dicts: same facts, nothing; other language, a change."""
    stored = {"parties": ["A", "B"], "formalisation": "letter"}
    assert review.changes_since(stored, dict(stored)) == ()
    changes = review.changes_since(stored, {"parties": ["A", "B", "C"], "formalisation": "letter"})
    assert [c.key for c in changes] == ["parties"]
    changes = review.changes_since(stored, stored, written_in="fr-ca", language="en")
    assert [c.key for c in changes] == ["language"]
    assert review.changes_since({}, {"parties": ["A"]}) == ()


def test_review_mark_reviewed_keeps_the_text_and_clears_the_flag(priced, client_as):
    """« Marquer comme revu » keeps the edit, stores today's facts, and is recorded."""
    section = _edit(priced, "objet", "Entre quatre organismes.")
    _add_party(priced)
    response = client_as(priced.coordinator).post(
        _url(priced, "steps:agreement_mark_reviewed", "objet")
    )
    assert response.status_code == 302
    assert response.url.endswith("#section-objet")
    current = _section(priced.project, "objet")
    assert (current.text, current.to_review) == ("Entre quatre organismes.", False)
    section.refresh_from_db()
    assert len(section.basis["parties"]) == 3
    assert ChangeRecord.objects.filter(object_id=section.pk, kind="updated").exists()


def test_review_take_generated_text_back(priced, client_as):
    """« Reprendre le texte généré » drops the edit: nothing left to review."""
    _edit(priced, "objet")
    _add_party(priced)
    client_as(priced.coordinator).post(_url(priced, "steps:agreement_reset_section", "objet"))
    section = _section(priced.project, "objet")
    assert not section.is_custom and not section.to_review


def test_review_mark_reviewed_of_a_generated_section_changes_nothing(priced, client_as):
    response = client_as(priced.coordinator).post(
        _url(priced, "steps:agreement_mark_reviewed", "objet"), follow=True
    )
    assert "rien à revoir" in response.content.decode()
    assert not AgreementSection.objects.exists()


def test_review_page_shows_the_mark_the_changes_and_both_texts(priced, client_as):
    """The coordinator sees « À revoir », what changed, the generated text and both actions;
    a partner sees the mark without the actions."""
    _edit(priced, "objet", "Entre deux organismes.")
    _add_party(priced)
    page = _plain(client_as(priced.coordinator).get(_url(priced)).content.decode())
    assert "1 section modifiée à revoir" in page
    assert "À revoir" in page
    assert "3 organisations au lieu de 2" in page
    assert "Comparer avec le texte généré aujourd’hui" in page
    assert "Entre deux organismes." in page
    assert "a pour objet d'encadrer" in page.replace("&#x27;", "'")
    assert _url(priced, "steps:agreement_mark_reviewed", "objet") in page
    assert "Reprendre le texte généré" in page
    page = _plain(client_as(priced.partner_a).get(_url(priced)).content.decode())
    assert "3 organisations au lieu de 2" in page
    assert _url(priced, "steps:agreement_mark_reviewed", "objet") not in page


def test_review_edit_page_says_what_changed(priced, client_as):
    _edit(priced, "duree")
    _move_start(priced)
    page = _plain(
        client_as(priced.coordinator)
        .get(_url(priced, "steps:agreement_section_edit", "duree"))
        .content.decode()
    )
    assert "1er juin 2027 au lieu de 1er mai 2027" in page


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return _plain("\n".join(page.extract_text() for page in pages))


@pytest.mark.slow
def test_review_pdf_and_dossier_carry_the_mark(priced):
    """The agreement's PDF shows « À revoir » and what changed above the edited article."""
    _edit(priced, "objet")
    _add_party(priced)
    context = agreement_report.build_agreement_context(None, priced.project)
    text = _pdf_text(render("entente", context).content)
    assert "À revoir" in text
    assert "3 organisations au lieu de 2" in text


def test_review_pdf_html_carries_the_mark_only_when_needed(priced):
    """Only the section to review is marked in the PDF's HTML (the dossier includes it too)."""
    from mutualisation.pdf import render_html

    _edit(priced, "objet")
    _edit(priced, "differends")
    context = agreement_report.build_agreement_context(None, priced.project)
    assert "review-mark" not in render_html("pdf/entente.html", context)
    _add_party(priced)
    context = agreement_report.build_agreement_context(None, priced.project)
    html = render_html("pdf/entente.html", context)
    assert html.count('class="note review-mark"') == 1


def test_review_dossier_carries_the_mark_in_the_agreements_language(priced):
    """The complete dossier prints the agreement with the same mark, in its language."""
    from mutualisation.pdf import render_html
    from steps.reports import dossier

    _edit(priced, "objet")
    _add_party(priced)
    html = _plain(
        render_html("pdf/dossier.html", dossier.build_dossier_context(None, priced.project))
    )
    assert html.count('class="note review-mark"') == 1
    assert "3 organisations au lieu de 2" in html


def test_review_docx_carries_the_mark(priced):
    _edit(priced, "signatures", "Signé par les deux partenaires.")
    _add_party(priced)
    document = python_docx.Document(io.BytesIO(build_agreement_docx(priced.project)))
    text = _plain("\n".join(p.text for p in document.paragraphs))
    assert "À revoir" in text
    assert "3 organisations au lieu de 2" in text


# --- One language per agreement ------------------------------------------------------------


def test_language_defaults_to_the_creators_then_to_the_coordinations_choice(world):
    assert agreement_language(world.project) == "fr-ca"
    world.project.created_by.language = "en"
    world.project.created_by.save()
    assert agreement_language(world.project) == "en"
    Agreement.objects.create(project=world.project, language="fr-ca")
    assert agreement_language(world.project) == "fr-ca"


def test_language_english_reader_gets_french_articles(world, compiled_catalogues):
    """A French agreement stays French for a reader using the English interface."""
    with translation.override("en"):
        draft = agreement_draft(world.project)
    assert draft.title == "Lettre d'entente de mutualisation"
    assert draft.sections[0].title == "Les parties"


def test_language_english_agreement_for_a_french_reader(world, client_as, compiled_catalogues):
    """The coordinator chooses English: the articles, PDF context and Word file follow."""
    response = client_as(world.coordinator).post(
        _url(world, "steps:agreement_language"), {"language": "en"}
    )
    assert response.status_code == 302
    draft = agreement_draft(world.project)
    assert draft.title == "Letter of agreement on pooling"
    assert draft.sections[0].title == "The parties"
    page = _plain(client_as(world.coordinator).get(_url(world)).content.decode())
    assert "Cette entente est rédigée en anglais." in page
    assert '<article class="agreement-document" aria-labelledby="titre-entente" lang="en">' in page
    assert 'lang=""' not in page
    document = python_docx.Document(io.BytesIO(build_agreement_docx(world.project)))
    assert document.paragraphs[0].text == "Letter of agreement on pooling"
    assert ChangeRecord.objects.filter(project=world.project, kind="created").exists()


def test_language_switch_flags_sections_written_in_the_other_language(world, client_as):
    """A section written in French reads « à revoir » once the agreement is in English;
    marking it reviewed ties it to English."""
    _edit(world, "differends", "Nous discutons d'abord.")
    services.agreement_language_set(project=world.project, language="en", user=world.coordinator)
    section = _section(world.project, "differends")
    assert [c.key for c in section.changes] == ["language"]
    assert "rédigé en français, mais l'entente est maintenant rédigée en anglais" in str(
        section.changes[0]
    )
    client_as(world.coordinator).post(_url(world, "steps:agreement_mark_reviewed", "differends"))
    assert not _section(world.project, "differends").to_review
    assert AgreementSection.objects.get(code="differends").language == "en"


def test_language_refuses_an_unknown_language(world, client_as):
    response = client_as(world.coordinator).post(
        _url(world, "steps:agreement_language"), {"language": "de"}
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists()


# --- Fixed queries ----------------------------------------------------------------------------


def _project_with(n):
    project = ProjectFactory()
    organisations = OrganisationFactory.create_batch(n)
    project.organisations.add(*organisations)
    OperatingModelFactory(project=project)
    resource = TruckFactory(project=project, responsible_organisation=organisations[0])
    for organisation in organisations:
        CommitmentFactory(resource=resource, organisation=organisation)
    user = UserFactory()
    Membership.objects.create(user=user, project=project, role=Role.COORDINATOR)
    for code in ("objet", "couts", "signatures"):
        services.agreement_section_save(project=project, code=code, text="Texte.", user=user)
    project.organisations.add(OrganisationFactory())  # every edited section to review
    return project, user


@pytest.mark.parametrize("n", [4, 30])
def test_review_page_query_count_is_fixed(n, client, django_assert_num_queries):
    """Sections to review cost no query per organisation (4 or 30 of them)."""
    project, user = _project_with(n)
    client.force_login(user)
    with django_assert_num_queries(13):  # 12 + the comment counts of the sections
        response = client.get(reverse("steps:agreement", kwargs={"project_slug": project.slug}))
    assert response.status_code == 200
    assert len(response.context["to_review"]) == 3


# --- Export and import ------------------------------------------------------------------------


def test_transfer_keeps_the_language_and_the_facts_of_edited_sections(priced):
    """A project moved to another installation keeps its agreement's language and which
    edited sections are to review."""
    from steps.transfer.export import export_project
    from steps.transfer.importer import import_project

    _edit(priced, "objet")
    _add_party(priced)
    services.agreement_language_set(project=priced.project, language="en", user=priced.coordinator)
    document = export_project(priced.project)
    assert document["agreement"][0]["language"] == "en"
    copy = import_project(document).project
    assert agreement_language(copy) == "en"
    keys = [c.key for c in _section(copy, "objet").changes]
    assert keys == ["language", "parties"]


def test_transfer_reads_a_file_written_before_the_agreement_language(priced):
    """An older file has no `agreement` list and no language nor facts on its sections:
    it imports, in French, with nothing to review."""
    from steps.transfer.export import export_project
    from steps.transfer.importer import import_project

    _edit(priced, "objet")
    document = export_project(priced.project)
    document["format_version"] = 3
    del document["agreement"]
    for row in document["agreement_sections"]:
        del row["language"], row["basis"]
    copy = import_project(document).project
    assert agreement_language(copy) == "fr-ca"
    section = _section(copy, "objet")
    assert section.is_custom and not section.to_review
