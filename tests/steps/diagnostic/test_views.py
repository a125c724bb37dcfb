"""The diagnostic's pages as users see them: grid, verdicts, potential, opportunities."""

import html

import pytest
from django.urls import reverse
from django.utils.html import escape

from projects.models import ChangeRecord
from steps.diagnostic import grid, selectors
from steps.models import DiagnosticVerdict, ProjectDimension, StepStatus
from tests.factories import (
    CULTURE,
    MISSION,
    PREMISES,
    PRODUCTION,
    TRANSPORT,
    fill_grid,
    portrait,
    set_reflexion,
    submitted_organisation,
)
from tests.i18n import in_french

pytestmark = pytest.mark.usefixtures("test_dimensions")

DRAFT_SECRET = "Texte confidentiel du brouillon"


def text(response) -> str:
    return html.unescape(response.content.decode())


def url(name, project, **query):
    base = reverse(f"steps:{name}", kwargs={"project_slug": project.slug})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def portraits(world):
    """Org A and org B submitted; org C has a draft that must stay invisible."""
    project = world.project
    set_reflexion(project, world.org_a)
    set_reflexion(project, world.org_b)
    portrait(
        project, world.org_a, MISSION, appreciation="force", description="Sécurité alimentaire"
    )
    portrait(project, world.org_b, MISSION, appreciation="faiblesse", description="À clarifier")
    portrait(
        project,
        world.org_a,
        TRANSPORT,
        appreciation="force",
        offre="Camion réfrigéré libre le lundi",
    )
    portrait(
        project, world.org_b, TRANSPORT, appreciation="faiblesse", besoin="Transport réfrigéré"
    )
    portrait(project, world.org_a, PREMISES, appreciation="neutre", offre="=HYPERLINK(1)")
    portrait(project, world.org_b, PRODUCTION, appreciation="faiblesse", besoin="Une cuisine")
    draft = submitted_organisation(project, "Organisme en brouillon")
    set_reflexion(project, draft, StepStatus.Status.IN_PROGRESS)
    portrait(project, draft, TRANSPORT, appreciation="force", offre=DRAFT_SECRET)
    portrait(project, draft, MISSION, appreciation="faiblesse", besoin=DRAFT_SECRET)
    return draft


# Grid page ---------------------------------------------------------------------------


def test_grid_empty_state_without_submitted_portraits(world, client_as):
    """Nothing submitted yet: the grid says so instead of showing an empty table."""
    response = client_as(world.partner_a).get(url("grid", world.project))
    assert response.status_code == 200
    assert "Aucun portrait soumis pour l'instant" in text(response)


def test_grid_shows_submitted_portraits_with_suggestions(world, client_as, portraits):
    """Each submitted organisation has a column; appreciations read as words; reasons show."""
    content = text(client_as(world.advisor).get(url("grid", world.project, dimension="toutes")))
    assert world.org_a.name in content and world.org_b.name in content
    assert "Camion réfrigéré libre le lundi" in content
    assert "Faiblesse" in content and "Force" in content
    assert f"{world.org_a.name} peut offrir ce dont {world.org_b.name} a besoin." in content
    assert "Élément d'identité jugé autrement" in content
    assert "verdict-state-suggested" in content
    assert "Comment les verdicts sont suggérés" in content
    assert 'class="verdict-form' not in content  # advisors read only


def test_grid_defines_the_verdicts_and_compares_identity_descriptions(world, client_as, portraits):
    """The page defines the verdicts; an identity row rated force and faiblesse (R4) is to
    discuss and sets each organisation's own description side by side."""
    response = client_as(world.partner_a).get(url("grid", world.project, dimension="toutes"))
    content = text(response)
    assert "Ce que veut dire chaque verdict" in content
    for definition in ("Un terrain commun", "Des différences qui méritent", "Un écart de fond"):
        assert definition in content
    mission = next(
        line for s, lines in response.context["sections"] for line in lines if line["rule"] == "R4"
    )
    assert mission["verdict"] == grid.Verdict.TO_DISCUSS
    assert [(side["kind"], side["cells"]) for side in mission["compare"]] == [
        ("force", [(world.org_a.name, "Sécurité alimentaire")]),
        ("faiblesse", [(world.org_b.name, "À clarifier")]),
    ]
    assert content.count("Leurs descriptions, côte à côte") == 1  # only on the R4 row


