"""The benchmark command runs end to end on a small size (figures are not checked)."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_bench_prints_references_pages_and_query_counts(capsys):
    """One run per page: the table lists both references and every main page."""
    # The PDF measurements have their own tests (tests/test_bench.py): minutes otherwise.
    call_command("bench", runs=1, organisations=5, no_reports=True, projects=5, people=2)
    out = capsys.readouterr().out
    for label in ("Référence : vue nue", "Référence : tableau 50 × 8", "Plan d'action"):
        assert label in out
    assert "req. 5 org." in out
    # Follow-up (issue 16): the « À faire » block, the reminders for 1 then 5 projects.
    for label in ("À faire pour vous", "1 projet (5 org. × 2 pers.)", "5 projets, 2e passe"):
        assert label in out
    assert "Workers db_worker : non mesurés" in out  # the suite's database is not shared
    assert "requêtes variables" not in out
    assert "> 3 requêtes" not in out


def test_bench_refuses_a_database_with_projects(world):
    """The bench wants a fresh database and says so."""
    with pytest.raises(CommandError, match="base neuve"):
        call_command("bench", runs=1)
