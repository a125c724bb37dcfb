"""Fuzzing: random values posted to the answer autosave and the cost calculator never
make the server fail (no 500); bad input is refused with a message instead."""

import pytest
from django import forms
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steps import catalogue
from steps.resources.forms import ResourceForm

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any Unicode a browser can send (no lone surrogates: they cannot be encoded), NUL included.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
# Numbers people type, and numbers that break naive parsing.
NUMBERISH = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "",
            "1 234,56",
            "12,5 $",
            "1,234.56",
            "1e999",
            "-1e-999",
            "NaN",
            "∞",
            "0x10",
            "2026-02-30",
            "22/11/2026",
            "9999-12-31",
            "00",
            "-0",
            "١٢٣",
            " ",
        ]
    ),  # fmt: skip
)
VALUE = st.one_of(TEXT, NUMBERISH)
QUESTION_CODES = [question.code for question in catalogue.all_questions()]


def field_values(field) -> st.SearchStrategy:
    """Values for one calculator field: mostly of its kind, sometimes anything."""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return st.one_of(st.sampled_from([str(code) for code, _label in field.choices]), VALUE)
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return NUMBERISH
    return VALUE


@pytest.mark.slow
@pytest.mark.django_db
@FUZZ
@given(
    code=st.one_of(st.sampled_from(QUESTION_CODES), TEXT),
    values=st.lists(VALUE, min_size=0, max_size=3),
    other=st.one_of(st.none(), VALUE),
    organisation=st.sampled_from(["a", "b", "", "garbage"]),
    base_version=st.one_of(NUMBERISH, TEXT),
)
def test_fuzz_autosave_never_fails(
    world, client_as, code, values, other, organisation, base_version
):
    """Any question code, value, organisation id or version: an answer, never a 500."""
    client = client_as(world.coordinator)
    organisation_id = {"a": world.org_a.pk, "b": world.org_b.pk}.get(organisation, organisation)
    data = {
        "question_code": code,
        "organisation_id": organisation_id,
        "base_version": base_version,
        code: values,
    }
    if other is not None:
        data[f"{code}_autre"] = other

    response = client.post(reverse("steps:autosave", args=[world.project.slug]), data)

    assert response.status_code in {200, 400, 403, 404, 409}, response.content[:500]
    if response.status_code not in {403, 404}:  # access refusals are Django's pages
        assert response["Content-Type"] == "application/json"


@pytest.mark.slow
@pytest.mark.django_db
@FUZZ
@given(
    values=st.fixed_dictionaries(
        {name: field_values(field) for name, field in ResourceForm.base_fields.items()}
    ),
    view=st.sampled_from(["resource_preview", "resource_create"]),
)
def test_fuzz_calculator_never_fails(world, client_as, values, view):
    """Any input in the cost calculator: a breakdown or French errors, never a 500."""
    client = client_as(world.coordinator)

    response = client.post(reverse(f"steps:{view}", args=[world.project.slug]), values)

    assert response.status_code in {200, 302, 400}, response.content[:2000]
