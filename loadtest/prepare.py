"""Prepare a throwaway database for `make loadtest` and list the simulated people.

    python loadtest/prepare.py --organisations 30 -o users.json

Builds the demo project and, unless --organisations 0, a synthetic project of that many
organisations (every step filled, 10 pooled resources, 200 actions); reopens the
portrait (step Réflexion) of every other organisation so their partners have answers
to autosave while the grid still crosses the portraits of the others; gives every
member one password generated for this run; writes the accounts and the URLs each
one visits to a JSON file (mode 600) that loadtest/locustfile.py reads.

Refuses a database that already holds projects: it changes passwords.
"""

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutualisation.settings")
    import django

    django.setup()


def reopen_every_other_portrait(project, coordinator):
    from steps.questionnaire import services

    organisations = project.organisations.order_by("pk")
    for index, organisation in enumerate(organisations):
        if index % 2 == 1:
            services.reopen_step(
                project=project, organisation=organisation, step="reflexion", user=coordinator
            )


def personas(project):
    """One entry per membership of `project`: who logs in and the URLs they visit."""
    from django.urls import reverse

    from projects.models import Role

    slug = project.slug
    common = {
        "project": slug,
        "dashboard": reverse("steps:dashboard", args=[slug]),
        "grid": reverse("steps:grid", args=[slug]),
        "steps": [reverse("steps:step", args=[slug, code]) for code in STEP_CODES],
    }
    entries = []
    for membership in project.memberships.select_related("user").order_by("pk"):
        entry = common | {"email": membership.user.email, "role": membership.role}
        if membership.role == Role.PARTNER:
            entry["questionnaires"] = [
                reverse("steps:org_answers", args=[slug, "reflexion", membership.organisation_id])
            ]
        elif membership.role == Role.COORDINATOR:
            entry["questionnaires"] = [
                reverse("steps:step", args=[slug, code]) for code in ("realisation", "evaluation")
            ]
        else:
            entry["questionnaires"] = []
        entries.append(entry)
    return entries


STEP_CODES = ("impulsion", "reflexion", "diagnostic", "modelisation", "realisation", "evaluation")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=30)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    setup_django()

    from django.db import transaction

    from projects.models import Project, Role, User
    from steps.demo import build_demo_project
    from steps.transfer.export import export_project
    from steps.transfer.synthetic import build_synthetic_project

    if Project.objects.exists():
        sys.exit("La base contient déjà des projets : le test de charge veut une base neuve.")
    with transaction.atomic():
        demo = build_demo_project()
        projects = [demo]
        if args.organisations:
            template = json.loads(json.dumps(export_project(demo)))
            projects.append(
                build_synthetic_project(
                    template, organisations=args.organisations, resources=10, actions=200
                )
            )
        for project in projects:
            coordinator = project.memberships.filter(role=Role.COORDINATOR).first().user
            reopen_every_other_portrait(project, coordinator)
        password = secrets.token_urlsafe(18)
        users = User.objects.filter(memberships__project__in=projects).distinct()
        for user in users:
            user.set_password(password)
            user.save(update_fields=["password"])
    document = {
        "password": password,
        "personas": [entry for project in projects for entry in personas(project)],
    }
    output = Path(args.output)
    output.touch(mode=0o600)
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    counts = {}
    for entry in document["personas"]:
        counts[entry["role"]] = counts.get(entry["role"], 0) + 1
    print(
        f"Test de charge : {len(projects)} projet(s), {users.count()} comptes, "
        + ", ".join(f"{count} {role}" for role, count in sorted(counts.items()))
    )


if __name__ == "__main__":
    main()
