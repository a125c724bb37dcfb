"""A report cannot hold a worker: past a time or size limit it fails in French."""

import time

import pytest
from django.urls import reverse

from mutualisation import pdf
from mutualisation.pdf import ReportTooLong, bounded_time, html_to_pdf


def test_pdf_limits_oversized_html_is_refused_before_layout(settings):
    settings.PDF_MAX_HTML_BYTES = 1_000
    with pytest.raises(ReportTooLong, match="trop long"):
        html_to_pdf("<p>" + "x" * 2_000 + "</p>")


def test_pdf_limits_time_limit_interrupts_a_long_layout():
    """A layout that runs past the limit stops with ReportTooLong, and the alarm is off."""
    html = "<table>" + "<tr><td>cellule</td><td>autre</td></tr>" * 40_000 + "</table>"
    started = time.monotonic()
    with pytest.raises(ReportTooLong):
        html_to_pdf(html, time_limit=0.3)
    assert time.monotonic() - started < 5
    time.sleep(0.4)  # no alarm left behind


def test_pdf_limits_time_limit_lets_short_work_finish():
    with bounded_time(5):
        assert html_to_pdf("<p>Bonjour</p>").page_count == 1


@pytest.mark.django_db
def test_pdf_limits_report_page_says_so_in_french(client_as, world, settings, monkeypatch):
    settings.PDF_MAX_HTML_BYTES = 1_000
    response = client_as(world.advisor).get(
        reverse("steps:report_entente", args=[world.project.slug])
    )
    assert response.status_code == 503
    content = response.content.decode()
    assert "Ce rapport est trop long pour être produit" in content
    assert world.project.get_absolute_url() in content
    assert pdf.BASE_URL not in content


@pytest.mark.django_db
def test_pdf_limits_report_past_its_time_says_so_in_french(client_as, world, settings):
    """In a request, the time limit applies (the command line and the bench have none)."""
    settings.PDF_TIME_LIMIT_SECONDS = 0.001
    response = client_as(world.advisor).get(
        reverse("steps:report_entente", args=[world.project.slug])
    )
    assert response.status_code == 503
    assert "Ce rapport est trop long pour être produit" in response.content.decode()


def test_pdf_limits_an_alarm_swallowed_somewhere_rings_again():
    """Raised inside a __del__ or a gc callback, the first alarm is lost: another follows."""
    started = time.monotonic()
    swallowed = 0
    with pytest.raises(ReportTooLong), bounded_time(0.1):
        while time.monotonic() - started < 5:
            try:
                while time.monotonic() - started < 5:
                    pass
            except ReportTooLong:
                if swallowed:
                    raise
                swallowed += 1  # dropped, as Python drops it in a __del__
    assert swallowed == 1
    assert time.monotonic() - started < 2
    time.sleep(0.5)  # and nothing rings after the block