@pytest.mark.parametrize("status", [StepStatus.Status.IN_PROGRESS, StepStatus.Status.REOPENED])
def test_grid_never_shows_drafts(world, client_as, portraits, status):
    """A draft or reopened portrait appears nowhere: grid, potential, opportunities, exports."""
    set_reflexion(world.project, portraits, status)
    client = client_as(world.coordinator)
    for name in ("grid", "potential", "pairs", "opportunities", "grid_csv"):
        query = {"dimension": "toutes"} if name == "grid" else {}
        content = client.get(url(name, world.project, **query)).content.decode("utf-8-sig")
        assert DRAFT_SECRET not in content, name
        assert portraits.name not in content, name
    xlsx = client.get(url("grid_xlsx", world.project)).content
    assert portraits.name.encode() not in xlsx  # shared strings are stored as plain XML


def test_grid_only_chosen_dimensions(world, client_as, portraits):
    """Only the dimensions the project retained are shown."""
    ProjectDimension.objects.create(project=world.project, code="installations")
    content = text(client_as(world.coordinator).get(url("grid", world.project)))
    assert "Moyens de transport" in content
    assert "Mission, vision, valeurs" not in content


def test_grid_filters_by_dimension_and_verdict(world, client_as, portraits):
    """The GET filters keep only the matching dimension and verdict, on the server."""
    client = client_as(world.coordinator)
    content = text(client.get(url("grid", world.project, dimension="installations")))
    assert "Moyens de transport" in content and "Mission, vision, valeurs" not in content
    content = text(
        client.get(url("grid", world.project, dimension="toutes", verdict="a_discuter"))
    )
    assert 'id="item-reflexion-identite-mission"' in content
    assert 'id="item-reflexion-installations-transport"' not in content
    content = text(client.get(url("grid", world.project, dimension="toutes", verdict="a_revoir")))
    assert "Aucun élément ne correspond à ces filtres." in content
    content = text(client.get(url("grid", world.project, dimension="inconnue")))
    assert "Mission, vision, valeurs" in content  # an unknown filter is ignored
    assert "Moyens de transport" not in content


def test_grid_shows_one_dimension_at_a_time(world, client_as, portraits):
    """The first dimension by default, tabs to the others and to all of them at once."""
    client = client_as(world.advisor)
    content = text(client.get(url("grid", world.project)))
    assert "Mission, vision, valeurs" in content and "Moyens de transport" not in content
    assert '<a class="nav-link active" href="?dimension=identite" aria-current="page">' in content
    assert 'href="?dimension=installations"' in content and 'href="?dimension=toutes"' in content
    content = text(
        client.get(url("grid", world.project, dimension="toutes", verdict="divergence"))
    )
    assert 'href="?dimension=gouvernance&verdict=divergence"' in content
    content = text(client.get(url("grid", world.project, dimension="toutes")))
    for label in ("Mission, vision, valeurs", "Membres", "Moyens de transport", "Budget de"):
        assert label in content


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        ("Cuisine équipée, « grande »", "Cuisine équipée, « grande »"),
        ('Un "camion"\\ et une ligne\nde plus', 'Un "camion"\\ et une ligne\nde plus'),
        ("  espaces autour  ", "espaces autour"),
        (12.5, "12.5"),
        (None, ""),
    ],
)
def test_grid_reads_answers_as_they_were_typed(world, stored, read):
    """Accents, quotes, backslashes, line breaks and non-text values come back intact."""
    set_reflexion(world.project, world.org_a)
    portrait(world.project, world.org_a, PREMISES, appreciation="force", description=stored)
    line = selectors.build_grid(world.project, dimension="installations").line(PREMISES)
    cell = next(c for c in line.row.cells if c.organisation.id == world.org_a.id)
    assert (cell.description, cell.appreciation) == (read, "force")


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_grid_and_pairs_show_hostile_text_escaped(world, client_as, payload):
    """Markup typed in a portrait or an organisation's name shows as text in every cell."""
    for organisation in (world.org_a, world.org_b):
        set_reflexion(world.project, organisation)
    world.org_b.name = f"Cuisine {payload}"
    world.org_b.save()
    portrait(
        world.project,
        world.org_a,
        TRANSPORT,
        appreciation="force",
        description=f"Camion {payload}",
        offre=f"Offre {payload}",
    )
    portrait(world.project, world.org_b, TRANSPORT, appreciation="faiblesse", besoin=payload)
    client = client_as(world.coordinator)
    for page in (
        url("grid", world.project, dimension="installations"),
        url("pairs", world.project),
    ):
        content = client.get(page).content.decode()
        assert payload not in content, page
        assert escape(payload) in content, page


