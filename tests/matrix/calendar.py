"""Calendar feeds (steps/followup, issue 17): the page and the one-off download for every
member; the private address is public, its token being the credential."""

from steps.models import CalendarFeed

from . import PUBLIC, READ


def _live_feed_token(world):
    # The coordinator's live address of world.project: anyone holding it reads the feed.
    feed, _created = CalendarFeed.objects.get_or_create(
        user=world.coordinator, project=world.project, revoked_at=None
    )
    return feed.token


MATRIX = {
    "steps:calendar": (READ, None),
    "steps:calendar_download": (READ, None),
    "calendar_feed": (PUBLIC, None),
}

URL_KWARGS = {
    "feed_token": _live_feed_token,
}
