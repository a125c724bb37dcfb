"""The words of the grid's values come from steps.diagnostic.labels, wherever they show."""

import csv
import io

import pytest
from django.urls import reverse

from steps.diagnostic import exports, grid, selectors
from steps.diagnostic.labels import (
    APPRECIATION_LABELS,
    IMPORTANCE_LABELS,
    STATE_LABELS,
    VERDICT_LABELS,
)
from steps.models import DiagnosticVerdict
from tests.factories import TRANSPORT, portrait, set_reflexion
from tests.i18n import in_english

pytestmark = pytest.mark.usefixtures("test_dimensions")


def test_model_choices_take_their_words_from_the_labels():
    """The stored verdict, importance and status read the same words as the pages."""
    assert dict(DiagnosticVerdict.VerdictChoice.choices) == VERDICT_LABELS
    assert dict(DiagnosticVerdict.ImportanceChoice.choices) == IMPORTANCE_LABELS
    assert dict(DiagnosticVerdict.Status.choices) == {
        state: STATE_LABELS[state] for state in (grid.State.SUGGESTED, grid.State.CONFIRMED)
    }


def test_every_value_has_its_word():
    """No appreciation, verdict, importance or state is left without a label."""
    assert set(APPRECIATION_LABELS) == {*grid.APPRECIATIONS, ""}
    assert set(VERDICT_LABELS) == set(grid.Verdict)
    assert set(IMPORTANCE_LABELS) == set(grid.Importance)
    assert set(STATE_LABELS) == set(grid.State)


@pytest.fixture
def one_row(world):
    """A and B submitted; A offers a truck B needs."""
    set_reflexion(world.project, world.org_a)
    set_reflexion(world.project, world.org_b)
    portrait(world.project, world.org_a, TRANSPORT, appreciation="force", offre="Camion")
    portrait(world.project, world.org_b, TRANSPORT, appreciation="faiblesse", besoin="Camion")
    return world


def test_grid_page_legend_and_cells_read_the_labels_in_english(settings, one_row, client_as):
    """In English, the legend says « suggested », the cells « Strength » and « Weakness »."""
    settings.LANGUAGES = [("fr-ca", "Français"), ("en", "English")]
    client = client_as(one_row.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    project = one_row.project
    url = reverse("steps:grid", kwargs={"project_slug": project.slug}) + "?dimension=toutes"
    content = client.get(url).content.decode()
    for state in grid.State:
        assert f"{in_english(STATE_LABELS[state]).lower()}</span>" in content
    assert in_english(APPRECIATION_LABELS[grid.FORCE]) in content
    assert in_english(APPRECIATION_LABELS[grid.FAIBLESSE]) in content


def test_csv_export_reads_the_labels(one_row):
    """The CSV's appreciation, verdict, state and importance columns use the same words."""
    data = selectors.build_grid(one_row.project)
    rows = list(csv.reader(io.StringIO(exports.grid_csv(data).lstrip("\ufeff")), delimiter=";"))
    line = next(line for line in data.lines if line.code == TRANSPORT)
    transport = next(row for row in rows if row[1] == str(line.row.item.label))
    assert str(APPRECIATION_LABELS[grid.FORCE]) in transport
    assert str(VERDICT_LABELS[line.verdict.verdict]) in transport
    assert str(STATE_LABELS[line.verdict.state]) in transport
    assert str(IMPORTANCE_LABELS[line.verdict.importance]) in transport
