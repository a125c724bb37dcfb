"""The grid's sentences are read in French and in English: compile the catalogues first."""

import pytest


@pytest.fixture(autouse=True)
def _catalogues(compiled_catalogues):
    """Every test here may read a plural in French (« 0 écart ») or a sentence in English."""