def test_grid_shows_extra_items_of_submitted_organisations(world, client_as, portraits):
    """An « autre » item of a submitted organisation has its own row."""
    from steps.models import ExtraPortraitItem

    extra = ExtraPortraitItem.objects.create(
        project=world.project, organisation=world.org_a, dimension="installations", label="Four"
    )
    portrait(world.project, world.org_a, extra.code, appreciation="force", offre="Four à pain")
    hidden = ExtraPortraitItem.objects.create(
        project=world.project, organisation=portraits, dimension="installations", label="Serre"
    )
    grid_page = url("grid", world.project, dimension="installations")
    content = text(client_as(world.partner_b).get(grid_page))
    assert "Four à pain" in content
    assert f"Ajouté par {world.org_a.name}" in content
    assert hidden.label not in content


# Verdicts ----------------------------------------------------------------------------


def _post_verdict(client, project, item_code, **data):
    payload = {"item_code": item_code, "verdict": "convergence", "importance": "majeure"}
    payload.update(data)
    return client.post(url("verdict_set", project), payload)


def test_verdict_set_confirms_and_records_history(world, client_as, portraits):
    """The coordinator confirms a row: stored with the inputs' fingerprint, history kept."""
    client = client_as(world.coordinator)
    response = _post_verdict(
        client, world.project, TRANSPORT, verdict="complementarite", note="Camion le lundi"
    )
    assert response.status_code == 302
    assert response.url.endswith(
        "/diagnostic/grille/?dimension=installations#item-reflexion-installations-transport"
    )
    stored = DiagnosticVerdict.objects.get(project=world.project, item_code=TRANSPORT)
    assert (stored.verdict, stored.importance, stored.status, stored.confirmed_by) == (
        "complementarite",
        "majeure",
        DiagnosticVerdict.Status.CONFIRMED,
        world.coordinator,
    )
    assert len(stored.inputs_fingerprint) == 64
    record = ChangeRecord.objects.get(object_id=stored.pk)
    assert record.kind == ChangeRecord.Kind.CREATED and record.changed_by == world.coordinator

    _post_verdict(client, world.project, TRANSPORT, verdict="divergence", note="Revu")
    stored.refresh_from_db()
    assert stored.verdict == "divergence"
    update = ChangeRecord.objects.filter(object_id=stored.pk).first()
    assert update.kind == ChangeRecord.Kind.UPDATED
    assert update.changes["verdict"] == ["Complémentarité", "Divergence"]

    content = text(client.get(url("grid", world.project, dimension="installations")))
    assert "verdict-state-confirmed" in content and "Revu" in content


def test_verdict_becomes_to_review_when_a_portrait_changes(world, client_as, portraits):
    """A later change to a portrait marks the confirmed verdict « à revoir », unchanged."""
    client = client_as(world.coordinator)
    _post_verdict(client, world.project, MISSION, verdict="convergence")
    portrait(world.project, world.org_b, MISSION, appreciation="force")
    content = text(client.get(url("grid", world.project, verdict="a_revoir")))
    assert 'id="item-reflexion-identite-mission"' in content
    assert "verdict-state-to_review" in content
    stored = DiagnosticVerdict.objects.get(item_code=MISSION)
    assert (stored.verdict, stored.status) == ("convergence", "confirmed")

    _post_verdict(client, world.project, MISSION, verdict="convergence")
    content = text(client.get(url("grid", world.project, verdict="a_revoir")))
    assert "Aucun élément ne correspond à ces filtres." in content


def test_verdict_confirmed_on_a_stale_page_is_to_review(world, client_as, portraits):
    """Confirming what the page showed, after a portrait changed meanwhile: « à revoir »."""
    client = client_as(world.coordinator)
    shown = selectors.build_grid(world.project).line(TRANSPORT).row
    portrait(world.project, world.org_b, TRANSPORT, besoin="Un camion, finalement")
    _post_verdict(client, world.project, TRANSPORT, fingerprint=grid.fingerprint(shown))
    line = selectors.build_grid(world.project).line(TRANSPORT)
    assert line.verdict.state == grid.State.TO_REVIEW
    _post_verdict(client, world.project, TRANSPORT, fingerprint=grid.fingerprint(line.row))
    assert selectors.build_grid(world.project).line(TRANSPORT).verdict.state == "confirmed"


def test_verdict_to_review_when_another_portrait_is_submitted(world, client_as, portraits):
    """A new organisation entering the grid changes every row's inputs."""
    client = client_as(world.coordinator)
    _post_verdict(client, world.project, CULTURE)
    set_reflexion(world.project, portraits)
    content = text(client.get(url("grid", world.project, verdict="a_revoir")))
    assert 'id="item-reflexion-identite-culture"' in content


