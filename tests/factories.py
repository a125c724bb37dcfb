"""Factories for test data; `MembershipFactory(user=…, role=…)` is the usual entry point."""

import factory

from projects.models import Invitation, Membership, Organisation, Project, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    full_name = factory.Faker("name", locale="fr_CA")
    password = factory.django.Password("motdepasse-test")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisme communautaire {n}")
    region = "Montérégie"
    sector = "Sécurité alimentaire"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projet de mutualisation {n}")
    territory = "Montérégie-Ouest"
    created_by = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = Role.COORDINATOR
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda m: m.role == Role.PARTNER),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invite{n}@exemple.org")
    project = factory.SubFactory(ProjectFactory)
    role = Role.PARTNER
    organisation = factory.SubFactory(OrganisationFactory)
