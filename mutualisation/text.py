"""Free text with a maximum: a partner's 2.4 MB « mission » once made its portrait PDF take
50 s. Every TextField a person types into is built here, so the limit holds in the forms
(maxlength, and Django's French message with the limit), in the model's validators (the
import checks them) and in the reports."""

from django.core.validators import MaxLengthValidator
from django.db import models

# About two pages of text: more than any answer of the method asks for.
TEXT_MAX = 5_000
# The agreement's sections, which may quote whole clauses.
LONG_TEXT_MAX = 20_000


def bounded_text(verbose_name, *, max_length: int = TEXT_MAX, **kwargs) -> models.TextField:
    """A TextField of at most `max_length` characters."""
    return models.TextField(
        verbose_name,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length)],
        **kwargs,
    )
