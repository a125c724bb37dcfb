"""A large synthetic project for the benchmark and the round-trip tests.

It starts from the demo project's document (every step filled) and reshapes it: N
organisations (the demo's four, cloned in turn with their members, answers, statuses,
portrait items, commitments, uses and consent responses, or fewer), then as many pooled
resources and actions as asked, and imports the result through the importer.
"""

import copy
import json
import re

from django.apps import apps

from .export import export_project
from .importer import import_project
from .schema import ORGANISATION_PREFIX, SECTIONS

# Sections whose records belong to one organisation and are cloned with it.
CLONED = (
    "members",
    "step_statuses",
    "deadlines",
    "extra_items",
    "answers",
    "answer_revisions",
    "commitments",
    "usage_records",
    "consent_responses",
)
CODE = re.compile(r"^(reflexion\.[a-z0-9-]+\.autre-)#(\d+)(?=\.|$)")


def _relations(section):
    from .export import record_fields

    model = apps.get_model(section.model)
    return [f for f in record_fields(model) if f.is_relation]


def _recode(value, positions):
    match = CODE.match(value or "")
    if not match:
        return value
    new = positions.get(int(match.group(2)))
    return None if new is None else f"{match.group(1)}#{new}{value[match.end() :]}"


def _code_field(section):
    return {"answers": "question_code", "diagnostic_verdicts": "item_code"}.get(section.name)


def _trim(document, count):
    """Keep the first `count` organisations and what does not depend on the others."""
    removed = {row["ref"] for row in document["organisations"][count:]}
    document["organisations"] = document["organisations"][:count]
    project = document["project"]
    project["organisations"] = [r for r in project["organisations"] if r not in removed]
    positions = {}
    for section in SECTIONS:
        kept = []
        for row in document[section.name]:
            drop = False
            for field in _relations(section):
                value = row.get(field.name)
                if field.many_to_many:
                    row[field.name] = [ref for ref in value if ref not in removed]
                elif value in removed:
                    # A record of a removed organisation goes with it (a partner's
                    # membership, an answer…); elsewhere the link is emptied.
                    if field.null and not (
                        section.name in CLONED and field.name == "organisation"
                    ):
                        row[field.name] = None
                    else:
                        drop = True
            code_field = _code_field(section)
            if code_field and not drop:
                row[code_field] = _recode(row[code_field], positions)
                drop = row[code_field] is None
            if section.name == "change_records" and row.get("object") in removed:
                row["object"] = None
            if section.name in ("comments", "comment_threads") and row.get("object") in removed:
                drop = True  # a thread goes with its object
            if drop:
                removed.add(row["ref"])
            else:
                kept.append(row)
        if section.name == "extra_items":
            positions = {
                old: new
                for new, old in enumerate(
                    (
                        number
                        for number, row in enumerate(document[section.name], start=1)
                        if row["ref"] not in removed
                    ),
                    start=1,
                )
            }
        document[section.name] = kept


def _clone_organisation(document, source, number):
    """Add organisation `number`, a copy of organisation `source` and of its records."""
    organisation = copy.deepcopy(source)
    organisation["ref"] = f"{ORGANISATION_PREFIX}-{number}"
    organisation["name"] = f"{source['name']} ({number})"
    organisation["neq"] = ""
    document["organisations"].append(organisation)
    document["project"]["organisations"].append(organisation["ref"])
    mapping = {source["ref"]: organisation["ref"]}
    people = {}
    positions = {}
    for section in SECTIONS:
        if section.name not in CLONED:
            continue
        rows = document[section.name]
        code_field = _code_field(section)
        for row in list(rows):
            relations = _relations(section)
            if not any(row.get(f.name) in mapping for f in relations if not f.many_to_many):
                continue
            clone = copy.deepcopy(row)
            clone["ref"] = f"{section.ref_prefix}-{len(rows) + 1}"
            for field in relations:
                value = clone.get(field.name)
                if section.name == "members" and field.name == "user":
                    people[value] = f"partenaire-{number}@bench.exemple.org"
                if isinstance(value, str):
                    clone[field.name] = mapping.get(value, people.get(value, value))
            if code_field:
                clone[code_field] = _recode(clone[code_field], positions) or clone[code_field]
            mapping[row["ref"]] = clone["ref"]
            rows.append(clone)
            if section.name == "extra_items":
                positions[rows.index(row) + 1] = len(rows)
    for email in sorted(set(people.values())):
        document["users"].append({"email": email, "full_name": f"Partenaire {number}"})


def _multiply(document, section_name, total, prefix, label_field, organisation_field):
    rows = document[section_name]
    organisations = document["project"]["organisations"]
    originals = list(rows)
    index = 0
    while len(rows) < total:
        clone = copy.deepcopy(originals[index % len(originals)])
        clone["ref"] = f"{prefix}-{len(rows) + 1}"
        clone[label_field] = f"{clone[label_field]} ({len(rows) + 1})"[:200]
        clone[organisation_field] = organisations[len(rows) % len(organisations)]
        if "created_from" in clone:
            clone["created_from"] = None
        rows.append(clone)
        index += 1


def synthetic_document(template, *, organisations=30, resources=10, actions=200):
    """A copy of a project document reshaped to the sizes asked."""
    document = copy.deepcopy(template)
    sources = list(document["organisations"])
    if organisations < len(sources):
        _trim(document, organisations)
    for number in range(len(sources) + 1, organisations + 1):
        _clone_organisation(document, sources[(number - 1) % len(sources)], number)
    _multiply(
        document, "pooled_resources", resources, "resource", "name", "responsible_organisation"
    )
    _multiply(document, "actions", actions, "action", "title", "organisation")
    document["project"]["slug"] = f"synthetique-{organisations}"
    document["project"]["name"] = f"Projet synthétique à {organisations} organisations"
    return document


def build_synthetic_project(template=None, **sizes):
    """Import a synthetic project; `template` is a project document (default: the demo)."""
    if template is None:
        from steps.demo import build_demo_project

        template = json.loads(json.dumps(export_project(build_demo_project())))
    return import_project(synthetic_document(template, **sizes)).project
