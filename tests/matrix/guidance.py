"""The method's guidance pages (issue 19): public, like « À propos de la méthode »."""

from . import PUBLIC

MATRIX = {
    "legal_forms": (PUBLIC, None),
    "inspiring_cases": (PUBLIC, None),
}
