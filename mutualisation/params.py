"""Numbers read from a query string or a form by hand, through one gate.

`str.isdigit()` accepts « ² » (which int() refuses) and any length (which overflows a
PostgreSQL bigint): `int_param` takes ASCII digits only, within bounds, or gives None.
"""

# PostgreSQL's integer; ids, pages and indexes all fit well below it.
INT_MAX = 2**31 - 1


def int_param(value, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """`value` as an int when it is plain ASCII digits within [minimum, maximum], else None."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    if len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None
