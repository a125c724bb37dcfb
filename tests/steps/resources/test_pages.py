"""Resource page polish: what each total includes, « — » for a component a method does
not count, one « Modifier le calcul », and empty cost fields that all start blank."""

import html
import re

from django.urls import reverse

from tests.factories import PLANER_INPUTS, PooledResourceFactory


def url(name, project, **kwargs):
    return reverse(name, kwargs={"project_slug": project.slug, **kwargs})


def page_text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\u202f", " ").split())


def planer(world):
    """The guide's planer, 30 uses a year: guide 37,84 $, full cost with fixed costs."""
    return PooledResourceFactory(
        project=world.project, name="Raboteuse", estimated_uses_per_year=30, **PLANER_INPUTS
    )


def amounts(page: str, label: str) -> list[str]:
    """The two amount cells (guide, full cost) of a line of the breakdown."""
    match = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", page)
    assert match, label
    return re.findall(r'<td class="num"[^>]*>(.*?)</td>', match.group(1))


def test_resource_columns_say_what_each_total_includes(world, client_as):
    """Each method's column carries one sentence about what it counts."""
    page = page_text(
        client_as(world.advisor).get(
            url("steps:resource_detail", world.project, resource_id=planer(world).pk)
        )
    )
    assert (
        'Méthode du guide<span class="method-scope">Le prix d’achat réparti sur chaque heure '
        "de la vie du bien, plus ce que coûte l’utilisation.</span>" in page
    )
    assert (
        'Coût complet<span class="method-scope">Tous les coûts fixes de l’année répartis sur '
        "les utilisations prévues, plus ce que coûte l’utilisation.</span>" in page
    )


def test_resource_components_not_counted_read_sans_objet(world, client_as):
    """Replacement under the full cost and the guide's empty fixed share show « — »."""
    page = page_text(
        client_as(world.advisor).get(
            url("steps:resource_detail", world.project, resource_id=planer(world).pk)
        )
    )
    dash = '<span aria-hidden="true">—</span><span class="visually-hidden">sans objet</span>'
    assert amounts(page, "Remplacement (amortissement)") == ["0,29 $", dash]
    # No management nor other yearly cost: the guide method has no fixed share here.
    assert amounts(page, "Part des coûts fixes annuels") == [dash, "16,67 $"]
    assert amounts(page, "Consommables") == ["2,50 $", "2,50 $"]


def test_resource_page_has_one_modifier_le_calcul(world, client_as):
    """« Modifier le calcul » is the tab only, not also a button."""
    content = (
        client_as(world.coordinator)
        .get(url("steps:resource_detail", world.project, resource_id=planer(world).pk))
        .content.decode()
    )
    assert content.count("Modifier le calcul") == 1
    assert 'class="nav-link" href="' in content


def test_new_resource_form_starts_blank_with_zero_placeholders(world, client_as):
    """The interest rate starts blank like the other costs; « 0 » is the placeholder."""
    content = (
        client_as(world.coordinator)
        .get(url("steps:resource_create", world.project))
        .content.decode()
    )
    for name in ("financing_rate", "hourly_rate", "residual_value"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', content).group(0)
        assert "value=" not in field, field
        assert 'placeholder="0"' in field
    assert "Laissez vide s'il n'y en a pas : le calcul compte alors 0 %." in html.unescape(
        content
    ).replace("\u00a0", " ")


def test_blank_interest_rate_is_stored_as_zero(world, client_as):
    """Left blank, the rate counts as 0."""
    client_as(world.coordinator).post(
        url("steps:resource_create", world.project),
        {"name": "Salle", "resource_type": "premises", "usage_unit": "heure"},
    )
    resource = world.project.pooled_resources.get(name="Salle")
    assert resource.financing_rate == 0


def test_edit_form_shows_stored_rate_in_percent(world, client_as):
    """A stored 5 % comes back as « 5 » in the edit form."""
    resource = planer(world)
    resource.financing_rate = "0.05"
    resource.save()
    content = (
        client_as(world.coordinator)
        .get(url("steps:resource_edit", world.project, resource_id=resource.pk))
        .content.decode()
    )
    field = re.search(r'<input[^>]*name="financing_rate"[^>]*>', content).group(0)
    assert 'value="5"' in field
