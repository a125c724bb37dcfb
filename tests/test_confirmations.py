"""Destructive actions need a second, deliberate click and end with a success message.

One pattern on the pages (templates/_delete.html: a disclosure holding the form), a
confirmation page where the consequences need one (a resource, a member).
"""

import re

import pytest
from django.urls import reverse

from projects.models import Invitation, Membership
from steps.models import (
    CommunicationItem,
    ExtraPortraitItem,
    Measurement,
    PooledResource,
    Risk,
    StepStatus,
    UsageRecord,
)
from tests.factories import (
    ActionFactory,
    CommunicationItemFactory,
    ExtraPortraitItemFactory,
    InvitationFactory,
    MeasurementFactory,
    PooledResourceFactory,
    RiskFactory,
    UsageRecordFactory,
    submit,
)

DISCLOSURE = re.compile(r'<details class="delete-zone[^"]*">(.* ?)</details>', re.S)


def _disclosures(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return DISCLOSURE.findall(response.content.decode())


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _risk(world):
    risk = RiskFactory(project=world.project, title="Panne du camion")
    slug = world.project.slug
    return (
        reverse("steps:risk_edit", args=[slug, risk.pk]),
        reverse("steps:risk_delete", args=[slug, risk.pk]),
        lambda: not Risk.objects.filter(pk=risk.pk).exists(),
        "Le risque « Panne du camion » est supprimé.",
    )


def _communication_item(world):
    item = CommunicationItemFactory(project=world.project)
    slug = world.project.slug
    return (
        reverse("steps:communication_item_edit", args=[slug, item.pk]),
        reverse("steps:communication_item_delete", args=[slug, item.pk]),
        lambda: not CommunicationItem.objects.filter(pk=item.pk).exists(),
        "L'élément est retiré du plan de communication.",
    )


def _usage(world):
    record = UsageRecordFactory(resource__project=world.project, organisation=world.org_a)
    slug = world.project.slug
    return (
        reverse("steps:usage", args=[slug, record.resource.pk]),
        reverse("steps:usage_delete", args=[slug, record.pk]),
        lambda: not UsageRecord.objects.filter(pk=record.pk).exists(),
        "Utilisation supprimée.",
    )


def _measurement(world):
    measurement = MeasurementFactory(indicator__project=world.project, indicator__name="Repas")
    slug = world.project.slug
    return (
        reverse("steps:indicators", args=[slug]),
        reverse("steps:measurement_delete", args=[slug, measurement.pk]),
        lambda: not Measurement.objects.filter(pk=measurement.pk).exists(),
        "Mesure supprimée de « Repas ».",
    )


def _action(world):
    action = ActionFactory(project=world.project, organisation=world.org_a, title="Louer")
    slug = world.project.slug
    return (
        reverse("steps:action_edit", args=[slug, action.pk]),
        reverse("steps:action_delete", args=[slug, action.pk]),
        lambda: not world.project.actions.filter(pk=action.pk).exists(),
        "Action « Louer » supprimée.",
    )


def _invitation(world):
    invitation = InvitationFactory(project=world.project, organisation=world.org_b)
    slug = world.project.slug
    return (
        reverse("projects:members", args=[slug]),
        reverse("projects:invitation_revoke", args=[slug, invitation.pk]),
        lambda: Invitation.objects.get(pk=invitation.pk).revoked_at is not None,
        f"L'invitation de {invitation.email} est annulée : son lien ne fonctionne plus.",
    )


def _reopen_organisation(world):
    submit(world.project, world.org_a, "impulsion")
    slug = world.project.slug
    return (
        reverse("steps:org_answers", args=[slug, "impulsion", world.org_a.pk]),
        reverse("steps:reopen_org", args=[slug, "impulsion", world.org_a.pk]),
        lambda: StepStatus.objects.get(organisation=world.org_a).status == "reopened",
        "Réponses rouvertes : elles sont de nouveau modifiables.",
    )


def _reopen_project(world):
    submit(world.project, None, "impulsion")
    slug = world.project.slug
    return (
        reverse("steps:step", args=[slug, "impulsion"]),
        reverse("steps:reopen_project", args=[slug, "impulsion"]),
        lambda: StepStatus.objects.get(organisation=None).status == "reopened",
        "Réponses du projet rouvertes.",
    )


@pytest.mark.parametrize(
    "make",
    [
        _risk,
        _communication_item,
        _usage,
        _measurement,
        _action,
        _invitation,
        _reopen_organisation,
        _reopen_project,
    ],
)
def test_destructive_action_sits_behind_a_disclosure(world, client_as, make):
    """The form of the action is inside the disclosure; posting it acts and says so."""
    page_url, action_url, done, message = make(world)
    client = client_as(world.coordinator)
    disclosures = _disclosures(client, page_url)
    (zone,) = [zone for zone in disclosures if f'action="{action_url}"' in zone]
    assert "<summary" in zone and 'type="submit"' in zone
    response = client.post(action_url, follow=True)
    assert done()
    assert message in _messages(response)


def test_extra_portrait_item_removal_sits_behind_a_disclosure(world, client_as):
    """Removing an « autre » item of a portrait (and its answers) takes two clicks too."""
    item = ExtraPortraitItemFactory(project=world.project, organisation=world.org_a, label="Serre")
    client = client_as(world.partner_a)
    url = reverse("steps:org_answers", args=[world.project.slug, "reflexion", world.org_a.pk])
    (zone,) = [z for z in _disclosures(client, url) if f'form="retirer-element-{item.pk}"' in z]
    assert "Retirer définitivement" in zone
    response = client.post(
        reverse("steps:extra_item_remove", args=[world.project.slug, item.pk]), follow=True
    )
    assert not ExtraPortraitItem.objects.filter(pk=item.pk).exists()
    assert "Élément « Serre » retiré." in _messages(response)


def test_resource_deletion_asks_on_a_page_first(world, client_as):
    """GET shows what will go with the resource and deletes nothing; POST deletes."""
    resource = PooledResourceFactory(project=world.project, name="Camion")
    url = reverse("steps:resource_delete", args=[world.project.slug, resource.pk])
    client = client_as(world.coordinator)
    assert "Supprimer la ressource « Camion » ?" in client.get(url).content.decode()
    assert PooledResource.objects.filter(pk=resource.pk).exists()
    response = client.post(url, follow=True)
    assert not PooledResource.objects.filter(pk=resource.pk).exists()
    assert "Ressource « Camion » supprimée." in _messages(response)


def test_member_removal_asks_on_a_page_first(world, client_as):
    """GET asks; POST removes the member and says so."""
    target = Membership.objects.get(user=world.advisor)
    url = reverse("projects:member_remove", args=[world.project.slug, target.pk])
    client = client_as(world.coordinator)
    assert "Retirer du projet" in client.get(url).content.decode()
    assert Membership.objects.filter(pk=target.pk).exists()
    response = client.post(url, follow=True)
    assert not Membership.objects.filter(pk=target.pk).exists()
    assert "Ariane Conseil ne fait plus partie du projet." in _messages(response)