def test_verdict_set_invalid_redisplays_with_input(world, client_as, portraits):
    """A bad verdict is refused in French; the page shows the user's note again."""
    client = client_as(world.coordinator)
    response = _post_verdict(client, world.project, TRANSPORT, verdict="peut-être", note="Ma note")
    assert response.status_code == 200
    content = text(response)
    assert "Le verdict n'a pas été enregistré" in content
    assert "Sélectionnez un choix valide" in content
    assert "Ma note" in content
    assert not DiagnosticVerdict.objects.exists()


def test_verdict_set_unknown_item_is_refused(world, client_as, portraits):
    """Only items of the grid can get a verdict."""
    response = _post_verdict(client_as(world.coordinator), world.project, "reflexion.x.y")
    assert response.status_code == 302
    assert not DiagnosticVerdict.objects.exists()


def test_verdict_set_ignores_foreign_next(world, client_as, portraits):
    """The return address must be this grid: no open redirect."""
    client = client_as(world.coordinator)
    response = _post_verdict(client, world.project, TRANSPORT, next="https://ailleurs.example/")
    assert response.url.startswith(url("grid", world.project))
    filtered = url("grid", world.project, dimension="installations")
    response = _post_verdict(client, world.project, TRANSPORT, next=filtered)
    assert response.url == filtered + "#item-reflexion-installations-transport"


def test_verdict_set_refused_to_partners_and_advisors(world, client_as, portraits):
    """Partners and advisors read the grid but cannot set verdicts."""
    for user in (world.partner_a, world.advisor):
        assert _post_verdict(client_as(user), world.project, TRANSPORT).status_code == 403
    assert not DiagnosticVerdict.objects.exists()


def test_verdict_reset_goes_back_to_the_suggestion(world, client_as, portraits):
    """« Revenir à la suggestion » unconfirms the row and records it."""
    client = client_as(world.coordinator)
    _post_verdict(client, world.project, TRANSPORT, verdict="divergence", note="À voir")
    response = client.post(url("verdict_reset", world.project), {"item_code": TRANSPORT})
    assert response.status_code == 302
    stored = DiagnosticVerdict.objects.get(item_code=TRANSPORT)
    assert (stored.status, stored.verdict, stored.note, stored.confirmed_by) == (
        "suggested",
        "complementarite",
        "À voir",
        None,
    )
    assert ChangeRecord.objects.filter(object_id=stored.pk).count() == 2


# Potential and opportunities -----------------------------------------------------------


def test_potential_page_shows_levels_reasons_and_formula(world, client_as, portraits):
    """The potential reads per dimension and overall, with reasons and formula."""
    content = text(client_as(world.partner_a).get(url("potential", world.project)))
    assert "Potentiel global" in content
    # Opposite self-ratings on the mission are to discuss, not a major divergence.
    assert "Divergence majeure" not in content
    assert "La formule, en clair" in content
    assert "complémentarité ¾ (prometteuse, mais à discuter), à discuter ½" in content
    assert "Identité 3, Gouvernance 2" in content
    assert f'href="{url("pairs", world.project)}"' in content


def test_pairs_page_shows_the_best_pairs_and_the_matrix(world, client_as, portraits):
    """Who would gain from pooling with whom: ranked pairs, the formula, every score."""
    content = text(client_as(world.partner_a).get(url("pairs", world.project)))
    assert "Qui gagnerait à mettre en commun avec qui" in content
    assert "3 points par offre" in content
    assert f"{world.org_a.name} et {world.org_b.name}\u00a0: " in content
    assert 'class="table table-bordered pair-matrix pair-heatmap"' in content
    assert content.count('<td class="pair-self">') == 2
    assert portraits.name not in content  # a draft portrait is not paired


def test_pairs_page_needs_two_portraits(world, client_as):
    """With fewer than two submitted portraits there is nothing to compare."""
    content = text(client_as(world.advisor).get(url("pairs", world.project)))
    assert "Il faut au moins deux portraits soumis pour comparer des paires." in content


def test_potential_uses_confirmed_verdicts(world, client_as, portraits):
    """A confirmed verdict replaces the suggestion in the potential."""
    client = client_as(world.coordinator)
    before = text(client.get(url("potential", world.project)))
    assert "Niveau plafonné" not in before
    _post_verdict(client, world.project, MISSION, verdict="convergence")
    after = text(client.get(url("potential", world.project)))
    assert "Divergence majeure sur « Mission, vision, valeurs »" not in after
    assert "Calculé sur 1 verdict confirmé" in after


