"""The checklist's catalogue: stable unique codes, every step covered, every item sourced."""

import re

from django.utils import translation

from mutualisation.typography import french
from projects.method import STEPS
from steps.catalogue.resources import ResourceType
from steps.checklist.catalogue import ITEMS, KIND_LABELS, SOURCE_LABELS, Kind, items_of
from steps.checklist.models import ChecklistEntry

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_catalogue_codes_are_unique_slugs_that_fit_the_model():
    codes = [item.code for item in ITEMS]
    assert len(codes) == len(set(codes))
    max_length = ChecklistEntry._meta.get_field("code").max_length
    for code in codes:
        assert SLUG.match(code), code
        assert len(code) <= max_length


def test_catalogue_every_step_has_conditions_and_pitfalls():
    for step in STEPS:
        kinds = {item.kind for item in items_of(step.code)}
        assert Kind.CONDITION in kinds, step.code
        assert Kind.PITFALL in kinds or Kind.RESOURCE in kinds, step.code


def test_catalogue_every_item_has_a_known_step_kind_and_source():
    step_codes = {step.code for step in STEPS}
    for item in ITEMS:
        assert item.step in step_codes
        assert item.kind in KIND_LABELS
        assert item.source in SOURCE_LABELS
        assert str(item.source_label)


def test_catalogue_resource_challenges_name_a_resource_type():
    """Challenges by resource type: equipment, transport, shared staff, expertise."""
    for item in ITEMS:
        if item.kind == Kind.RESOURCE:
            assert item.resource_type in ResourceType.values, item.code
        else:
            assert item.resource_type == "", item.code
    types = {item.resource_type for item in ITEMS if item.kind == Kind.RESOURCE}
    assert {ResourceType.EQUIPMENT, ResourceType.STAFF} <= types


def test_catalogue_every_source_is_used():
    assert {item.source for item in ITEMS} == set(SOURCE_LABELS)


def test_catalogue_french_texts_follow_french_typography():
    with translation.override("fr"):
        texts = [str(item.text) for item in ITEMS]
        texts += [str(label) for label in (*KIND_LABELS.values(), *SOURCE_LABELS.values())]
    for text in texts:
        assert french(text) == text, text
        assert len(text) <= 200, text


def test_catalogue_items_are_listed_conditions_first():
    kinds = [item.kind for item in items_of("modelisation")]
    assert kinds == sorted(kinds, key=[Kind.CONDITION, Kind.PITFALL, Kind.RESOURCE].index)
