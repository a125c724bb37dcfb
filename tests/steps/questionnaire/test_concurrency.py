"""Two connections saving the same answer from the same version, on PostgreSQL."""

import threading

import pytest
from django.db import connection

from steps.models import Answer, AnswerRevision
from steps.questionnaire import services

pytestmark = [
    pytest.mark.usefixtures("small_catalogue"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Verrous de lignes réels : ce test tourne sur PostgreSQL (make test-postgres).",
    ),
]


def _save(world, raw, base, user):
    return services.save_answer(
        project=world.project,
        organisation=world.org_a,
        question_code="impulsion.besoin",
        raw_value=raw,
        base_version=base,
        user=user,
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_save_same_base_version_one_wins_one_conflicts(world):
    """Both start from version 1: one save becomes version 2, the other is a conflict."""
    _save(world, "Première version", 0, world.partner_a)
    barrier = threading.Barrier(2)
    outcomes = {}

    def race(name, user):
        try:
            barrier.wait()
            _save(world, f"Version de {name}", 1, user)
            outcomes[name] = "saved"
        except services.Conflict:
            outcomes[name] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=race, args=("Paul", world.partner_a)),
        threading.Thread(target=race, args=("Claire", world.coordinator)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    answer = Answer.objects.get()
    assert (answer.value, answer.version) == (f"Version de {winner}", 2)
    assert AnswerRevision.objects.count() == 2
