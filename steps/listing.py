"""Helpers for the long lists of the tools: what every row repeats is built once per page.

A reverse() or a loop of <option>s per row cost more than the rest of the row.
"""

from django.urls import reverse
from django.utils.safestring import SafeString

from mutualisation import markup

# A number no project slug ends with: reverse() once, then put each object's id there.
_ID_MARKER = 4294967291


def url_of_each(name: str, *args):
    """id → reverse(name, args=[*args, id]) from a single reverse(): the id must be the
    URL's last parameter (the project slug, and maybe a step code, come before it)."""
    head, _marker, tail = reverse(name, args=[*args, _ID_MARKER]).rpartition(str(_ID_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"


class Options:
    """The <option>s of a select over `choices`, made once per selected value."""

    def __init__(self, choices):
        self.choices = [(value, str(label)) for value, label in choices]
        self.labels = dict(self.choices)
        self._made = {}

    def __call__(self, selected) -> SafeString:
        if selected not in self._made:
            self._made[selected] = markup.options(self.choices, selected)
        return self._made[selected]
