"""The opportunities of the diagnostic grouped for reading (pure, no ORM).

At 30 organisations an offer meets dozens of needs: listed pair by pair, the same offer
fills a page. Grouped by offer, each offering organisation × item is one row with the
organisations that need it; grouped by resource type, one row per type of resource.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .grid import Item, Opportunity, OrgRef

BY_OFFER = "offre"
BY_TYPE = "type"
GROUPINGS = (BY_OFFER, BY_TYPE)
PAGE_SIZE = 25  # groups per page


def _unique(organisations: Iterable[OrgRef]) -> tuple[OrgRef, ...]:
    return tuple(dict.fromkeys(organisations))


@dataclass(frozen=True)
class OfferGroup:
    """One organisation's offer on one item, and every need it meets."""

    offerer: OrgRef
    offer_item: Item
    offer_text: str
    resource_type: str
    opportunities: tuple[Opportunity, ...]

    @property
    def key(self) -> str:
        return f"{self.offerer.id}|{self.offer_item.code}"

    @property
    def needers(self) -> tuple[OrgRef, ...]:
        """The organisations that need it, each once (one may need it on two items)."""
        return _unique(o.needer for o in self.opportunities)

    @property
    def count(self) -> int:
        return len(self.needers)


@dataclass(frozen=True)
class TypeGroup:
    """Every offer and need of one resource type (or of one item without a type)."""

    resource_type: str  # "" when the item has no resource type: it matches only itself
    item: Item
    offers: tuple[OfferGroup, ...]

    @property
    def key(self) -> str:
        return self.resource_type or self.item.code

    @property
    def opportunities(self) -> tuple[Opportunity, ...]:
        return tuple(o for group in self.offers for o in group.opportunities)

    @property
    def offerers(self) -> tuple[OrgRef, ...]:
        return _unique(group.offerer for group in self.offers)

    @property
    def needers(self) -> tuple[OrgRef, ...]:
        return _unique(o.needer for o in self.opportunities)

    @property
    def count(self) -> int:
        """How many offer × need matches the type holds."""
        return len(self.opportunities)


def filter_opportunities(
    found: Iterable[Opportunity], *, dimension: str = "", organisation_id: int | None = None
) -> list[Opportunity]:
    """The opportunities touching `dimension` (offer or need side) and `organisation_id`
    (as the one who offers or the one who needs); empty values filter nothing.

    >>> from steps.diagnostic.grid import Item, Opportunity, OrgRef
    >>> a, b = OrgRef(1, "A"), OrgRef(2, "B")
    >>> van = Item("reflexion.installations.transport", "Transport", "Transport", "installations")
    >>> o = Opportunity(a, b, van, van, "Un camion", "Livrer")
    >>> len(filter_opportunities([o], dimension="identite")), len(filter_opportunities([o]))
    (0, 1)
    >>> len(filter_opportunities([o], organisation_id=2))
    1
    """
    result = []
    for o in found:
        if dimension and dimension not in (o.offer_item.dimension, o.need_item.dimension):
            continue
        if organisation_id is not None and organisation_id not in (o.offerer.id, o.needer.id):
            continue
        result.append(o)
    return result


def by_offer(found: Sequence[Opportunity]) -> list[OfferGroup]:
    """One group per offering organisation × item, in the order of the opportunities."""
    groups: dict[tuple[int, str], list[Opportunity]] = {}
    for o in found:
        groups.setdefault((o.offerer.id, o.offer_item.code), []).append(o)
    return [
        OfferGroup(
            offerer=members[0].offerer,
            offer_item=members[0].offer_item,
            offer_text=members[0].offer_text,
            resource_type=members[0].resource_type,
            opportunities=tuple(members),
        )
        for members in groups.values()
    ]


def by_type(found: Sequence[Opportunity]) -> list[TypeGroup]:
    """One group per resource type (items without a type: one group per item), the
    types met first coming first, each with its offers grouped."""
    offers: dict[str, list[OfferGroup]] = {}
    first_item: dict[str, Item] = {}
    for group in by_offer(found):
        key = group.resource_type or group.offer_item.code
        offers.setdefault(key, []).append(group)
        first_item.setdefault(key, group.offer_item)
    return [
        TypeGroup(
            resource_type=members[0].resource_type,
            item=first_item[key],
            offers=tuple(members),
        )
        for key, members in offers.items()
    ]
