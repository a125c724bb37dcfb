"""The project's dates in people's calendars: the page that explains how and gives the
person's private address, the one-off .ics download, and the address itself (public: a
calendar program cannot log in, the token in the address is the credential)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from mutualisation.formats import plural_count
from notifications.services import site_url
from projects.access import Access, allowed_when_archived, project_view

from .calendar import (
    calendar_events,
    create_feed,
    feed_membership,
    file_name,
    live_feed,
    project_calendar,
    revoke_feed,
)

# Upcoming dates listed on the page; the rest are counted.
UPCOMING_LISTED = 10


def _ics_response(calendar, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Personal data: no shared cache keeps a copy, no search engine lists it.
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@project_view(Access.READ)
@allowed_when_archived
def calendar_page(request, membership):
    project = membership.project
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            create_feed(request.user, project)
            messages.success(
                request,
                _(
                    "Votre adresse privée est prête : ajoutez-la à votre agenda comme "
                    "expliqué ci-dessous."
                ),
            )
        elif action == "revoke":
            if revoke_feed(request.user, project):
                messages.success(
                    request,
                    _(
                        "Adresse révoquée : les agendas qui l'utilisaient ne reçoivent plus les "
                        "dates du projet."
                    ),
                )
        return redirect("steps:calendar", project.slug)

    feed = live_feed(request.user, project)
    feed_url = webcal_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("calendar_feed", kwargs={"feed_token": feed.token})
        )
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    today = timezone.localdate()
    upcoming = [event for event in calendar_events(project, membership) if event.day >= today]
    more = len(upcoming) - UPCOMING_LISTED
    return render(
        request,
        "steps/followup/calendar.html",
        {
            "project": project,
            "membership": membership,
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "upcoming": upcoming[:UPCOMING_LISTED],
            "more_text": (
                ngettext(
                    "… et %(count)s autre date.",
                    "… et %(count)s autres dates.",
                    plural_count(more),
                )
                % {"count": more}
                if more > 0
                else ""
            ),
        },
    )


@project_view(Access.READ)
@require_safe
def calendar_download(request, membership):
    project = membership.project
    calendar = project_calendar(project, membership, absolute=request.build_absolute_uri)
    return _ics_response(calendar, file_name(project), attachment=True)


@require_safe
def calendar_feed(request, feed_token):
    """Public: an unknown or revoked address, or one whose person has left the project,
    answers 404. The texts are in the language of the person's e-mails."""
    membership = feed_membership(feed_token)
    if membership is None:
        raise Http404
    project = membership.project
    with translation.override(membership.user.language):
        calendar = project_calendar(project, membership, absolute=site_url)
    return _ics_response(calendar, file_name(project), attachment=False)