def test_opportunities_page_lists_who_offers_what_to_whom(world, client_as, portraits):
    """Same-item and same-resource-type matches are listed with both organisations."""
    content = text(client_as(world.partner_b).get(url("opportunities", world.project)))
    assert "2 opportunités repérées." in content
    assert "Camion réfrigéré libre le lundi" in content
    assert "Transport réfrigéré" in content
    assert "Une cuisine" in content  # premises offered, production site needed
    assert "En faire une ressource mutualisée" not in content  # coordination only


def test_opportunities_filter_by_organisation(world, client_as, portraits):
    """The organisation filter keeps the matches where it offers or needs."""
    other = submitted_organisation(world.project, "Maison des jeunes")
    portrait(world.project, other, PREMISES, besoin="Un local le samedi")
    client = client_as(world.coordinator)
    content = text(client.get(url("opportunities", world.project)))
    assert "3 opportunités repérées." in content
    content = text(client.get(url("opportunities", world.project, organisation=other.pk)))
    assert "1 opportunité repérée." in content and "Un local le samedi" in content
    content = text(client.get(url("opportunities", world.project, organisation=world.org_b.pk)))
    assert "2 opportunités repérées." in content and "Un local le samedi" not in content


def test_opportunity_to_resource_creates_it_once(world, client_as, portraits):
    """The coordinator turns an opportunity into a pooled resource, once, with history."""
    from steps.diagnostic.views import _resource_url
    from steps.models import PooledResource

    data = selectors.build_grid(world.project)
    transport = next(
        o
        for o in grid.opportunities(data.rows, data.resource_types)
        if o.offer_item.code == TRANSPORT
    )
    client = client_as(world.coordinator)
    response = client.post(url("opportunity_to_resource", world.project), {"key": transport.key})
    resource = PooledResource.objects.get(project=world.project)
    assert response.status_code == 302
    assert response.url == (
        _resource_url(world.project, resource.pk) or url("opportunities", world.project)
    )
    assert resource.name == f"Moyens de transport — {world.org_a.name}"
    assert resource.resource_type == "transport"
    assert resource.responsible_organisation == world.org_a
    assert "Camion réfrigéré libre le lundi" in resource.notes
    assert "Transport réfrigéré" in resource.notes
    assert resource.source_opportunity == in_french(transport.sentence)
    record = ChangeRecord.objects.get(object_id=resource.pk, object_label=resource.name)
    assert record.kind == ChangeRecord.Kind.CREATED

    client.post(url("opportunity_to_resource", world.project), {"key": transport.key})
    assert PooledResource.objects.filter(project=world.project).count() == 1
    content = text(client.get(url("opportunities", world.project)))
    assert content.count("En faire une ressource mutualisée") == 1  # the other opportunity
    assert "Ressource mutualisée créée" in content or "Voir la ressource mutualisée" in content


def test_opportunity_to_resource_refuses_unknown_or_draft_opportunity(world, client_as, portraits):
    """A made-up key, or one involving a draft portrait, creates nothing."""
    from steps.models import PooledResource

    draft_key = grid.opportunity_key(TRANSPORT, portraits.pk, TRANSPORT, world.org_b.pk)
    client = client_as(world.coordinator)
    for key in ("nimporte|quoi", draft_key, ""):
        response = client.post(url("opportunity_to_resource", world.project), {"key": key})
        assert response.url == url("opportunities", world.project)
    assert not PooledResource.objects.exists()
    assert "Cette opportunité n'existe plus" in text(client.get(response.url))


# Query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    "name", ["grid", "potential", "pairs", "opportunities", "grid_csv", "grid_xlsx"]
)
def test_pages_query_count_does_not_grow_with_organisations(
    world, client_as, django_assert_num_queries, name, count
):
    """3 or 30 organisations × every item: the same number of queries."""
    fill_grid(world.project, count)
    DiagnosticVerdict.objects.create(
        project=world.project,
        item_code=MISSION,
        verdict=grid.Verdict.CONVERGENCE,
        status=DiagnosticVerdict.Status.CONFIRMED,
        confirmed_by=world.coordinator,
    )
    client = client_as(world.coordinator)
    # The opportunities page also looks up the resources already made from them; the HTML
    # pages count the bell of the top bar; the grid counts the comments of its rows.
    expected = 8 + (name in ("opportunities", "grid")) + (name not in ("grid_csv", "grid_xlsx"))
    with django_assert_num_queries(expected):
        response = client.get(url(name, world.project))
    assert response.status_code == 200
