"""Background jobs of the notifications (Django's task API, database backend)."""

from django_tasks import task

from . import delivery


@task()
def deliver_mails(mail_ids: list[int]) -> dict:
    """Send a batch of queued mails; each is claimed on its own, so a batch can be run
    twice, by two workers, or after a crash, without sending a mail twice."""
    outcome: dict[str, int] = {}
    for mail_id in mail_ids:
        result = delivery.deliver(mail_id)
        outcome[result] = outcome.get(result, 0) + 1
    return outcome
