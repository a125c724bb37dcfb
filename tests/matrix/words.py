"""The glossary of the method (issue 19): public, like « À propos de la méthode »."""

from . import PUBLIC

MATRIX = {
    "glossary": (PUBLIC, None),
}
URL_KWARGS = {}
